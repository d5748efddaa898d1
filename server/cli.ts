import { ConfigError } from './config.js';
import { isMfaError } from './errors.js';
import { CliError, cliContext, UsageError, type CliContext, type CliIo } from './cli/context.js';
import { KEY_CACHE_MS, PUBLISH_AHEAD_MS } from './tokens/keys.js';
import { onStdoutGone } from './cli/stdout-gone.js';

type Run = (cli: CliContext) => Promise<void>;

/** The names of `M`'s command handlers. */
type Handlers<M> = { [K in keyof M]: M[K] extends Run ? K : never }[keyof M] & string;

/**
 * A command module, imported when one of its commands runs: `start` then reads none of the
 * others' files (each CLI command's own, and what only they use).
 */
const commandsIn =
  <M>(load: () => Promise<M>) =>
  (name: Handlers<M>): Run =>
  async (cli) =>
    ((await load())[name] as Run)(cli);

const backupCodesCommands = commandsIn(() => import('./cli/backup-codes.js'));
const clientsCommands = commandsIn(() => import('./cli/clients.js'));
const devicesCommands = commandsIn(() => import('./cli/devices.js'));
const eventsCommands = commandsIn(() => import('./cli/events.js'));
const initCommands = commandsIn(() => import('./cli/init.js'));
const keysCommands = commandsIn(() => import('./cli/keys.js'));
const passkeysCommands = commandsIn(() => import('./cli/passkeys.js'));
const startCommands = commandsIn(() => import('./cli/start.js'));
const totpCommands = commandsIn(() => import('./cli/totp.js'));
const userFactorsCommands = commandsIn(() => import('./cli/user-factors.js'));
const usersCommands = commandsIn(() => import('./cli/users.js'));

interface Command {
  /** Succeeds (exit code 0) or throws: a usage error exits 2, any other 1. */
  run(cli: CliContext): Promise<void>;
  /** The arguments after the command words. */
  args: string;
  summary: string;
}

