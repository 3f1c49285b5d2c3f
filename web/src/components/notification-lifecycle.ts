/**
 * Which status changes a viewer may make, mirroring the server's lifecycle
 * (src/notifications/domain/lifecycle.ts): the notification centre triages and decides; the
 * reporting company withdraws, and both may close a confirmed shortage as resolved. The server
 * checks again; this only decides which buttons to show.
 */
import type { NotificationStatus, Role } from '../api/types.ts';

interface Transition {
  readonly from: readonly NotificationStatus[];
  readonly to: NotificationStatus;
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

/** The roles of the notification centre that decide (the server's AUTHORITY_DECIDERS). */
export const DECIDING_ROLES: readonly Role[] = ['analyst', 'admin'];

/** Statuses in which the company may still send an update. */
export const OPEN_STATUSES: readonly NotificationStatus[] = [
  'submitted',
  'triaged',
  'confirmed_shortage',
];

export function isDecider(role: Role): boolean {
  return DECIDING_ROLES.includes(role);
}

export function canTransition(
  from: NotificationStatus,
  to: NotificationStatus,
  role: Role,
  ownCompany: boolean,
): boolean {
  return TRANSITIONS.some(
    (transition) =>
      transition.to === to &&
      transition.from.includes(from) &&
      (transition.by === 'authority' ? isDecider(role) : ownCompany && role === 'mah'),
  );
}

/** The statuses this viewer may move the notification to, in lifecycle order. */
export function allowedTransitions(
  from: NotificationStatus,
  role: Role,
  ownCompany: boolean,
): NotificationStatus[] {
  const targets = [...new Set(TRANSITIONS.map((transition) => transition.to))];
  return targets.filter((to) => canTransition(from, to, role, ownCompany));
}

/** The statuses the triage queue's bulk action offers. */
export const BULK_TARGETS: readonly NotificationStatus[] = [
  'triaged',
  'confirmed_shortage',
  'no_shortage',
];
