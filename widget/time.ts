import { unbroken } from './text.js';

/**
 * A clock time as the page's language writes it, hours and minutes only ("10:41 AM", "10:41"):
 * the one format for every time the user reads (the widget's "valid until", the demo's messages).
 * Empty for a time that cannot be read.
 */
export function formatTime(when: string | number | Date, lang?: string): string {
  const date = new Date(when);
  // One unit on the line: "11:09 PM" never splits before "PM".
  return Number.isNaN(date.getTime())
    ? ''
    : unbroken(new Intl.DateTimeFormat(lang || undefined, { hour: 'numeric', minute: '2-digit' }).format(date));
}
