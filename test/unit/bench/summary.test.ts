import { describe, expect, it } from 'vitest';
import { type Row, sizingSummary } from '../../bench/summary.js';

const machine = { cpu: 'Example CPU', cores: 4 };
const rows: Row[] = [
  { name: 'L1: bare argon2id verify, 4 in flight', value: 320, unit: '/s' },
  { name: 'POST /api/v1/flows (start)', value: 9123.4, unit: '/s' },
  { name: 'POST /api/v1/flows/totp/verify (+ id_token), returning users, a new device', value: 3456.7, unit: '/s' },
  { name: 'password steps (start + password)', value: 288, unit: '/s' },
  { name: '  GET /.well-known/jwks.json p99 meanwhile (every 20 ms)', value: 4.2, unit: 'ms' },
  { name: '  POST /api/v1/flows (start) p99 meanwhile (every 20 ms)', value: 5.5, unit: 'ms' },
  { name: 'full logins on SQLite (start + password + TOTP)', value: 250.4, unit: '/s' },
  { name: 'full logins on Postgres, 1 instance', value: 151.6, unit: '/s' },
  { name: 'server RSS at rest, after a full GC (10,000 users stored)', value: 170.2, unit: 'MiB' },
  { name: 'server RSS after 10,000 logins, after a full GC', value: 190.8, unit: 'MiB' },
  { name: '`mfa-login start` to the first 200 of /healthz (median of 3)', value: 433.3, unit: 'ms' },
  { name: 'widget mfa-login.js gzip (what a page downloads)', value: 19.4, unit: 'KB' },
  { name: 'widget mfa-login-settings.js gzip (what a page downloads)', value: 19.6, unit: 'KB' },
];

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
