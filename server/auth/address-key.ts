import { isIPv6 } from 'node:net';

/** An IPv6 address as its eight groups, without leading zeros; an embedded IPv4 tail counts as two. */
function groups(ip: string): string[] {
  const bare = ip.split('%')[0]!.toLowerCase();
  const split = (s: string | undefined) => (s ? s.split(':').flatMap((g) => (g.includes('.') ? ['v4', 'v4'] : [g])) : []);
  const [head, tail] = bare.split('::');
  const h = split(head);
  const t = split(tail);
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.map((g) => (g === 'v4' ? g : parseInt(g, 16).toString(16)));
}

/**
 * The part of a client address one party holds, for limits per address: an IPv4 address as it
 * is, an IPv6 address by its /64, since one host is routinely handed a whole /64 and would
 * otherwise get a fresh budget per address it picks.
 */
export function addressKey(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${groups(ip).slice(0, 4).join(':')}::/64`;
}
