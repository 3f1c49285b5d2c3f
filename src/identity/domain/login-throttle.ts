/**
 * Login rate limiting: at most 5 failed logins per email address and 20 per client address in a
 * sliding 15-minute window (OWASP Authentication Cheat Sheet, "Login Throttling"). Counting per
 * address as well stops one client from trying one password on many accounts.
 */

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export type LoginThrottleDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly limitedBy: 'email' | 'client';
      /** Whole seconds until one more attempt is allowed (at least 1), for Retry-After. */
      readonly retryAfterSeconds: number;
    };

/** Seconds until fewer than `max` of these failures lie inside the window; 0 when already so. */
function secondsUntilBelow(failures: readonly Date[], max: number, now: Date): number {
  const start = now.getTime() - LOGIN_WINDOW_MS;
  const inWindow = failures
    .map((failure) => failure.getTime())
    .filter((time) => time > start && time <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < max) return 0;
  // Once the oldest (count - max + 1) failures have left the window, one more attempt fits.
  const freeing = inWindow[inWindow.length - max] ?? now.getTime();
  return Math.max(1, Math.ceil((freeing + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

/**
 * Whether a login may be tried now, given the failed attempts for the email address (since its
 * last successful login) and for the client address.
 */
export function decideLoginThrottle(input: {
  readonly emailFailures: readonly Date[];
  readonly clientFailures: readonly Date[];
  readonly now: Date;
}): LoginThrottleDecision {
  const email = secondsUntilBelow(input.emailFailures, MAX_FAILURES_PER_EMAIL, input.now);
  const client = secondsUntilBelow(input.clientFailures, MAX_FAILURES_PER_CLIENT, input.now);
  if (email === 0 && client === 0) return { allowed: true };
  return email >= client
    ? { allowed: false, limitedBy: 'email', retryAfterSeconds: email }
    : { allowed: false, limitedBy: 'client', retryAfterSeconds: client };
}
