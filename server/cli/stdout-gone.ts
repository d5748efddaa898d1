/**
 * What the CLI does when the reader of its stdout has gone (`mfa-login events tail --follow | head
 * -1`, a log shipper that stopped): Node ignores SIGPIPE, so a write answers EPIPE, which with no
 * listener ended the process with a stack trace, a running server's included. A command ends
 * quietly there, as SIGPIPE ends other tools; `start` serves on (its log says on stderr that it
 * was given up).
 */
let serving = false;

/** From here on this process is a server: a gone stdout does not end it. */
export function serveWithoutStdout(): void {
  serving = true;
}

/** Installed once by the CLI's entry point. */
export function onStdoutGone(stdout: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (code) => process.exit(code)): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    if (!serving) exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
