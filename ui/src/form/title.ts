/** The form's heading: the title field's value, else the name, else "New <DocType>". */
import type { FormMeta } from './meta';

export function titleOf(meta: FormMeta | null, doc: Record<string, unknown>, doctype: string, isNew: boolean): string {
  if (isNew) return `New ${doctype}`;
  const field = meta?.doctype.title_field;
  const title = field && field !== 'name' ? doc[field] : undefined;
  const name = String(doc.name ?? '');
  return title !== undefined && title !== null && title !== '' && String(title) !== name ? `${String(title)}` : name;
}
