/** Left-aligned columns, two spaces apart, for terminal listings. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/** A table of `items` under `header`, or the `empty` line when there are none. */
export function listing<T>(items: T[], empty: string, header: string[], row: (item: T) => string[]): string | string[] {
  return items.length === 0 ? empty : table([header, ...items.map(row)]);
}

/** `label  value` lines with the labels aligned. */
export function fields(entries: [string, string][], indent = '  '): string[] {
  const width = Math.max(...entries.map(([label]) => label.length));
  return entries.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`);
}
