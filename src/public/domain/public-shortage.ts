/** What the public sees of a notification: never contact data, stock volumes or the risk score. */

export type PublicPhase = 'current' | 'expected' | 'resolved';

/** Current when it has started by the as-of date, expected when it starts later. */
export function publicPhase(
  status: string,
  expectedStart: string,
  asOf: string,
): PublicPhase | undefined {
  if (status === 'resolved' || status === 'withdrawn' || status === 'no_shortage')
    return 'resolved';
  if (status !== 'confirmed_shortage') return undefined;
  return expectedStart <= asOf ? 'current' : 'expected';
}

export type ChangeType = 'new' | 'changed' | 'resolved';

/**
 * The change-feed type of a notification that changed publicly after `since`: resolved when it
 * left the list, new when it was confirmed after `since`, changed otherwise.
 */
export function changeType(status: string, confirmedAt: Date | null, since: Date): ChangeType {
  if (status !== 'confirmed_shortage') return 'resolved';
  return confirmedAt !== null && confirmedAt > since ? 'new' : 'changed';
}
