/**
 * Duration fields store seconds (a Float). People read and type them as `1d 2h 30m 15s`; a bare
 * number is seconds. Units may be dropped: `2h` and `90m` are both fine.
 */
const UNITS: [suffix: string, seconds: number][] = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

export function formatDuration(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  let rest = Math.round(Number(value));
  if (!Number.isFinite(rest)) return String(value);
  if (rest === 0) return '0s';
  const sign = rest < 0 ? '-' : '';
  rest = Math.abs(rest);
  const parts: string[] = [];
  for (const [suffix, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count) parts.push(`${count}${suffix}`);
  }
  return sign + parts.join(' ');
}

export type DurationParsed = { ok: true; value: number | null } | { ok: false; message: string };

export function parseDuration(text: string): DurationParsed {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return { ok: true, value: null };
  if (/^\d+(\.\d+)?$/.test(trimmed)) return { ok: true, value: Number(trimmed) };
  const pattern = /(\d+(?:\.\d+)?)\s*([dhms])/g;
  let total = 0;
  let consumed = '';
  for (const match of trimmed.matchAll(pattern)) {
    total += Number(match[1]) * UNITS.find(([s]) => s === match[2])![1];
    consumed += match[0];
  }
  if (consumed.replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) return { ok: false, message: 'Write a duration as 1d 2h 30m 15s' };
  return { ok: true, value: total };
}
