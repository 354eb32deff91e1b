/**
 * Desk URLs as Frappe spells them: /app/sales-order (list), /app/sales-order/new, /app/sales-order/SO-0001
 * (form), /app/query-report/Inactive Customers (report). A DocType's slug is its name lower-cased with
 * spaces as hyphens; the boot data maps it back to the name.
 */
import { session } from './session';

export function slugOf(doctype: string): string {
  return doctype.toLowerCase().replace(/ /g, '-');
}

export function doctypeOfSlug(slug: string): string | undefined {
  return session.boot?.doctypes.find((d) => slugOf(d.name) === slug)?.name;
}

export const listPath = (doctype: string) => `/app/${slugOf(doctype)}`;
export const formPath = (doctype: string, name: string) => `/app/${slugOf(doctype)}/${encodeURIComponent(name)}`;
export const newFormPath = (doctype: string) => `/app/${slugOf(doctype)}/new`;
export const reportPath = (report: string) => `/app/query-report/${encodeURIComponent(report)}`;
