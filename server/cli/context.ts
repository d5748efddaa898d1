import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type AdminActor, cliActor } from '../admin/report.js';

/** Who the admin operations report as: the operator at the server's own machine. */
export const CLI: AdminActor = cliActor();

/** Where a CLI run reads and writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** All of standard input; read only when a command asks for it. */
  stdin?(): Promise<string>;
  /** Ends a command that runs until interrupted (`events tail --follow`), as SIGINT does. */
  signal?: AbortSignal;
}

/** What a command gets: its own arguments, output channels and the environment. */
export interface CliContext {
  argv: string[];
  configFile: string | undefined;
  json: boolean;
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  stdin(): Promise<string>;
  /** Set when the caller can end a long-running command (tests); SIGINT and SIGTERM always can. */
  signal?: AbortSignal;
  /** Prints one JSON document with --json, else the human lines. */
  print(result: unknown, human: () => string | string[]): void;
  args<O extends NonNullable<ParseArgsConfig['options']>>(
    options: O,
  ): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
}

/** Wrong words, options or values: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A well-formed command that cannot be done (unknown user, taken name): exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly code: 'not_found' | 'conflict' | 'failed' = 'failed',
  ) {
    super(message);
  }
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function cliContext(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): CliContext {
  const global = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: false,
  });
  const rest = argv.filter(
    (a, i) => !(a === '--json' || a === '--config' || a === '-c' || a.startsWith('--config=') || argv[i - 1] === '--config' || argv[i - 1] === '-c'),
  );
  const json = global.values.json === true;
  return {
    argv: rest,
    configFile: typeof global.values.config === 'string' ? global.values.config : undefined,
    json,
    env,
    out: io.out,
    err: io.err,
    stdin: io.stdin ?? readProcessStdin,
    ...(io.signal ? { signal: io.signal } : {}),
    print(result, human) {
      if (json) io.out(JSON.stringify(result, null, 2));
      else for (const line of [human()].flat()) io.out(line);
    },
    args(options) {
      try {
        // `this.argv`: the runner hands each command a copy holding only the command's own arguments.
        return parseArgs({ args: this.argv, options, allowPositionals: true, strict: true });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    },
  };
}
