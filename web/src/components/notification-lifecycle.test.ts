import { describe, expect, it } from 'vitest';
// The server's lifecycle, to prove the buttons the page offers are the moves the server allows.
import { checkTransition } from '../../../src/notifications/domain/lifecycle.ts';
import { NOTIFICATION_STATUSES, ROLES } from '../api/types.ts';
import { allowedTransitions, canTransition } from './notification-lifecycle.ts';

describe('the status buttons', () => {
  it('offer the notification centre triage and its decisions on a new notification', () => {
    expect(allowedTransitions('submitted', 'analyst', false)).toEqual([
      'triaged',
      'confirmed_shortage',
      'no_shortage',
    ]);
    expect(allowedTransitions('confirmed_shortage', 'analyst', false)).toEqual(['resolved']);
  });

  it('offer the reporting company only its withdrawal, and resolution of a confirmed shortage', () => {
    expect(allowedTransitions('submitted', 'mah', true)).toEqual(['withdrawn']);
    expect(allowedTransitions('confirmed_shortage', 'mah', true)).toEqual([
      'withdrawn',
      'resolved',
    ]);
    expect(allowedTransitions('submitted', 'mah', false)).toEqual([]);
    expect(allowedTransitions('withdrawn', 'mah', true)).toEqual([]);
  });

  it('offer nothing to the ministry, the coordination centre or a wholesaler', () => {
    for (const role of ['policy', 'coordinator', 'wholesaler'] as const) {
      for (const status of NOTIFICATION_STATUSES)
        expect(allowedTransitions(status, role, false)).toEqual([]);
    }
  });

  it('agree with the server on every status, role and ownership', () => {
    for (const from of NOTIFICATION_STATUSES)
      for (const to of NOTIFICATION_STATUSES)
        for (const role of ROLES)
          for (const own of [true, false]) {
            expect(
              canTransition(from, to, role, own),
              `${role} ${from}->${to} own=${String(own)}`,
            ).toBe(checkTransition(from, to, role, own).ok);
          }
  });
});
