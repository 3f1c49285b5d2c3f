/** Today's calendar date where the reader is, as YYYY-MM-DD (the "as of" of a page). */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${String(now.getFullYear())}-${month}-${day}`;
}

/** ATC code or prefix as the API accepts it in a filter (a letter, then up to six more). */
export const ATC_FILTER_PATTERN = /^[A-Za-z][0-9A-Za-z]{0,6}$/;
