/** Login attempts per email key and client address: the evidence for rate limiting. */
import type pg from 'pg';
import { LOGIN_WINDOW_MS } from '../domain/login-throttle.ts';

type Queryable = pg.Pool | pg.PoolClient;

/**
 * Failed attempts in the window before `now`: for the email key only those after its last
 * successful login, for the client address all of them.
 */
export async function recentLoginFailures(
  db: Queryable,
  emailKey: string,
  clientIp: string,
  now: Date,
): Promise<{ emailFailures: Date[]; clientFailures: Date[] }> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const result = await db.query<{ at: Date; by_email: boolean }>(
    `select at, true as by_email from login_attempt
      where email_key = $1 and not succeeded and at > $3 and at <= $4
        and at > coalesce((select max(at) from login_attempt
                            where email_key = $1 and succeeded and at <= $4), '-infinity')
     union all
     select at, false from login_attempt
      where client_ip = $2 and not succeeded and at > $3 and at <= $4`,
    [emailKey, clientIp, since, now],
  );
  return {
    emailFailures: result.rows.filter((row) => row.by_email).map((row) => row.at),
    clientFailures: result.rows.filter((row) => !row.by_email).map((row) => row.at),
  };
}

export async function recordLoginAttempt(
  db: Queryable,
  attempt: { at: Date; emailKey: string; clientIp: string; succeeded: boolean },
): Promise<void> {
  await db.query(
    'insert into login_attempt (at, email_key, client_ip, succeeded) values ($1, $2, $3, $4)',
    [attempt.at, attempt.emailKey, attempt.clientIp, attempt.succeeded],
  );
}

/** Attempts older than a day count for nothing any more. */
export async function pruneLoginAttempts(db: Queryable, now: Date): Promise<void> {
  await db.query('delete from login_attempt where at < $1', [
    new Date(now.getTime() - 24 * 60 * 60 * 1000),
  ]);
}
