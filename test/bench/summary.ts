/** A row of the bench's table, as bench/results.json keeps it. */
export interface Row {
  name: string;
  value: number;
  unit: string;
  ratio?: string;
}

const count = (n: number) => Math.round(n).toLocaleString('en');
const kb = (n: number) => n.toFixed(1);

/**
 * What a run means for sizing, in a few lines above the README's table: the rates an operator
 * plans with, read off `rows` (a row the run did not reach shows as "not measured").
 */
export function sizingSummary(rows: Row[], machine: { cpu: string; cores: number }): string {
  const value = (test: (name: string) => boolean) => rows.find((r) => test(r.name.trim()))?.value;
  const rate = (v: number | undefined) => (v === undefined ? 'not measured' : count(v));
  const { cores } = machine;
  const steps = value((n) => n.startsWith('password steps'));
  const l1 = value((n) => n.startsWith('L1:'));
  const hashNote =
    steps !== undefined && l1 !== undefined
      ? `argon2id at OWASP's parameters: ${Math.round((100 * steps) / l1)} % of what the bare hash does on these cores, ~${count(steps / cores)} a core`
      : "argon2id at OWASP's parameters";
  const p99s = rows.filter((r) => r.name.includes('p99 meanwhile')).map((r) => r.value);
  const rss = rows.filter((r) => r.name.startsWith('server RSS')).map((r) => r.value);
  const startMs = value((n) => n.startsWith('`mfa-login start`'));
  const gzip = rows.filter((r) => r.name.startsWith('widget') && r.name.includes('gzip')).map((r) => r.value);
  const lines = [
    `For sizing, what the latest table below read on ${cores} cores (${machine.cpu}; SQLite unless named; the load generator on the same cores):`,
    '',
    `| on ${cores} cores | per second | note |`,
    '|---|---|---|',
    `| password steps (start + password) | ${rate(steps)} | ${hashNote} |`,
    `| full logins (password + TOTP, id_token) | ${rate(value((n) => n.startsWith('full logins on SQLite')))} on SQLite, ${rate(value((n) => n.startsWith('full logins on Postgres, 1 instance')))} on Postgres | |`,
    `| flow starts | ${rate(value((n) => n === 'POST /api/v1/flows (start)'))} | |`,
    `| TOTP verifies that complete a login | ${rate(value((n) => n.startsWith('POST /api/v1/flows/totp/verify')))} | from a new device |`,
    '',
  ];
  const facts = [
    p99s.length
      ? `A cheap request (the JWKS, a flow start) answered within ${Math.max(...p99s).toFixed(1)} ms at p99 while the password steps kept every core busy.`
      : '',
    rss.length
      ? `The server held ${Math.round(Math.min(...rss))}–${Math.round(Math.max(...rss))} MiB of RSS with 10,000 users, at rest and through 10,000 logins.`
      : '',
    startMs !== undefined ? `\`mfa-login start\` answered in ${Math.round(startMs)} ms.` : '',
    gzip.length ? `Each widget script is ${kb(Math.max(...gzip))} KB gzip at most.` : '',
    "For comparison, Keycloak's sizing guide plans 15 password logins a second per vCPU.",
  ].filter(Boolean);
  return [...lines, facts.join(' ')].join('\n');
}
