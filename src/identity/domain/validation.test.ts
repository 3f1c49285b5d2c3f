import { describe, expect, it } from 'vitest';
import {
  parseTimestamp,
  passwordProblems,
  textProblems,
  validateOrganisationChange,
  validateTokenInput,
  validateUserChange,
  validateUserInput,
} from './validation.ts';

describe('user input', () => {
  it('names every offending field at once', () => {
    const problems = validateUserInput(
      {
        organisationId: 1,
        email: 'not-an-email',
        displayName: 'Line\nbreak',
        role: 'mah',
        password: 'short',
      },
      'authority',
    );
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/body/email', 'MS_EMAIL_INVALID'],
      ['/body/displayName', 'MS_TEXT_CONTROL_CHARACTERS'],
      ['/body/password', 'MS_AUTH_PASSWORD_TOO_SHORT'],
      ['/body/role', 'MS_AUTH_ROLE_NOT_ALLOWED'],
    ]);
  });

  it('accepts a well-formed user and reports an unknown organisation', () => {
    const input = {
      organisationId: 7,
      email: ' Someone@Example.org ',
      displayName: 'Someone',
      role: 'analyst' as const,
      password: 'twelve chars',
    };
    expect(validateUserInput(input, 'authority')).toEqual([]);
    expect(validateUserInput(input, undefined).map((p) => p.code)).toEqual([
      'MS_ORGANISATION_NOT_FOUND',
    ]);
  });

  it('keeps an admin from disabling or demoting themselves', () => {
    const problems = validateUserChange({ disabled: true, role: 'analyst' }, 'authority', {
      self: true,
    });
    expect(problems.map((p) => p.pointer)).toEqual(['/body/disabled', '/body/role']);
    expect(validateUserChange({ disabled: true }, 'authority', { self: false })).toEqual([]);
  });
});

describe('passwords', () => {
  it('needs 12 characters, counting an emoji as one', () => {
    expect(passwordProblems('elevenchars', '/p')).toHaveLength(1);
    expect(passwordProblems('twelve chars', '/p')).toEqual([]);
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems('🔒'.repeat(11), '/p').map((p) => p.code)).toEqual([
      'MS_AUTH_PASSWORD_TOO_SHORT',
    ]);
    expect(passwordProblems('🔒'.repeat(12), '/p')).toEqual([]);
    expect(passwordProblems('x'.repeat(1025), '/p').map((p) => p.code)).toEqual([
      'MS_REQUEST_INVALID',
    ]);
  });
});

describe('free text', () => {
  it('refuses empty text, NUL and other control characters, and keeps markup as text', () => {
    expect(textProblems('  ', '/n', 'name').map((p) => p.detail)).toEqual([
      'name must not be empty',
    ]);
    expect(textProblems('a\u0000b', '/n', 'name').map((p) => p.code)).toEqual([
      'MS_TEXT_CONTROL_CHARACTERS',
    ]);
    expect(textProblems('tab\there', '/n', 'name')).toHaveLength(1);
    expect(textProblems("Robert'); drop table app_user;-- <script>", '/n', 'name')).toEqual([]);
    expect(textProblems('x'.repeat(201), '/n', 'name')).toHaveLength(1);
  });
});

describe('organisations and tokens', () => {
  it('refuses a kind that the organisation’s users do not fit', () => {
    const problems = validateOrganisationChange({ kind: 'wholesaler' }, ['mah', 'mah']);
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/body/kind', 'MS_AUTH_ROLE_NOT_ALLOWED'],
    ]);
    expect(validateOrganisationChange({ kind: 'mah' }, ['mah'])).toEqual([]);
  });

  it('wants a token expiry in the future', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const base = { name: 'erp', role: 'mah' as const };
    expect(validateTokenInput({ ...base, expiresAt: '2026-03-02' }, 'mah', now)).toEqual([]);
    expect(
      validateTokenInput({ ...base, expiresAt: '2026-02-28' }, 'mah', now).map((p) => p.pointer),
    ).toEqual(['/body/expiresAt']);
    expect(validateTokenInput({ ...base, expiresAt: 'soon' }, 'mah', now)).toHaveLength(1);
  });
});

describe('parseTimestamp', () => {
  it('reads a date as midnight UTC and a date-time with its zone', () => {
    expect(parseTimestamp('2026-01-31')?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseTimestamp('2026-01-31T10:00:00+01:00')?.toISOString()).toBe(
      '2026-01-31T09:00:00.000Z',
    );
    expect(parseTimestamp('2026-01-31T10:00Z')?.toISOString()).toBe('2026-01-31T10:00:00.000Z');
  });

  it('refuses impossible dates and other shapes', () => {
    expect(parseTimestamp('2026-02-30')).toBeUndefined();
    expect(parseTimestamp('31-01-2026')).toBeUndefined();
    expect(parseTimestamp('2026-01-31T10:00:00')).toBeUndefined();
    expect(parseTimestamp("2026-01-01' or 1=1 --")).toBeUndefined();
  });
});
