/**
 * What the CLI does when the reader of its stdout has gone (`mfa-login events tail --follow | head
 * -1`, a log shipper that stopped): Node ignores SIGPIPE, so a write answers EPIPE, which with no
 * listener ended the process with a stack trace, a running server's included. A command's output
 * ends there: a command that runs until interrupted is stopped, as SIGINT stops it, and any other
 * finishes its work (its audit events stored) and exits with its own code. `start` serves on (its
 * log says on stderr that it was given up).
 */
let serving = false;

/** From here on this process is a server: a gone stdout does not stop it. */
export function serveWithoutStdout(): void {
  serving = true;
}

/** Installed once by the CLI's entry point; `stop` ends a command that runs until interrupted. */
export function onStdoutGone(stdout: NodeJS.WriteStream, stop: () => void): void {
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    if (!serving) stop();
  });
}
