/**
 * Signed webhook payloads: `Medsupply-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the subscription's secret>`. The receiver recomputes it and rejects old
 * timestamps, so a captured delivery cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Verifies a signature header as a receiver would; tolerance in seconds. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((part) => part.split('=', 2) as [string, string]),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || parts.v1 === undefined)
    return false;
  const expected = Buffer.from(signPayload(secret, body, t).split('v1=')[1] ?? '');
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Seconds to wait before attempt n+1 after n failed attempts; undefined: give up. */
export function retryDelaySeconds(failedAttempts: number): number | undefined {
  const schedule = [60, 300, 1_800, 7_200, 43_200];
  return schedule[failedAttempts - 1];
}
