/**
 * Which documents still point at a document: checked before delete (LinkExistsError unless forced)
 * and on cancel (submitted documents must not point at a cancelled one).
 */
import { LinkExistsError } from '../errors';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import type { Executor } from './persist';

export interface BackLink {
  doctype: string;
  name: string;
  fieldname: string;
}

export async function findBackLinks(
  k: Executor,
  registry: MetaRegistry,
  meta: DocTypeMeta,
  name: string,
  options: { onlySubmitted?: boolean; limit?: number } = {},
): Promise<BackLink[]> {
  const found: BackLink[] = [];
  const limit = options.limit ?? 5;
  const candidates = [
    ...registry.linksTo(meta.name).map((l) => ({ ...l, doctypeField: undefined as string | undefined })),
    ...registry.dynamicLinks(),
  ];
  for (const { meta: linking, fieldname, doctypeField } of candidates) {
    if (linking.isVirtual || found.length >= limit) continue;
    if (linking.name === meta.name && (fieldname === 'amended_from' || isTreeBookkeeping(meta, fieldname))) continue;
    if (linking.issingle) {
      // As Frappe: a Single's Dynamic Link holds the document back from delete (a Single is never
      // submitted, so never from cancel); its plain Link fields are not checked.
      if (doctypeField && !options.onlySubmitted && (await singleLinks(k, linking.name, fieldname, name, doctypeField, meta.name))) found.push({ doctype: linking.name, name: linking.name, fieldname });
      continue;
    }
    const query = k(linking.tableName).where(fieldname, name);
    if (doctypeField) query.andWhere(doctypeField, meta.name);
    // Filter in SQL, before the limit: otherwise five cancelled documents could hide a draft one.
    // A child row carries its parent's docstatus.
    if (options.onlySubmitted) query.andWhere('docstatus', 1);
    else query.whereNot('docstatus', 2);
    if (linking.istable) {
      // Its own child rows do not hold a document back.
      query.whereNot((own) => own.where('parenttype', meta.name).andWhere('parent', name));
      const rows = (await query.limit(limit).select('parent', 'parenttype')) as { parent: string; parenttype: string }[];
      for (const row of rows) {
        const parentMeta = registry.find(row.parenttype);
        if (!parentMeta) continue;
        if (parentMeta.issingle) {
          found.push({ doctype: row.parenttype, name: row.parent, fieldname });
          continue;
        }
        const parent = (await k(parentMeta.tableName).where('name', row.parent).first('docstatus')) as { docstatus: number } | undefined;
        if (parent && counts(Number(parent.docstatus), options)) found.push({ doctype: row.parenttype, name: row.parent, fieldname });
      }
      continue;
    }
    if (linking.name === meta.name) query.whereNot('name', name); // a self reference
    const rows = (await query.limit(limit).select('name', 'docstatus')) as { name: string; docstatus: number }[];
    for (const row of rows) found.push({ doctype: linking.name, name: String(row.name), fieldname });
  }
  return found;
}

/**
 * A tree's own parent field and old_parent: children are refused by the tree code itself (with a
 * clearer error, even on a forced delete), and old_parent only records where a node was moved from.
 */
function isTreeBookkeeping(meta: DocTypeMeta, fieldname: string): boolean {
  return meta.isTree && (fieldname === meta.treeParentField || fieldname === 'old_parent');
}

/** Whether a Single's field (kept in tabSingles) points at the document. */
async function singleLinks(k: Executor, single: string, fieldname: string, name: string, doctypeField: string, doctype: string): Promise<boolean> {
  const rows = (await k('tabSingles').where('doctype', single).whereIn('field', [fieldname, doctypeField]).select('field', 'value')) as { field: string; value: string | null }[];
  const values = new Map(rows.map((r) => [r.field, r.value]));
  return values.get(fieldname) === name && values.get(doctypeField) === doctype;
}

/** Cancelled documents never hold a document back; on cancel only submitted ones do. */
function counts(docstatus: number, options: { onlySubmitted?: boolean }): boolean {
  return options.onlySubmitted ? docstatus === 1 : docstatus !== 2;
}

export function linkExistsError(meta: DocTypeMeta, name: string, links: BackLink[], verb: string): LinkExistsError {
  const list = links.map((l) => `${l.doctype} ${l.name}`).join(', ');
  return new LinkExistsError(`Cannot ${verb} ${meta.name} ${name}: it is linked with ${list}`, links.map((l) => ({ fieldname: 'name', message: `Linked with ${l.doctype} ${l.name} (${l.fieldname})` })));
}
