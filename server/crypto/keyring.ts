import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { privateDir } from '../private-files.js';
import { randomBytesFromPool } from './random.js';

/**
 * The master key and what is derived from it. The key lives in MFA_LOGIN_KEY or a 0600
 * key file, never in the database, so a stolen database alone reveals no seed or code.
 */
export interface Keyring {
  /** AES-256-GCM; `context` binds the ciphertext to its row (purpose + owner). */
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** Keyed hash for codes and backup codes: lookups stay possible, offline guessing does not. */
  hash(value: string, context: string): string;
}

const VERSION = 'v1';

/** A sealed value this master key cannot open: another key sealed it, or it was altered. */
export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

function parseKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes as 64 hex digits or base64`);
  return key;
}

/** Reads the key from env or file; creates the file (0600) on first run. */
export function loadMasterKey(keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.MFA_LOGIN_KEY) return parseKey(env.MFA_LOGIN_KEY, 'MFA_LOGIN_KEY');
  if (existsSync(keyFile)) return parseKey(readFileSync(keyFile, 'utf8'), keyFile);
  privateDir(path.dirname(path.resolve(keyFile)));
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return key;
}

export function createKeyring(masterKey: Buffer): Keyring {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `mfa-login ${label}`, 32));
  const encKey = derive('encryption');
  const macKey = derive('hash');
  return {
    seal(plaintext, context) {
      const iv = randomBytesFromPool(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, data] = sealed.split('.');
      if (version !== VERSION || !data) throw new SealedValueError('unknown sealed value format');
      const raw = Buffer.from(data, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedValueError(`a sealed value (${context.split(':')[0]}) does not open with this master key`);
      }
    },
    hash(value, context) {
      return createHmac('sha256', macKey).update(context).update('\0').update(value).digest('base64url');
    },
  };
}
