/**
 * Global search: DocTypes and reports matched by name on the client (from the boot data), documents
 * found by the server's `tabula.desk.search` (search_link over every readable DocType). Each result
 * carries the desk path it opens.
 */
import { call } from '../api/client';
import { formPath, listPath, reportPath } from '../routes';
import type { Boot } from '../session';

export interface SearchResult {
  /** Stable and unique: the option's DOM id is made from it. */
  key: string;
  kind: 'DocType' | 'Report' | 'Document';
  title: string;
  /** Grey text beside the title: the document's DocType and name, or its search fields. */
  detail: string;
  path: string;
}

interface ServerHit {
  doctype: string;
  value: string;
  label?: string;
  description?: string;
}

const MAX_NAVIGATION = 5;

/** DocType lists and reports whose name contains the text (case-insensitive). */
export function navigationResults(boot: Boot, text: string): SearchResult[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const doctypes = boot.doctypes
    .filter((d) => !d.issingle && d.name.toLowerCase().includes(needle))
    .map((d): SearchResult => ({ key: `doctype:${d.name}`, kind: 'DocType', title: `${d.name} List`, detail: d.module, path: listPath(d.name) }));
  const reports = boot.reports
    .filter((r) => r.name.toLowerCase().includes(needle))
    .map((r): SearchResult => ({ key: `report:${r.name}`, kind: 'Report', title: r.name, detail: `Report · ${r.ref_doctype}`, path: reportPath(r.name) }));
  return [...doctypes, ...reports].slice(0, MAX_NAVIGATION);
}

export async function documentResults(text: string): Promise<SearchResult[]> {
  const txt = text.trim();
  if (!txt) return [];
  const hits = await call<ServerHit[]>('tabula.desk.search', { txt, limit: 5 });
  return hits.map((hit) => ({
    key: `doc:${hit.doctype}:${hit.value}`,
    kind: 'Document',
    title: hit.label || hit.value,
    detail: [hit.doctype, hit.label ? hit.value : '', hit.description ?? ''].filter(Boolean).join(' · '),
    path: formPath(hit.doctype, hit.value),
  }));
}

/** Runs the latest request only: answers to older keystrokes that arrive late are dropped. */
export function latestOnly<A extends unknown[], T>(run: (...args: A) => Promise<T>): (...args: A) => Promise<T | undefined> {
  let latest = 0;
  return async (...args: A) => {
    const ticket = ++latest;
    const result = await run(...args);
    return ticket === latest ? result : undefined;
  };
}
