/**
 * The DocType table mirrors the loaded DocType files, as Frappe's tabDocType does, so the DocTypes
 * themselves can be listed, filtered, counted and linked to through every generic path (REST lists,
 * report view, link search, the desk). The files stay the truth: migrate brings the rows in line with
 * them (inserting, updating and deleting only what differs), and the DocType controller refuses
 * writes from anyone else.
 */
import type { Knex } from 'knex';
import type { SyncLogger } from '../db';
import { formatDatetime } from '../db';
import type { DocTypeMeta, MetaRegistry } from '../meta';

type Row = Record<string, string | number | null>;

/** The mirrored columns: each one a field of core/doctypes/doctype/doctype.json. */
function recordOf(meta: DocTypeMeta): Row {
  const def = meta.def;
  const text = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));
  const check = (value: boolean) => (value ? 1 : 0);
  return {
    module: text(def.module),
    app: meta.app,
    istable: check(meta.istable),
    issingle: check(meta.issingle),
    is_submittable: check(meta.isSubmittable),
    is_tree: check(meta.isTree),
    is_virtual: check(meta.isVirtual),
    autoname: text(def.autoname),
    title_field: text(def.title_field),
    search_fields: text(def.search_fields),
    sort_field: text(def.sort_field),
    sort_order: text(def.sort_order),
    description: text(def.description),
  };
}

const differs = (wanted: Row, stored: Row) => Object.keys(wanted).some((key) => String(wanted[key] ?? '') !== String(stored[key] ?? ''));

export async function syncDocTypeRecords(knex: Knex, registry: MetaRegistry, log: SyncLogger): Promise<void> {
  if (!registry.has('DocType')) return;
  const table = registry.get('DocType').tableName;
  const now = formatDatetime(new Date());
  const wanted = new Map(registry.all().map((meta) => [meta.name, recordOf(meta)]));
  await knex.transaction(async (trx) => {
    const stored = new Map<string, Row>();
    const columns = Object.keys(wanted.get('DocType')!);
    for (const row of (await trx(table).select('name', ...columns)) as Row[]) stored.set(String(row.name), row);
    const gone = [...stored.keys()].filter((name) => !wanted.has(name));
    const added: Row[] = [];
    let updated = 0;
    for (const [name, record] of wanted) {
      const current = stored.get(name);
      if (!current) added.push({ name, owner: 'Administrator', creation: now, modified: now, modified_by: 'Administrator', docstatus: 0, idx: 0, ...record });
      else if (differs(record, current)) {
        await trx(table).where('name', name).update({ ...record, modified: now, modified_by: 'Administrator' });
        updated++;
      }
    }
    for (let i = 0; i < gone.length; i += 500) await trx(table).whereIn('name', gone.slice(i, i + 500)).delete();
    // Batches keep each INSERT under SQLite's bound-parameter limit.
    for (let i = 0; i < added.length; i += 100) await trx(table).insert(added.slice(i, i + 100));
    if (added.length || updated || gone.length) log(`[doctypes] DocType records: ${added.length} added, ${updated} updated, ${gone.length} removed`);
  });
}
