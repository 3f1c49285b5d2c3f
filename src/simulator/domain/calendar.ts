/**
 * Calendar arithmetic on ISO dates (UTC, no clock): the date of a day index, and per day the
 * weekday and the position in the year that demand patterns follow.
 */

const DAY_MS = 86_400_000;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** The date `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Calendar {
  /** 0 = Monday … 6 = Sunday, per day index. */
  readonly weekday: Uint8Array;
  /** cos(2π (day of year − 15) / 365.25): 1 in mid-January, −1 in mid-July. */
  readonly winter: Float64Array;
  /** Years since day 0, per day index. */
  readonly years: Float64Array;
}

/** Weekday, winter position and years since day 0 for every day of the series. */
export function buildCalendar(startDate: string, days: number): Calendar {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const weekday = new Uint8Array(days);
  const winter = new Float64Array(days);
  const years = new Float64Array(days);
  for (let day = 0; day < days; day++) {
    const date = new Date(start + day * DAY_MS);
    weekday[day] = (date.getUTCDay() + 6) % 7;
    const dayOfYear = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
    winter[day] = Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
    years[day] = day / 365.25;
  }
  return { weekday, winter, years };
}
