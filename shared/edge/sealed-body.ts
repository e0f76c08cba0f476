/**
 * Response bodies kept for Idempotency-Key replays can hold secrets: the admin API's new API keys
 * and operator tokens, which are otherwise stored only as hashes. Such bodies are sealed
 * (AES-256-GCM) with a key derived from the caller's own credential before they go to Redis, so
 * the replay works for the caller that presents it again and a reader of Redis learns nothing.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface BodySealer {
  seal(plain: string): string;
  /** The plain body; throws when `sealed` was not sealed with this credential. */
  open(sealed: string): string;
}

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealer whose key is derived (HKDF-SHA256) from `credential`. */
export function sealerFor(credential: string): BodySealer {
  const key = Buffer.from(hkdfSync('sha256', credential, '', 'taskforge idempotent response', 32));
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed body');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
