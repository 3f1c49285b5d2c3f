import { describe, expect, it } from 'vitest';
import { redactSecrets } from './audit.ts';

describe('redactSecrets', () => {
  it('blanks secret-named keys at any depth and keeps everything else', () => {
    expect(
      redactSecrets({
        email: 'a@example.org',
        password: 'hunter2hunter2',
        nested: [{ passwordHash: '$scrypt$…', secret: 'mst_x', csrfToken: 'c', sha256: 'abc' }],
        count: 3,
        none: null,
      }),
    ).toEqual({
      email: 'a@example.org',
      password: '[redacted]',
      nested: [
        {
          passwordHash: '[redacted]',
          secret: '[redacted]',
          csrfToken: '[redacted]',
          sha256: 'abc',
        },
      ],
      count: 3,
      none: null,
    });
  });
});
