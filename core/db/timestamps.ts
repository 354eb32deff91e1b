/**
 * Dates and times as Frappe writes them, in server local time: `YYYY-MM-DD`, `HH:MM:SS` and
 * `YYYY-MM-DD HH:MM:SS.ffffff`. The one place these are formatted, for every layer above.
 */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function formatDatetime(date: Date, extraMicros = 0): string {
  const micros = date.getMilliseconds() * 1000 + extraMicros;
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(micros, 6)}`;
}

export function formatTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A `YYYY-MM-DD` date moved by whole calendar days (local calendar, so DST never shifts the date). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return formatDate(new Date(y!, m! - 1, d! + days));
}

/** A `YYYY-MM-DD` date moved by calendar months; a day past the target month's end becomes its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const lastDay = new Date(y!, m! - 1 + months + 1, 0).getDate();
  return formatDate(new Date(y!, m! - 1 + months, Math.min(d!, lastDay)));
}

/** Whole calendar days from `from` to `to` (`YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (date: string) => {
    const [y, m, d] = date.slice(0, 10).split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
