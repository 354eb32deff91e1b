/**
 * Link and Dynamic Link validation: each value must name an existing, non-cancelled document. The
 * value is normalised to the target's exact name, and `fetch_from` fields are filled from the target.
 * One query per target DocType, whatever the number of rows.
 */
import { CancelledLinkError, LinkValidationError } from '../errors';
import type { DocField, DocTypeMeta, MetaRegistry } from '../meta';
import type { Doc } from './doc';
import { rowsOf } from './doc';
import { castValue } from './normalize';
import type { Executor } from './persist';
import type { Problems } from './problems';

interface LinkUse {
  holder: Doc;
  owner: DocTypeMeta;
  field: DocField;
  target: string;
  value: string;
  at: { parentfield?: string; idx?: number };
  /** Where this use's problems go: each document of a batch has its own. */
  problems: Problems;
  refetch: (field: DocField) => boolean;
}

export async function validateLinks(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, doc: Doc, problems: Problems): Promise<void> {
  await validateLinksMany(k, registry, meta, [doc], [problems]);
}

/** Validates the links of many documents of one DocType with one query per target DocType (bulk inserts). */
export async function validateLinksMany(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, docs: Doc[], problems: Problems[]): Promise<void> {
  const uses: LinkUse[] = [];
  docs.forEach((doc, d) => {
    const sink = { problems: problems[d]!, refetch: fetchesAllowed(doc) };
    collect(registry, meta, doc, {}, uses, sink);
    for (const table of meta.tableFields) {
      const child = registry.find(table.options);
      if (!child) continue;
      rowsOf(doc, table.fieldname).forEach((row, i) => collect(registry, child, row, { parentfield: table.fieldname, idx: i + 1 }, uses, sink));
    }
  });
  const byTarget = new Map<string, LinkUse[]>();
  for (const use of uses) {
    const list = byTarget.get(use.target);
    if (list) list.push(use);
    else byTarget.set(use.target, [use]);
  }
  for (const [target, targetUses] of byTarget) await resolveTarget(k, registry, target, targetUses);
}

/**
 * Frappe refreshes fetched values only while a document is new or not submitted; after that only
 * fields marked allow_on_submit follow the target (others would make every update after submit fail).
 * A new document has creation === modified (both stamped at once); a save stamps a later modified.
 */
function fetchesAllowed(doc: Doc): (field: DocField) => boolean {
  const isNew = doc.creation === undefined || doc.creation === doc.modified;
  if (isNew || Number(doc.docstatus ?? 0) !== 1) return () => true;
  return (field) => field.is('allow_on_submit');
}

function collect(registry: MetaRegistry, owner: DocTypeMeta, holder: Doc, at: LinkUse['at'], uses: LinkUse[], sink: Pick<LinkUse, 'problems' | 'refetch'>) {
  for (const field of owner.fields) {
    if (field.fieldtype !== 'Link' && field.fieldtype !== 'Dynamic Link') continue;
    const value = holder[field.fieldname];
    if (value === null || value === undefined || value === '') continue;
    let target = field.options;
    if (field.fieldtype === 'Dynamic Link') {
      const named = holder[field.options];
      // Case as typed: a Link to DocType holding the name is normalised in the same pass.
      const meta = typeof named === 'string' ? registry.findIgnoringCase(named) : undefined;
      if (!meta) {
        sink.problems.add(LinkValidationError, { ...at, fieldname: field.options, message: `${owner.getField(field.options)?.label ?? field.options}: "${String(named ?? '')}" is not a DocType, so ${field.label} cannot point at it` });
        continue;
      }
      target = meta.name;
    }
    uses.push({ holder, owner, field, target, value: String(value), at, ...sink });
  }
}

async function resolveTarget(k: Executor, registry: MetaRegistry, target: string, uses: LinkUse[]) {
  if (target === 'DocType') {
    for (const use of uses) {
      const meta = registry.findIgnoringCase(use.value);
      if (meta) use.holder[use.field.fieldname] = meta.name;
      else notFound(use);
    }
    return;
  }
  const meta = registry.get(target);
  if (meta.issingle) {
    // A Single's one document is named after its DocType; normalised like any other name.
    for (const use of uses) {
      if (use.value.toLowerCase() === meta.name.toLowerCase()) use.holder[use.field.fieldname] = meta.name;
      else notFound(use);
    }
    return;
  }
  const fetchSources = new Set<string>();
  for (const use of uses) for (const source of fetchedBy(use).map((f) => f.source)) if (meta.getField(source)?.hasColumn) fetchSources.add(source);
  const columns = ['name', 'docstatus', ...fetchSources];
  const values = [...new Set(uses.map((u) => u.value))];
  // Names compare without case on both databases (MariaDB's collation, SQLite's NOCASE key).
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < values.length; i += 5000) {
    const rows = (await k(meta.tableName).whereIn('name', values.slice(i, i + 5000)).select(columns)) as Record<string, unknown>[];
    for (const row of rows) found.set(String(row.name).toLowerCase(), row);
  }
  for (const use of uses) {
    const row = found.get(use.value.toLowerCase());
    if (!row) {
      notFound(use);
      continue;
    }
    if (Number(row.docstatus) === 2 && use.field.fieldname !== 'amended_from') {
      use.problems.add(CancelledLinkError, { ...use.at, fieldname: use.field.fieldname, message: `Cannot link cancelled document: ${use.field.label} ${use.value}${rowText(use)}` });
      continue;
    }
    use.holder[use.field.fieldname] = row.name;
    for (const { field, source } of fetchedBy(use)) {
      if (!(source in row) || !use.refetch(field)) continue;
      const current = use.holder[field.fieldname];
      if (field.is('fetch_if_empty') && current !== null && current !== undefined && current !== '' && current !== 0) continue;
      const cast = castValue(field, row[source]);
      if (cast.ok) use.holder[field.fieldname] = cast.value;
    }
  }
}

function fetchedBy(use: LinkUse): { field: DocField; source: string }[] {
  const prefix = `${use.field.fieldname}.`;
  return use.owner.fields
    .filter((f) => typeof f.def.fetch_from === 'string' && f.def.fetch_from.startsWith(prefix))
    .map((f) => ({ field: f, source: (f.def.fetch_from as string).slice(prefix.length) }));
}

function notFound(use: LinkUse) {
  use.problems.add(LinkValidationError, { ...use.at, fieldname: use.field.fieldname, message: `Could not find ${use.field.label}: ${use.value}${rowText(use)}` });
}

function rowText(use: LinkUse): string {
  return use.at.idx ? ` (row ${use.at.idx} of ${use.at.parentfield})` : '';
}
