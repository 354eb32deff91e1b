/**
 * The status pill beside the title, Frappe's rules: unsaved changes first ("Not Saved"), then
 * Cancelled / Submitted by docstatus, else the document's `status` field, else Draft for a
 * submittable DocType (nothing for others).
 */
export type Tone = 'gray' | 'blue' | 'red' | 'green' | 'orange';

export interface Indicator {
  label: string;
  tone: Tone;
}

const TONES: Record<string, Tone> = {
  Draft: 'red', Open: 'orange', Lead: 'gray', Cancelled: 'red', Lost: 'gray', Closed: 'green', Completed: 'green',
  Converted: 'green', Won: 'green', Paid: 'green', Overdue: 'red', Expired: 'gray', Disabled: 'gray', Enabled: 'blue',
};

export function indicatorOf(doc: Record<string, unknown>, submittable: boolean, dirty: boolean, isNew: boolean): Indicator | undefined {
  if (dirty || isNew) return { label: 'Not Saved', tone: 'orange' };
  const docstatus = Number(doc.docstatus ?? 0);
  if (docstatus === 2) return { label: 'Cancelled', tone: 'red' };
  const status = typeof doc.status === 'string' && doc.status ? doc.status : undefined;
  if (status) return { label: status, tone: TONES[status] ?? (docstatus === 1 ? 'blue' : 'gray') };
  if (docstatus === 1) return { label: 'Submitted', tone: 'blue' };
  if (submittable) return { label: 'Draft', tone: 'red' };
  if (doc.disabled === 1) return { label: 'Disabled', tone: 'gray' };
  return undefined;
}
