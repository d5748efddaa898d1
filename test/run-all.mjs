#!/usr/bin/env node
// `npm test`: builds, then runs every suite (unit, security, browser, e2e) even when one fails,
// and ends with one line `N passed, N failed` over all of them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';

const only = process.argv.slice(2);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const work = mkdtempSync(path.join(tmpdir(), 'mfa-login-suites-'));

function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const tee = (stream, target) =>
      stream.on('data', (chunk) => {
        target.write(chunk);
        if (capture) output += chunk;
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function postgresReachable() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: 5432, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function vitest(project) {
  const report = path.join(work, `${project}.json`);
  const { code } = await run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) return { passed: 0, failed: 1, note: `vitest ${project} did not report (exit ${code})` };
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // A file that failed before any test ran (an import that threw) has no test results of its own.
  const fileFailed = (t) => t.status === 'failed' && t.assertionResults.length === 0;
  const failedFiles = r.testResults.filter(fileFailed);
  const names = r.testResults.flatMap((t) => {
    const file = path.relative(process.cwd(), t.name);
    if (fileFailed(t)) return [`${file}: ${firstLine(t.message)}`];
    return t.assertionResults.filter((a) => a.status === 'failed').map((a) => `${file} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
  });
  const failed = r.numFailedTests + failedFiles.length + (code !== 0 && r.numFailedTests === 0 && failedFiles.length === 0 ? 1 : 0);
  return { passed: r.numPassedTests, failed, names };
}

/** The summary repeats each failure in one line: a long log's tail is often all a reader gets. */
function firstLine(message) {
  const lines = (message ?? '').split('\n').map((line) => line.trim());
  // vitest reports a time-out as the stack of where the test or hook was declared, under a placeholder.
  if (lines[0] === 'Error: STACK_TRACE_ERROR') {
    const declared = lines.find((line) => line.startsWith('at ') && !line.includes('node_modules'));
    return `timed out${declared ? ` (the test or hook declared ${declared})` : ''}`;
  }
  return lines.find((line) => line !== '')?.slice(0, 300) ?? '';
}

async function browser() {
  if (!existsSync(chromium)) return { passed: 0, failed: 1, note: `Chromium missing at ${chromium}: apt-get install chromium` };
  const { code, output } = await run('npx', ['web-test-runner'], { capture: true });
  const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  const counts = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  if (!counts) return { passed: 0, failed: 1, note: `web-test-runner printed no summary (exit ${code})` };
  const failed = Number(counts[2]) + (code !== 0 && Number(counts[2]) === 0 ? 1 : 0);
  // web-test-runner marks a failed test with ❌ followed by its name on the same line.
  const names = [
    ...new Set(
      plain
        .split('\n')
        .filter((line) => line.includes('❌'))
        .map((line) => line.trim().slice(0, 300)),
    ),
  ];
  return { passed: Number(counts[1]), failed, names };
}

/** Vite and vitest strip types without checking them: strict TypeScript holds only if tsc runs. */
async function typecheck() {
  const projects = ['tsconfig.json', 'tsconfig.widget.json', 'test/types'];
  let failed = 0;
  for (const project of projects) if ((await run('npx', ['tsc', '-p', project, '--noEmit'])).code !== 0) failed += 1;
  return { passed: projects.length - failed, failed, ...(failed ? { note: 'tsc found type errors' } : {}) };
}

/** Biome: the lint rules and the formatting, with no warning let through. */
async function lint() {
  const { code } = await run('npx', ['biome', 'check', '--error-on-warnings']);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: 'npm run lint found problems (npm run format fixes formatting)' };
}

const suites = [
  ['lint', lint],
  ['types', typecheck],
  ['unit', () => vitest('unit')],
  ['security', () => vitest('security')],
  ['browser', browser],
  ['e2e', () => (existsSync(chromium) ? vitest('e2e') : { passed: 0, failed: 1, note: `Chromium missing at ${chromium}` })],
].filter(([name]) => only.length === 0 || only.includes(name));

if (!(await postgresReachable())) console.error('\nPostgres is not reachable at 127.0.0.1:5432: the Postgres store tests will fail.\n');

const build = await run('npm', ['run', 'build']);
const results = [];
if (build.code !== 0) results.push(['build', { passed: 0, failed: 1, note: 'npm run build failed' }]);
else for (const [name, suite] of suites) results.push([name, await suite()]);
rmSync(work, { recursive: true, force: true });

console.log('\nSuites:');
for (const [name, r] of results) {
  console.log(`  ${name.padEnd(9)} ${r.passed} passed, ${r.failed} failed${r.note ? `  (${r.note})` : ''}`);
  for (const failure of r.names ?? []) console.log(`    ✗ ${failure}`);
}
const passed = results.reduce((n, [, r]) => n + r.passed, 0);
const failed = results.reduce((n, [, r]) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
