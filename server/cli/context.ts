import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command gets: its own arguments, output channels and the environment. */
export interface CliContext {
  argv: string[];
  configFile: string | undefined;
  json: boolean;
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  args<O extends NonNullable<ParseArgsConfig['options']>>(options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function cliContext(argv: string[], env: NodeJS.ProcessEnv, io: { out(l: string): void; err(l: string): void }): CliContext {
  const global = parseArgs({
    args: argv,
    options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: false,
  });
  const rest = argv.filter((a, i) => !(a === '--json' || a === '--config' || a === '-c' || a.startsWith('--config=') || argv[i - 1] === '--config' || argv[i - 1] === '-c'));
  return {
    argv: rest,
    configFile: typeof global.values.config === 'string' ? global.values.config : undefined,
    json: global.values.json === true,
    env,
    out: io.out,
    err: io.err,
    args(options) {
      try {
        return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    },
  };
}
