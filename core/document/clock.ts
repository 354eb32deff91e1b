/**
 * Timestamps in Frappe's format (`YYYY-MM-DD HH:MM:SS.ffffff`, server local time). They never repeat
 * within a process, so two saves in the same millisecond still get different `modified` values and
 * optimistic locking can tell them apart.
 */
import { addDays, daysBetween, formatDate, formatDatetime, formatTime } from '../db';

export { addDays, daysBetween, formatDate, formatDatetime, formatTime };

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
