import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Row, sizingSummary } from '../../bench/summary.js';

const machine = { cpu: 'Example CPU', cores: 4 };
/** A run's rows, as bench/results.json keeps them (4 cores, every part measured). */
const rows = JSON.parse(readFileSync(new URL('./summary-rows.json', import.meta.url), 'utf8')) as Row[];

describe("the bench's sizing summary", () => {
  it('reads the rates an operator plans with off the rows, with the share of the bare hash and a core', () => {
    const text = sizingSummary(rows, machine);
    expect(text).toContain('on 4 cores (Example CPU;');
    expect(text).toContain(
      "| password steps (start + password) | 288 | argon2id at OWASP's parameters: 90 % of what the bare hash does on these cores, ~72 a core |",
    );
    expect(text).toContain('| full logins (password + TOTP, id_token) | 250 on SQLite, 152 on Postgres | |');
    expect(text).toContain('| flow starts | 9,123 | |');
    expect(text).toContain('| TOTP verifies that complete a login | 3,457 | from a new device |');
    // The slower of the two probes, the lowest and highest RSS, the larger script.
    expect(text).toContain('within 5.5 ms at p99');
    expect(text).toContain('170–191 MiB of RSS');
    expect(text).toContain('answered in 433 ms');
    expect(text).toContain('19.6 KB gzip at most');
  });

  it('says what a run did not measure rather than leaving a number out silently', () => {
    const text = sizingSummary(
      rows.filter((r) => !r.name.includes('Postgres') && !r.name.startsWith('L1')),
      machine,
    );
    expect(text).toContain('250 on SQLite, not measured on Postgres');
    expect(text).toContain("| 288 | argon2id at OWASP's parameters |");
  });
});
