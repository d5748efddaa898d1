/**
 * Waits for `ending` (a worker thread's exit, say) with the process held up meanwhile. Neither a
 * thread unref'd while idle nor one being stopped keeps a process with nothing else to do alive:
 * it would end first, with a close half done and the await on it left hanging.
 */
export async function heldUntil<T>(ending: Promise<T>): Promise<T> {
  const hold = setInterval(() => undefined, 60_000);
  try {
    return await ending;
  } finally {
    clearInterval(hold);
  }
}
