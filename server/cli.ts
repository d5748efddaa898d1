import { ConfigError } from './config.js';
import { cliContext, UsageError, type CliContext } from './cli/context.js';
import { start } from './cli/start.js';

type Command = (cli: CliContext) => Promise<number>;

/** Command words → handler; positionals after the words are the command's own. */
const commands: Record<string, Command> = {
  start,
};

const usage = `Usage: mfa-login <command> [options]

Commands:
  start [--demo] [--port N] [--host H]   start the server

Global options:
  -c, --config FILE   config file (default ./mfa-login.config.json when present)
  --json              machine-readable output`;

/** Runs one CLI invocation and answers its exit code: 0 ok, 1 failed, 2 usage. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io = { out: console.log, err: console.error }): Promise<number> {
  const cli = cliContext(argv, env, io);
  const words = cli.argv.filter((a) => !a.startsWith('-'));
  const key = [words.slice(0, 3).join(' '), words.slice(0, 2).join(' '), words.slice(0, 1).join(' ')].find((k) => k in commands);
  if (!key || cli.argv.includes('--help') || cli.argv.includes('-h')) {
    (key ? io.out : io.err)(usage);
    return key ? 0 : 2;
  }
  const depth = key.split(' ').length;
  const command = commands[key]!;
  try {
    const positionalStart = cli.argv.findIndex((_a, i) => cli.argv.slice(0, i + 1).filter((x) => !x.startsWith('-')).length === depth);
    return await command({ ...cli, argv: cli.argv.slice(positionalStart + 1) });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 1;
    }
    const err = e as Error;
    io.err(cli.json ? JSON.stringify({ error: err.name, message: err.message }) : `Error: ${err.message}`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && /mfa-login(\.js)?$|cli\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
