/**
 * The status indicator (Frappe's model/indicator.js): a cancelled document is red, a draft of a
 * submittable DocType red, then the `status` field's value with a colour guessed from the word, then
 * Submitted (blue); a DocType with only a `disabled` check shows Enabled / Disabled.
 */
import type { ListMeta } from './meta';

export type Colour = 'red' | 'blue' | 'green' | 'orange' | 'yellow' | 'purple' | 'gray';

export interface Indicator {
  label: string;
  colour: Colour;
}

const COLOURS: [Colour, string[]][] = [
  ['red', ['draft', 'cancelled', 'overdue', 'unpaid', 'lost', 'expired', 'rejected', 'not paid', 'failed', 'stopped']],
  ['green', ['completed', 'paid', 'converted', 'closed', 'won', 'delivered', 'active', 'enabled', 'replied', 'ordered', 'success']],
  ['orange', ['open', 'pending', 'to deliver and bill', 'to bill', 'to deliver', 'partially ordered', 'partly paid', 'quotation', 'opportunity', 'interested']],
  ['yellow', ['on hold', 'hold', 'return']],
  ['blue', ['submitted', 'working', 'sent']],
  ['gray', ['disabled', 'inactive', 'do not contact', 'unsubscribed']],
];

export function colourOf(status: string): Colour {
  const word = status.trim().toLowerCase();
  return COLOURS.find(([, words]) => words.includes(word))?.[0] ?? 'gray';
}

export function hasIndicator(meta: ListMeta): boolean {
  return meta.is_submittable || meta.fields.has('status') || meta.fields.get('disabled')?.fieldtype === 'Check';
}

export function indicatorOf(meta: ListMeta, row: Record<string, unknown>): Indicator | null {
  const docstatus = Number(row.docstatus ?? 0);
  if (docstatus === 2) return { label: 'Cancelled', colour: 'red' };
  if (meta.is_submittable && docstatus === 0) return { label: 'Draft', colour: 'red' };
  const status = row.status;
  if (typeof status === 'string' && status) return { label: status, colour: colourOf(status) };
  if (meta.is_submittable) return { label: 'Submitted', colour: 'blue' };
  if (meta.fields.get('disabled')?.fieldtype === 'Check') return Number(row.disabled) ? { label: 'Disabled', colour: 'gray' } : { label: 'Enabled', colour: 'blue' };
  return null;
}
