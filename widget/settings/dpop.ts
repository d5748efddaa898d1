/**
 * The settings element's proof-of-possession key (RFC 9449 DPoP): a P-256 key pair whose private
 * half is not extractable, so a settings grant copied out of the page is useless without it.
 */
export class DpopKey {
  private constructor(
    private readonly privateKey: CryptoKey,
    /** The public half, as the step-up sends it and every proof carries it. */
    readonly publicJwk: JsonWebKey,
  ) {}

  static async create(): Promise<DpopKey> {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    // A public key is always exportable, whatever the pair's `extractable`.
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    return new DpopKey(pair.privateKey, { kty, crv, x, y });
  }

  /** A proof for one call: this method and URL, now, about this grant; never sent twice. */
  async proof(method: string, url: string, grant: string): Promise<string> {
    const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: this.publicJwk };
    const target = new URL(url);
    const payload = {
      jti: crypto.randomUUID(),
      htm: method,
      htu: `${target.origin}${target.pathname}`,
      iat: Math.floor(Date.now() / 1000),
      ath: base64url(await crypto.subtle.digest('SHA-256', utf8(grant))),
    };
    const input = `${base64url(json(header))}.${base64url(json(payload))}`;
    // WebCrypto's ECDSA signature is r‖s, the form JWS ES256 uses.
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.privateKey, utf8(input));
    return `${input}.${base64url(signature)}`;
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(JSON.stringify(value));

/** A few hundred bytes at most (a header, claims, a hash, a signature): one spread call is safe. */
function base64url(data: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(data)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