/** Command words → handler; positionals after the words are the command's own. */
const commands: Record<string, Command> = {
  init: {
    run: initCommands('init'),
    args: '[--force]',
    summary: 'write mfa-login.config.json and create the master key file',
  },
  start: { run: startCommands('start'), args: '[--demo] [--port N] [--host H]', summary: 'start the server' },

  'user add': {
    run: usersCommands('userAdd'),
    args: '<username> [--display-name N] [--password P | --password-stdin] [--phone E164] [--email ADDRESS]',
    summary: 'create a user; without a password one is generated and printed once',
  },
  'user list': { run: usersCommands('userList'), args: '', summary: 'list users and their factors' },
  'user show': {
    run: usersCommands('userShow'),
    args: '<username>',
    summary: "a user's factors: password, TOTP, phone, SMS, e-mail, backup codes left",
  },
  'user remove': {
    run: usersCommands('userRemove'),
    args: '<username>',
    summary: 'delete a user with their authenticator and backup codes',
  },
  'user set-password': {
    run: userFactorsCommands('userSetPassword'),
    args: '<username> [--password P | --password-stdin]',
    summary: 'set a password; without one a new one is printed once',
  },
  'user set-phone': {
    run: userFactorsCommands('userSetPhone'),
    args: '<username> <phone | --clear>',
    summary: 'set (normalised to E.164) or remove the phone for SMS codes',
  },
  'user set-email': {
    run: userFactorsCommands('userSetEmail'),
    args: '<username> <address | --clear>',
    summary: 'set or remove the address for e-mailed codes',
  },
  'user disable-sms': {
    run: userFactorsCommands('userDisableSms'),
    args: '<username>',
    summary: 'stop offering SMS codes to the user (the phone is kept)',
  },
  'user enable-sms': { run: userFactorsCommands('userEnableSms'), args: '<username>', summary: 'offer SMS codes again' },
  'user disable': {
    run: userFactorsCommands('userDisable'),
    args: '<username>',
    summary: 'stop the user from signing in (answered as a wrong password)',
  },
  'user enable': { run: userFactorsCommands('userEnable'), args: '<username>', summary: 'let a disabled user sign in again' },
  'user enrol-totp': {
    run: userFactorsCommands('userEnrolTotp'),
    args: '<username> [--name N] [--replace]',
    summary: 'help-desk set-up: adds an authenticator in force at once (--replace: instead of all others), its otpauth URI printed once',
  },
  'user reset-totp': {
    run: userFactorsCommands('userResetTotp'),
    args: '<username>',
    summary: 'forget every authenticator and the backup codes; the next login enrols again',
  },
  'user totp list': {
    run: totpCommands('userTotpList'),
    args: '<username>',
    summary: "a user's authenticator apps: id, name, added, last used, drift",
  },
  'user totp add': {
    run: totpCommands('userTotpAdd'),
    args: '<username> [--name N] [--secret BASE32]',
    summary: 'add an authenticator beside the others: a new secret printed once, or a hardware token seed',
  },
  'user totp remove': {
    run: totpCommands('userTotpRemove'),
    args: '<username> <id | name>',
    summary: 'remove one authenticator; the others keep working',
  },
  'user totp rename': {
    run: totpCommands('userTotpRename'),
    args: '<username> <id | name> <new-name>',
    summary: 'rename one authenticator',
  },
  'user forget-devices': {
    run: userFactorsCommands('userForgetDevices'),
    args: '<username>',
    summary: 'stop trusting the browsers that signed in as the user (they wait out password slow-downs again)',
  },
  'user devices': {
    run: devicesCommands('userDevices'),
    args: '<username>',
    summary: 'list the devices trusted to skip the second step, with first and last use',
  },
  'user revoke-device': {
    run: devicesCommands('userRevokeDevice'),
    args: '<username> <id | --all>',
    summary: 'stop trusting one device (or all): it asks for the second step again',
  },
  'user backup-codes generate': {
    run: backupCodesCommands('backupCodesGenerate'),
    args: '<username>',
    summary: 'replace the backup codes with new ones, printed once',
  },
  'user backup-codes import': {
    run: backupCodesCommands('backupCodesImport'),
    args: '<username> <code,code,...> [--replace]',
    summary: 'add codes chosen elsewhere (8+ of a-z 0-9 -); --replace drops the old ones',
  },
  'user passkeys list': {
    run: passkeysCommands('passkeysList'),
    args: '<username>',
    summary: "the user's passkeys: id, name, when made and last used",
  },
  'user passkeys rename': {
    run: passkeysCommands('passkeysRename'),
    args: '<username> <id> <name>',
    summary: 'give a passkey a new name',
  },
  'user passkeys remove': {
    run: passkeysCommands('passkeysRemove'),
    args: '<username> <id>',
    summary: 'remove a passkey: it no longer signs in',
  },

  'client add': {
    run: clientsCommands('clientAdd'),
    args:
      '<clientId> --name N [--origin URL]... [--sequence JSON] [--acr NAME=JSON]... [--default-acr A] [--secret S | --generate-secret | --public] [--allow-phone-enrollment] [--passkey-alone] ' +
      '[--redirect-uri URL]... [--post-logout-redirect-uri URL]... [--logo-uri URL] [--css-uri URL] [--trust-device-days N] [--scope admin|admin:read]...',
    summary: 'register an application (sequence by default: password, then TOTP); a generated secret is printed once',
  },
  'client list': { run: clientsCommands('clientList'), args: '', summary: 'list clients, from the store and the config file' },
  'client remove': { run: clientsCommands('clientRemove'), args: '<clientId>', summary: 'delete a client' },
  'client rotate-secret': {
    run: clientsCommands('clientRotateSecret'),
    args: '<clientId>',
    summary: 'a new client secret, printed once; the old one stops working',
  },

  'keys rotate': {
    run: keysCommands('keysRotate'),
    args: '',
    summary:
      `new signing key: in running servers' JWKS within ${KEY_CACHE_MS / 1000} s, signing ${PUBLISH_AHEAD_MS / 1000} s later ` +
      'once every cached JWKS holds it; the old one stays published until its tokens expire',
  },
  'keys list': { run: keysCommands('keysList'), args: '', summary: 'list signing keys' },

  'events tail': {
    run: eventsCommands('eventsTail'),
    args: '[--follow] [--user U] [--client C] [--type T]... [--limit N] [--since ISO]',
    summary: 'the newest security events as JSON lines (default 20), oldest first; --follow prints new ones until interrupted',
  },
};

