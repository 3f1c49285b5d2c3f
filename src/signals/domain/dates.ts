/**
 * Calendar dates as the registers write them (BfArM dd.mm.yyyy, FDA MM/DD/YYYY or YYYYMMDD) and
 * as medsupply keeps them (ISO YYYY-MM-DD), with day arithmetic in UTC so no time zone or
 * daylight-saving change shifts a duration.
 */
import type { IsoDate } from './types.ts';

const MS_PER_DAY = 86_400_000;

function isoFromParts(year: number, month: number, day: number): IsoDate | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31.02. rolls over into March: not a calendar date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A calendar date written YYYY-MM-DD, or undefined when it is not one (2026-02-30). */
export function parseIsoDate(raw: string): IsoDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (match === null) return undefined;
  return isoFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** BfArM's dd.mm.yyyy ("03.08.2026") as an ISO date, or undefined when it is not a date. */
export function parseGermanDate(raw: string): IsoDate | undefined {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw.trim());
  if (match === null) return undefined;
  return isoFromParts(Number(match[3]), Number(match[2]), Number(match[1]));
}

/**
 * An openFDA date as ISO: the live API writes MM/DD/YYYY ("06/25/2026"), its field reference
 * YYYYMMDD; ISO is accepted too. Undefined when it is none of these.
 */
export function parseFdaDate(raw: string): IsoDate | undefined {
  const text = raw.trim();
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (us !== null) return isoFromParts(Number(us[3]), Number(us[1]), Number(us[2]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact !== null) {
    return isoFromParts(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  }
  return parseIsoDate(text);
}

function epochDay(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / MS_PER_DAY;
}

/** Whole days from one date to another (negative when `to` lies before `from`). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(epochDay(to) - epochDay(from));
}
