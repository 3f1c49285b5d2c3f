import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  apiTokenHash,
  generatePassword,
  hashPassword,
  newApiToken,
  newCsrfToken,
  newSessionId,
  sessionIdHash,
  verifyAgainstNothing,
  verifyPassword,
} from './credentials.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and refuses any other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores the parameters with a 16-byte salt and a 64-byte key in a PHC string', async () => {
    const hash = await hashPassword('a long enough password');
    const match = /^\$scrypt\$ln=15,r=8,p=1\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Buffer.from(match?.[1] ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(match?.[2] ?? '', 'base64url')).toHaveLength(64);
  });

  it('salts every hash, so one password gives two different hashes', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password 1'),
      hashPassword('same password 1'),
    ]);
    expect(a).not.toBe(b);
  });

  it('treats the composed and decomposed spelling of a password as the same', async () => {
    const composed = 'wachtwoord coördinator';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('verifies a hash made with other parameters from the parameters stored in it', async () => {
    const hash = await hashPassword('parameters travel along');
    const salt = Buffer.from(hash.split('$')[3] ?? '', 'base64url');
    // A hash an older configuration (N = 2^14) would have written, computed independently.
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('parameters travel along', salt, 64, { N: 2 ** 14, r: 8, p: 1 });
    const older = `$scrypt$ln=14,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('parameters travel along', older)).toBe(true);
  });

  it('counts a malformed or tampered hash as no match instead of throwing', async () => {
    const hash = await hashPassword('untampered password');
    expect(await verifyPassword('untampered password', 'plain text')).toBe(false);
    expect(await verifyPassword('untampered password', hash.replace('ln=15', 'ln=30'))).toBe(false);
    expect(await verifyPassword('untampered password', hash.replace('ln=15', 'ln=14'))).toBe(false);
    expect(await verifyPassword('untampered password', hash.slice(0, -10))).toBe(false);
  });

  it('spends a verification on an unknown user and answers no', async () => {
    expect(await verifyAgainstNothing('anything at all')).toBe(false);
  });
});

describe('random secrets', () => {
  it('makes API tokens of 32 random bytes and keeps only the SHA-256 of those bytes', () => {
    const { token, hash, prefix } = newApiToken();
    expect(token).toMatch(/^mst_[A-Za-z0-9_-]{43}$/);
    const secret = Buffer.from(token.slice(4), 'base64url');
    expect(secret).toHaveLength(32);
    expect(hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
    expect(apiTokenHash(token)?.equals(hash)).toBe(true);
    expect(prefix).toBe(token.slice(0, 8));
    expect(newApiToken().token).not.toBe(token);
  });

  it('does not hash a string that is not shaped like a token', () => {
    expect(apiTokenHash('')).toBeUndefined();
    expect(apiTokenHash('mst_short')).toBeUndefined();
    expect(apiTokenHash(`xyz_${'a'.repeat(43)}`)).toBeUndefined();
    expect(apiTokenHash(`mst_${'a'.repeat(42)}!`)).toBeUndefined();
  });

  it('makes session ids, CSRF tokens and passwords long and distinct', () => {
    const session = newSessionId();
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionIdHash(session.id)?.equals(session.hash)).toBe(true);
    expect(sessionIdHash('not a session id')).toBeUndefined();
    expect(newCsrfToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(newCsrfToken());
    expect(generatePassword().length).toBeGreaterThanOrEqual(12);
  });
});
