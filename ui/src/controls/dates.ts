/**
 * Date, Datetime and Time as the browser's native inputs want them and as the server stores them:
 * `2024-05-01`, `2024-05-01 13:45:00` (the server may add microseconds) and `13:45:00`.
 */
export function inputTypeForDate(fieldtype: string): string {
  if (fieldtype === 'Datetime') return 'datetime-local';
  if (fieldtype === 'Time') return 'time';
  return 'date';
}

export function toInput(value: unknown, fieldtype: string): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (fieldtype === 'Datetime') return text.replace(' ', 'T').slice(0, 19);
  if (fieldtype === 'Time') return text.slice(0, 8);
  return text.slice(0, 10);
}

export function fromInput(text: string, fieldtype: string): string | null {
  if (!text) return null;
  if (fieldtype === 'Datetime') {
    const [date, time = '00:00'] = text.split('T');
    return `${date} ${time.length === 5 ? `${time}:00` : time}`;
  }
  if (fieldtype === 'Time') return text.length === 5 ? `${text}:00` : text;
  return text;
}
