/** Link type-ahead: `frappe.desk.search.search_link`, best matches first. */
import { call } from '../api/client';

export interface LinkOption {
  value: string;
  label?: string;
  description?: string;
}

export async function searchLink(doctype: string, txt: string, filters?: unknown): Promise<LinkOption[]> {
  const answer = await call<LinkOption[]>('frappe.desk.search.search_link', { doctype, txt, page_length: 10, filters });
  return Array.isArray(answer) ? answer : [];
}

/** Waits `ms` after the last call before running `run`: one search per pause in typing, not per key. */
export function debounce<A extends unknown[]>(run: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
