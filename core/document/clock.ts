/**
 * Timestamps in Frappe's format (`YYYY-MM-DD HH:MM:SS.ffffff`, server local time). They never repeat
 * within a process, so two saves in the same millisecond still get different `modified` values and
 * optimistic locking can tell them apart.
 */
let lastMicros = 0;

export function nowTimestamp(): string {
  let micros = Date.now() * 1000;
  if (micros <= lastMicros) micros = lastMicros + 1;
  lastMicros = micros;
  return formatDatetime(new Date(Math.floor(micros / 1000)), micros % 1000);
}

export function todayDate(): string {
  return formatDate(new Date());
}

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
