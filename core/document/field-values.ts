/**
 * Validates values described by a meta that no document stands behind (a report's filters): the
 * same path as a document's fields (ajv types, casting, defaults, reqd and mandatory_depends_on,
 * Select options, Data options, Link existence with the value normalised to the target's name),
 * without naming, hooks or writes.
 */
import { DocTypeMeta, type MetaRegistry } from '../meta';
import { checkDocument } from './checks';
import { applyDefaults } from './defaults';
import type { Doc } from './doc';
import { validateLinks, validateLinksMany } from './links';
import type { Executor } from './persist';
import { assertTypes, castInput } from './prepare';
import { Problems } from './problems';

export async function validateFieldValues(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, input: unknown, user: string): Promise<Doc> {
  assertTypes(registry, meta, input);
  const own = new Set(meta.fields.map((f) => f.fieldname));
  const known = Object.fromEntries(Object.entries(input).filter(([key]) => own.has(key)));
  const values = castInput(registry, meta, known);
  // castInput stamps the meta's name as `doctype`; a field of that name (a report's "based on") keeps its value.
  if (!own.has('doctype') || !('doctype' in known)) delete (values as Partial<Doc>).doctype;
  applyDefaults(registry, meta, values, user);
  const problems = new Problems();
  checkDocument(registry, meta, values, problems);
  problems.throwIfAny();
  await validateLinks(k, registry, meta, values, problems);
  problems.throwIfAny();
  return values;
}

const linkListMetas = new Map<string, DocTypeMeta>();

/**
 * Checks a list of names of one DocType (a MultiSelectList filter) in one query; answers them as
 * stored (case normalised). A missing or cancelled one is an error naming `fieldname`.
 */
export async function validateLinkValues(k: Executor, registry: MetaRegistry, target: string, field: { fieldname: string; label: string }, values: string[]): Promise<string[]> {
  const key = `${target}\u0000${field.fieldname}\u0000${field.label}`;
  let meta = linkListMetas.get(key);
  if (!meta) {
    meta = new DocTypeMeta({ name: `Link list: ${target}`, module: 'Core', issingle: 1, fields: [{ fieldname: field.fieldname, label: field.label, fieldtype: 'Link', options: target }] }, '(link list)', undefined, 'core');
    linkListMetas.set(key, meta);
  }
  const docs: Doc[] = values.map((value) => ({ [field.fieldname]: value }) as Doc);
  const problems = new Problems();
  await validateLinksMany(k, registry, meta, docs, docs.map(() => problems));
  problems.throwIfAny();
  return docs.map((d) => String(d[field.fieldname]));
}
