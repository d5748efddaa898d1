import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Runs on libuv's pool, off the event loop. */
const options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface Passwords {
  hash(password: string): Promise<string>;
  /** For an unknown user pass `null`: the same work is done against a dummy hash. */
  verify(passwordHash: string | null, password: string): Promise<boolean>;
}

export async function createPasswords(): Promise<Passwords> {
  const dummy = await hash('not a real password: equalises the time of unknown usernames', options);
  return {
    hash: (password) => hash(password, options),
    async verify(passwordHash, password) {
      try {
        const ok = await verify(passwordHash ?? dummy, password);
        return passwordHash !== null && ok;
      } catch {
        // A malformed stored hash must still cost the same as a real check.
        await verify(dummy, password).catch(() => false);
        return false;
      }
    },
  };
}
