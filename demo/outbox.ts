import { formatTime } from '../widget/time.js';

interface OutboxMessage {
  channel: 'sms' | 'email';
  to: string;
  body: string;
  subject?: string;
  sentAt: string;
}

const POLL_MS = 2000;

/**
 * Shows what the server's development outbox holds, newest first, so the demo can be tried
 * without a phone or a mailbox. A server without the outbox answers 404: the panel stays hidden.
 */
export function watchOutbox(panel: HTMLElement, list: HTMLElement, empty: HTMLElement): void {
  let shown = '';
  const poll = async () => {
    let response: Response;
    try {
      response = await fetch('/api/v1/dev/outbox', { headers: { accept: 'application/json' }, cache: 'no-store' });
    } catch {
      return setTimeout(poll, POLL_MS);
    }
    if (response.status === 404) {
      panel.hidden = true;
      return;
    }
    if (response.ok) {
      const { messages } = (await response.json()) as { messages: OutboxMessage[] };
      const fingerprint = JSON.stringify(messages);
      if (fingerprint !== shown) {
        shown = fingerprint;
        list.replaceChildren(...newestFirst(messages).map(bubble));
        empty.hidden = messages.length > 0;
      }
      panel.hidden = false;
    }
    setTimeout(poll, POLL_MS);
  };
  void poll();
}

/** The contract sends them newest first; sorting here keeps the panel right whatever the order. */
function newestFirst(messages: OutboxMessage[]): OutboxMessage[] {
  const at = (m: OutboxMessage) => Date.parse(m.sentAt) || 0;
  return [...messages].sort((a, b) => at(b) - at(a));
}

/** Built with textContent only: message bodies come from the server and are never markup. */
function bubble(message: OutboxMessage): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `bubble ${message.channel}`;
  const meta = document.createElement('p');
  meta.className = 'meta';
  // The widget's time format ("valid until 10:41 AM"), so a code and its message line up.
  const time = document.createElement('time');
  time.dateTime = message.sentAt;
  time.textContent = formatTime(message.sentAt, document.documentElement.lang) || message.sentAt;
  meta.append(`${message.channel === 'sms' ? 'SMS' : 'E-mail'} to ${message.to} · `, time);
  item.append(meta);
  if (message.subject) {
    const subject = document.createElement('p');
    subject.className = 'subject';
    subject.textContent = message.subject;
    item.append(subject);
  }
  const body = document.createElement('p');
  body.className = 'body';
  body.textContent = message.body;
  item.append(body);
  return item;
}
