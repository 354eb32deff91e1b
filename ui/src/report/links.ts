/**
 * Where a cell links to. Link cells open the document (`formPath(options, value)`); Dynamic Link
 * cells read their DocType from the row's column named in `options`. A DocType may get its own page
 * instead of the form (the customer profile, later): `registerLinkTarget('Customer', (name) => ...)`
 * is the hook, and every report picks it up.
 */
import { formPath } from '../routes';
import type { ReportColumnDef, Row } from './types';

type LinkTarget = (name: string) => string;
const targets = new Map<string, LinkTarget>();

export function registerLinkTarget(doctype: string, target: LinkTarget): void {
  targets.set(doctype, target);
}

export function linkDoctype(column: ReportColumnDef, row: Row): string | null {
  if (column.fieldtype === 'Link') return column.options || null;
  if (column.fieldtype === 'Dynamic Link') {
    const doctype = column.options ? row[column.options] : null;
    return typeof doctype === 'string' && doctype ? doctype : null;
  }
  return null;
}

export function cellLink(column: ReportColumnDef, row: Row): string | null {
  const value = row[column.fieldname];
  if (value === null || value === undefined || value === '') return null;
  const doctype = linkDoctype(column, row);
  if (!doctype) return null;
  const target = targets.get(doctype);
  return target ? target(String(value)) : formPath(doctype, String(value));
}
