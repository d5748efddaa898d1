/**
 * Reads a JWT's payload without checking its signature. The claims are a convenience for the
 * page; whoever relies on them verifies the token on its server or against the JWKS.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('Not a JWT');
  // atob decodes base64 without its padding (the forgiving decode in the HTML standard).
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
