/** More than any gateway's verdict needs; a longer answer is cut off, not held in memory. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Reads a provider's answer to the end, or gives up when `deadline` aborts. fetch's own signal
 * does not reach a body still being read once a garbage collection has taken undici's copy of
 * the request (nodejs/undici#4068), so a provider that stalls half-way would hang the login:
 * the read is cancelled here, on the deadline itself (its listener here keeps a timeout signal
 * alive for the whole read). undefined: the answer was too long.
 */
export async function readAnswer(response: Response, deadline: AbortSignal): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel(deadline.reason).catch(() => undefined);
  deadline.addEventListener('abort', cancel, { once: true });
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      deadline.throwIfAborted();
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      if (bytes > MAX_ANSWER_BYTES) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    deadline.removeEventListener('abort', cancel);
  }
}
