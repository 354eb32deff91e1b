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
