/** Edit distance with adjacent swaps counted once (`maxAttempst` is one slip from `maxAttempts`). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known field a typo most likely meant: the nearest within about one slip in three letters,
 * else one the word starts with or abbreviates (`password` for `pass`, `perPhone` for `perPhonePerHour`).
 */
export function closestField(word: string, known: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { field: string; d: number } | undefined;
  for (const field of known) {
    const d = distance(typed, field.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { field, d };
  }
  const prefixOf = (a: string, b: string) => a.length >= 4 && b.startsWith(a);
  return best?.field ?? known.find((field) => prefixOf(field.toLowerCase(), typed) || prefixOf(typed, field.toLowerCase()));
}

/** `sms.caps.perIpPerHour`, `clients[0].name`: a path as the JSON file reads. */
export const fieldPath = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');

/** One line per unknown field: its full path, and the field meant or else the fields allowed there. */
export function unknownFieldLines(path: readonly PropertyKey[], keys: readonly string[], known: readonly string[]): string[] {
  return keys.map((key) => {
    const meant = closestField(key, known);
    return `${fieldPath([...path, key])}: unknown; ${meant ? `did you mean ${meant}?` : `expected one of ${known.join(', ')}`}`;
  });
}
