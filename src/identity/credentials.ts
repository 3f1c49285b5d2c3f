/**
 * Secrets and how they are kept: passwords through scrypt (memory-hard, RFC 7914) with the
 * parameters stored beside the hash in a PHC string, API tokens and session ids as 32 random
 * bytes of which only the SHA-256 is stored. Comparisons are timing-safe.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and ~50–100 ms per hash. OWASP's Password Storage Cheat Sheet
 * recommends N = 2^17 (128 MiB); we stay lower so a burst of logins cannot exhaust a small
 * server's memory. Raising logN later is safe: old hashes verify with the parameters stored in
 * them.
 */
export const SCRYPT_PARAMETERS = { logN: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

/** scrypt needs 128 · N · r · p bytes; Node's default maxmem (32 MiB) is exactly that at 2^15. */
function maxmem(logN: number, r: number, p: number): number {
  return 2 * 128 * 2 ** logN * r * p;
}

function scryptKey(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

// The same password typed on a Mac (NFD) and elsewhere (NFC) must give the same hash.
const normalise = (password: string) => password.normalize('NFC');

/** Hashes a password into `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding). */
export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p } = SCRYPT_PARAMETERS;
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptKey(normalise(password), salt, KEY_LENGTH, {
    N: 2 ** logN,
    r,
    p,
    maxmem: maxmem(logN, r, p),
  });
  return `$scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const PHC_SCRYPT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/**
 * Whether the password matches the stored hash. A malformed hash, or parameters beyond what we
 * would ever set (a tampered row asking for gigabytes), count as no match.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC_SCRYPT.exec(stored);
  if (match === null) return false;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(match[4] ?? '', 'base64url');
  const expected = Buffer.from(match[5] ?? '', 'base64url');
  // scrypt's output for a shorter length is a prefix of the longer one: a truncated hash must not
  // verify, so the key length is fixed.
  if (salt.length < 8 || expected.length !== KEY_LENGTH) return false;
  const key = await scryptKey(normalise(password), salt, expected.length, {
    N: 2 ** logN,
    r,
    p,
    maxmem: maxmem(logN, r, p),
  });
  return timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification without a user to check against, so a login for an unknown
 * email takes as long as one with a wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('medsupply-no-such-user');
  await verifyPassword(password, await dummyHash);
  return false;
}

const SECRET_BYTES = 32;
export const API_TOKEN_PREFIX = 'mst_';
const API_TOKEN_SHAPE = /^mst_[A-Za-z0-9_-]{43}$/;
const SESSION_ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export interface NewApiToken {
  /** `mst_` + 43 base64url characters: shown once, never stored. */
  readonly token: string;
  /** SHA-256 of the 32 random bytes: what is stored. */
  readonly hash: Buffer;
  /** The first 8 characters, stored to tell tokens apart. */
  readonly prefix: string;
}

export function newApiToken(): NewApiToken {
  const secret = randomBytes(SECRET_BYTES);
  const token = API_TOKEN_PREFIX + secret.toString('base64url');
  return { token, hash: sha256(secret), prefix: token.slice(0, 8) };
}

/** The stored hash of a presented token; undefined when it does not have a token's shape. */
export function apiTokenHash(token: string): Buffer | undefined {
  if (!API_TOKEN_SHAPE.test(token)) return undefined;
  return sha256(Buffer.from(token.slice(API_TOKEN_PREFIX.length), 'base64url'));
}

export function newSessionId(): { readonly id: string; readonly hash: Buffer } {
  const secret = randomBytes(SECRET_BYTES);
  return { id: secret.toString('base64url'), hash: sha256(secret) };
}

export function sessionIdHash(id: string): Buffer | undefined {
  if (!SESSION_ID_SHAPE.test(id)) return undefined;
  return sha256(Buffer.from(id, 'base64url'));
}

export function newCsrfToken(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** A password for an account created without one: 18 random bytes, 24 characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
