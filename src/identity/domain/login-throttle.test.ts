import { describe, expect, it } from 'vitest';
import { decideLoginThrottle } from './login-throttle.ts';

const now = new Date('2026-03-01T12:00:00Z');
/** A moment `minutes` before now. */
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('login throttle', () => {
  it('allows up to four failures per email and refuses the sixth attempt after five', () => {
    expect(
      decideLoginThrottle({ emailFailures: [1, 2, 3, 4].map(ago), clientFailures: [], now }),
    ).toEqual({ allowed: true });
    // Five failures 10, 8, 6, 4 and 2 minutes ago: the oldest leaves the 15-minute window in
    // 5 minutes, and then four remain.
    expect(
      decideLoginThrottle({ emailFailures: [10, 8, 6, 4, 2].map(ago), clientFailures: [], now }),
    ).toEqual({ allowed: false, limitedBy: 'email', retryAfterSeconds: 300 });
  });

  it('forgets failures older than 15 minutes', () => {
    expect(
      decideLoginThrottle({
        emailFailures: [16, 15, 4, 3, 2].map(ago),
        clientFailures: [],
        now,
      }),
    ).toEqual({ allowed: true });
  });

  it('with more failures than the limit waits until enough have left the window', () => {
    // Seven failures; three must leave before fewer than five remain: the third oldest
    // (11 minutes ago) leaves in 4 minutes.
    expect(
      decideLoginThrottle({
        emailFailures: [14, 13, 11, 8, 6, 4, 2].map(ago),
        clientFailures: [],
        now,
      }),
    ).toEqual({ allowed: false, limitedBy: 'email', retryAfterSeconds: 240 });
  });

  it('limits a client address at twenty failures whatever the emails', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => ago(14 - index * 0.5));
    expect(
      decideLoginThrottle({ emailFailures: [], clientFailures: twenty.slice(1), now }),
    ).toEqual({ allowed: true });
    // The oldest of twenty is 14 minutes old: one minute to go.
    expect(decideLoginThrottle({ emailFailures: [], clientFailures: twenty, now })).toEqual({
      allowed: false,
      limitedBy: 'client',
      retryAfterSeconds: 60,
    });
  });

  it('waits at least one second', () => {
    const justBeforeExpiry = new Date(now.getTime() - 15 * 60_000 + 10);
    expect(
      decideLoginThrottle({
        emailFailures: [justBeforeExpiry, ...[4, 3, 2, 1].map(ago)],
        clientFailures: [],
        now,
      }),
    ).toEqual({ allowed: false, limitedBy: 'email', retryAfterSeconds: 1 });
  });
});
