/**
 * The lifecycle of a notification: submitted -> triaged -> confirmed shortage | no shortage |
 * withdrawn -> resolved. Analysts move it through triage and decide; the company can withdraw it
 * and keep it current with updates while it is open.
 */
import type { Role } from '../../kernel/actor.ts';
import type { NotificationStatus } from './types.ts';

interface Transition {
  readonly from: readonly NotificationStatus[];
  readonly to: NotificationStatus;
  /** Who may make it: the reporting company's own users, or the notification centre. */
  readonly by: 'company' | 'authority';
}

const TRANSITIONS: readonly Transition[] = [
  { from: ['submitted'], to: 'triaged', by: 'authority' },
  { from: ['submitted', 'triaged'], to: 'confirmed_shortage', by: 'authority' },
  { from: ['submitted', 'triaged'], to: 'no_shortage', by: 'authority' },
  { from: ['submitted', 'triaged', 'confirmed_shortage'], to: 'withdrawn', by: 'company' },
  { from: ['confirmed_shortage'], to: 'resolved', by: 'authority' },
  { from: ['confirmed_shortage'], to: 'resolved', by: 'company' },
];

/** Statuses in which the company may still send updates (new versions). */
export const OPEN_STATUSES: readonly NotificationStatus[] = [
  'submitted',
  'triaged',
  'confirmed_shortage',
];

const AUTHORITY_DECIDERS: readonly Role[] = ['analyst', 'admin'];

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether an actor with this role, of the reporting company or not, may move a notification from
 * one status to another.
 */
export function checkTransition(
  from: NotificationStatus,
  to: NotificationStatus,
  role: Role,
  isReportingCompany: boolean,
): TransitionCheck {
  const candidates = TRANSITIONS.filter((t) => t.to === to && t.from.includes(from));
  if (candidates.length === 0)
    return { ok: false, reason: `a notification cannot go from ${from} to ${to}` };
  const allowed = candidates.some((t) =>
    t.by === 'authority' ? AUTHORITY_DECIDERS.includes(role) : isReportingCompany && role === 'mah',
  );
  return allowed
    ? { ok: true }
    : { ok: false, reason: `your role may not move a notification to ${to}` };
}

export function isOpen(status: NotificationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
