const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The issuer and the listening address name one place: the same port on a loopback name, or the same origin. */
function samePlace(issuer: URL, listening: URL): boolean {
  if (issuer.origin === listening.origin) return true;
  return (
    issuer.protocol === listening.protocol && issuer.port === listening.port && loopback.has(issuer.hostname) && loopback.has(listening.hostname)
  );
}

/**
 * Where browsers and relying parties reach the server (its issuer), and where this process
 * listens when that is somewhere else (behind a proxy, on 0.0.0.0, on another port).
 */
export function bannerLines(issuer: string, listening: string): string[] {
  const lines = [`\n  mfa-login is running at ${issuer}`];
  if (!samePlace(new URL(issuer), new URL(listening))) lines.push(`  listening on ${listening}  (the public issuer URL above must lead here)`);
  return [...lines, ''];
}
