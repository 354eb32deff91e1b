/** The meta a form is built from (`tabula.desk.meta`), fetched once per DocType and kept. */
import { call } from '../api/client';
import type { DocTypeJson } from '../controls/types';

export interface FormPermissions {
  read?: string | null;
  write?: string | null;
  create?: string | null;
  delete?: string | null;
  submit?: string | null;
  cancel?: string | null;
  amend?: string | null;
  print?: string | null;
  read_levels: number[];
  write_levels: number[];
}

export interface FormAction {
  method: string;
  label: string;
}

export interface FormMeta {
  doctype: DocTypeJson;
  children: Record<string, DocTypeJson>;
  permissions: FormPermissions;
  actions: FormAction[];
}

const cache = new Map<string, Promise<FormMeta>>();

export function loadMeta(doctype: string): Promise<FormMeta> {
  let meta = cache.get(doctype);
  if (!meta) {
    meta = call<FormMeta>('tabula.desk.meta', { doctype });
    cache.set(doctype, meta);
    // A failed load is not kept, so the next visit asks again.
    meta.catch(() => cache.delete(doctype));
  }
  return meta;
}
