/** The document operations a form needs beyond get / insert / save / delete (in ../api/client). */
import { call, request, type Doc } from '../api/client';

export function submitDoc(doctype: string, doc: Doc): Promise<Doc> {
  return call<Doc>('frappe.client.submit', { doc: { ...doc, doctype } }, 'POST');
}

export function cancelDoc(doctype: string, name: string): Promise<Doc> {
  return call<Doc>('frappe.client.cancel', { doctype, name }, 'POST');
}

/** A controller method (`run_method`): it may change the document, so it goes as POST (write right). */
export async function runDocMethod(doctype: string, name: string, method: string): Promise<unknown> {
  const path = `/api/resource/${encodeURIComponent(doctype)}/${encodeURIComponent(name)}?run_method=${encodeURIComponent(method)}`;
  return (await request('POST', path, {})).data;
}

export interface PrintOutput {
  html: string;
  style: string;
}

export function printOutput(doctype: string, name: string): Promise<PrintOutput> {
  return call<PrintOutput>('frappe.www.printview.get_html_and_style', { doctype, name });
}

/** A method's answer that is a document (has doctype and name) is opened after the call. */
export function asDocRef(answer: unknown): { doctype: string; name: string } | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  const { doctype, name } = answer as Record<string, unknown>;
  return typeof doctype === 'string' && (typeof name === 'string' || typeof name === 'number') ? { doctype, name: String(name) } : undefined;
}
