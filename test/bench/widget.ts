// The widget as a browser meets it: bytes on the wire per entry, and the time to its first screen.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from '../support/chromium.js';
import { median } from './median.js';

export interface EntrySize {
  raw: number;
  gzip: number;
  brotli: number;
}

/** An entry and the chunks it imports: what a page loading the element downloads. */
export function entrySize(entry: string): EntrySize | null {
  const file = path.join('dist/widget', entry);
  if (!existsSync(file)) return null;
  const code = readFileSync(file);
  const chunks = [...code.toString().matchAll(/["'](\.\/[\w.-]+\.js)["']/g)].map((m) => m[1]!);
  const own = {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  return [...new Set(chunks)].reduce((sum, chunk) => {
    const part = entrySize(chunk);
    return part ? { raw: sum.raw + part.raw, gzip: sum.gzip + part.gzip, brotli: sum.brotli + part.brotli } : sum;
  }, own);
}

/**
 * Milliseconds from navigation to the demo page's password field being visible: the first visit
 * with an empty cache, then the median of `reloads` later visits.
 */
export async function firstScreen(url: string, reloads: number): Promise<{ cold: number; warm: number; warmRuns: number[] }> {
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    const visit = async () => {
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      await page.getByLabel('Password', { exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
      return performance.now() - t0;
    };
    const cold = await visit();
    const warmRuns: number[] = [];
    for (let i = 0; i < reloads; i++) warmRuns.push(await visit());
    return { cold, warm: median(warmRuns), warmRuns };
  } finally {
    await chromium.close();
  }
}