const commandLine = (words: string) => `mfa-login ${words}${commands[words]!.args ? ` ${commands[words]!.args}` : ''}`;

const usage = `Usage: mfa-login <command> [options]

Commands:
${Object.keys(commands)
  .map((words) => `  ${commandLine(words).slice('mfa-login '.length)}\n      ${commands[words]!.summary}`)
  .join('\n')}

Global options:
  -c, --config FILE   config file (default ./mfa-login.config.json when present)
  --json              one JSON document on stdout, for scripts
  -h, --help          this text, or a command's usage

The store comes from the config, or MFA_LOGIN_DB (SQLite file) / MFA_LOGIN_DATABASE_URL (Postgres).
Exit codes: 0 done, 1 failed (e.g. unknown user, name taken), 2 usage error.`;

/** Writes a failure the way the caller asked (text, or JSON with --json) and answers its exit code. */
function fail(cli: CliContext, words: string | undefined, e: unknown): number {
  if (e instanceof UsageError) {
    if (cli.json) cli.err(JSON.stringify({ error: 'usage', message: e.message }));
    else cli.err(`${e.message}\n\nUsage: ${words ? commandLine(words) : 'mfa-login <command> [options]'}\nRun "mfa-login --help" for every command.`);
    return 2;
  }
  // The admin operations raise the contract's errors; a value they refuse is a usage error here.
  if (isMfaError(e) && e.code === 'invalid_request') return fail(cli, words, new UsageError(e.message));
  const code =
    e instanceof CliError
      ? e.code
      : isMfaError(e) && (e.code === 'not_found' || e.code === 'conflict')
        ? e.code
        : e instanceof ConfigError
          ? 'config'
          : 'failed';
  const message = (e as Error).message ?? String(e);
  cli.err(cli.json ? JSON.stringify({ error: code, message }) : `Error: ${message}`);
  return 1;
}

/** Runs one CLI invocation and answers its exit code: 0 ok, 1 failed, 2 usage. */
/** A command's lines on the process's stdout and stderr. */
const CONSOLE_IO: CliIo = { out: console.log, err: console.error };

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = CONSOLE_IO): Promise<number> {
  const cli = cliContext(argv, env, io);
  const help = cli.argv.includes('--help') || cli.argv.includes('-h');
  const words = cli.argv.filter((a) => !a.startsWith('-'));
  const key = [words.slice(0, 3).join(' '), words.slice(0, 2).join(' '), words.slice(0, 1).join(' ')].find((k) => k in commands);
  if (!key) {
    if (help || words.length === 0) {
      (help ? io.out : io.err)(usage);
      return help ? 0 : 2;
    }
    return fail(cli, undefined, new UsageError(`Unknown command "${words.slice(0, 3).join(' ')}".`));
  }
  if (help) {
    io.out(`Usage: ${commandLine(key)}\n  ${commands[key]!.summary}`);
    return 0;
  }
  const depth = key.split(' ').length;
  const positionalStart = cli.argv.findIndex((_a, i) => cli.argv.slice(0, i + 1).filter((x) => !x.startsWith('-')).length === depth);
  try {
    await commands[key]!.run({ ...cli, argv: cli.argv.slice(positionalStart + 1) });
    return 0;
  } catch (e) {
    return fail(cli, key, e);
  }
}

/** How long a finished command waits for the event loop to run dry by itself. */
const EXIT_AFTER_DONE_MS = 1000;

const isMain = process.argv[1] !== undefined && /mfa-login(\.js)?$|cli\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  const stdoutGone = new AbortController();
  onStdoutGone(process.stdout, () => stdoutGone.abort());
  runCli(process.argv.slice(2), process.env, { ...CONSOLE_IO, signal: stdoutGone.signal }).then(
    (code) => {
      process.exitCode = code;
      // Nothing of the command is left to hold the event loop open, but the log's writer may: with
      // a reader that has stalled (a stopped server's log), it tries again every 100 ms for good.
      // The process ends anyway, and the exit's own write gives up on a reader that takes nothing.
      setTimeout(() => process.exit(), EXIT_AFTER_DONE_MS).unref();
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
