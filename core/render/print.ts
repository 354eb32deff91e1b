/**
 * Renders a document through a print format into `{html, style}`, as Frappe's printview answers.
 * The document is read through the caller's DocumentStore, so its read permission, User Permissions
 * and permlevel masks apply; so is the company record shown in the header.
 *
 * A template sees:
 *   doc         the document (masked for the reader), child tables as arrays of rows
 *   meta        { doctype, title_field, labels: {fieldname: label} }
 *   company     the record the document's `company` Link names (only `{name}` when the reader may not
 *               read it), or undefined when the DocType has no `company` Link
 *   currency    the document's `currency`, else the company's `default_currency`
 *   print_date  today, `YYYY-MM-DD` (format it with {{date print_date}})
 *   heading, status_label, layout   what the Standard format prints (see layout.ts)
 */
import { formatDate as isoDate, type Doc, type DocumentStore } from '../document';
import { PermissionError } from '../errors';
import type { DocTypeMeta } from '../meta';
import { escapeHtml, type RenderState } from './helpers';
import { standardLayout } from './layout';
import { loadTemplate, printBaseStyle, templateFileFor } from './templates';

export interface PrintRequest {
  /** The store acting for the reader. */
  store: DocumentStore;
  doctype: string;
  name: string | number;
  /** A named format (`<folder>/<scrub(name)>.print.hbs`), `Standard`, or none for the DocType's default. */
  printFormat?: string;
  /** Called once the document is read, before it is rendered (e.g. the print right's if_owner scope). */
  authorize?(meta: DocTypeMeta, doc: Doc): void | Promise<void>;
  /** The print date (default: now). */
  now?: Date;
}

export interface PrintOutput {
  html: string;
  style: string;
}

type Values = Record<string, unknown>;

/** The record the document's `company` Link names, read as the reader; `{name}` alone when they may not read it. */
async function companyOf(store: DocumentStore, meta: DocTypeMeta, doc: Doc): Promise<{ doctype?: string; record?: Values }> {
  const field = meta.getField('company');
  if (!field || field.fieldtype !== 'Link' || !field.options) return {};
  const name = doc.company;
  if (typeof name !== 'string' || name === '') return { doctype: field.options };
  try {
    return { doctype: field.options, record: (await store.find(field.options, name)) ?? { name } };
  } catch (error) {
    if (error instanceof PermissionError) return { doctype: field.options, record: { name } };
    throw error;
  }
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export async function renderPrint(request: PrintRequest): Promise<PrintOutput> {
  const { store } = request;
  const meta = store.registry.get(request.doctype);
  const file = templateFileFor(meta, request.printFormat);
  const doc = await store.get(meta.name, request.name);
  await request.authorize?.(meta, doc);
  const company = await companyOf(store, meta, doc);
  const currency = nonBlank(doc.currency) ?? nonBlank(company.record?.default_currency);
  const state: RenderState = { meta: (doctype) => store.registry.find(doctype), currency, company: company.record, companyDoctype: company.doctype };
  const title = meta.titleField !== 'name' ? doc[meta.titleField] : undefined;
  const context = {
    doc,
    meta: { doctype: meta.name, title_field: meta.titleField, labels: Object.fromEntries(meta.fields.map((f) => [f.fieldname, f.label])) },
    company: company.record,
    currency,
    print_date: isoDate(request.now ?? new Date()),
    heading: { doctype: meta.name, name: String(doc.name ?? ''), title: !title || String(title) === String(doc.name) ? '' : String(title) },
    status_label: meta.isSubmittable ? ({ 0: 'Draft', 2: 'Cancelled' } as Record<number, string>)[Number(doc.docstatus ?? 0)] ?? '' : '',
    layout: standardLayout(meta, doc, (doctype) => store.registry.find(doctype)),
  };
  const template = loadTemplate(file);
  const body = template.render(context, { tabula: state });
  return {
    html: `<div class="print-format" data-doctype="${escapeHtml(meta.name)}">\n${body.trim()}\n</div>`,
    style: [printBaseStyle(), template.style].filter(Boolean).join('\n\n'),
  };
}

/** `{html, style}` as one standalone HTML page (to save, open in a browser or print to PDF). */
export function printPage(output: PrintOutput, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${output.style.replace(/<\/style/gi, '<\\/style')}\n</style>`,
    '</head>',
    '<body>',
    output.html,
    '</body>',
    '</html>',
  ].join('\n');
}
