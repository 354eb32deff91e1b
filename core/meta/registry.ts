/** The loaded, frozen set of DocTypes of a site: `registry.get('Sales Order')`. */
import { DoesNotExistError } from '../errors';
import type { DocTypeMeta } from './doctype';

export class MetaRegistry {
  private readonly byName: ReadonlyMap<string, DocTypeMeta>;
  private readonly byLowerName: ReadonlyMap<string, DocTypeMeta>;

  constructor(doctypes: DocTypeMeta[]) {
    this.byName = new Map(doctypes.map((d) => [d.name, d]));
    this.byLowerName = new Map(doctypes.map((d) => [d.name.toLowerCase(), d]));
    Object.freeze(this);
  }

  get(doctype: string): DocTypeMeta {
    const meta = this.byName.get(doctype);
    if (!meta) throw new DoesNotExistError(`DocType ${doctype} not found`, [{ fieldname: 'doctype', message: `DocType ${doctype} not found` }]);
    return meta;
  }
  find(doctype: string): DocTypeMeta | undefined {
    return this.byName.get(doctype);
  }
  /** Case-insensitive lookup, for normalising a Link value that names a DocType. */
  findIgnoringCase(doctype: string): DocTypeMeta | undefined {
    return this.byLowerName.get(doctype.toLowerCase());
  }
  has(doctype: string): boolean {
    return this.byName.has(doctype);
  }
  all(): DocTypeMeta[] {
    return [...this.byName.values()];
  }
  get size(): number {
    return this.byName.size;
  }
  /** DocTypes with a Link field pointing at `doctype` (for delete's LinkExistsError and renames). */
  linksTo(doctype: string): { meta: DocTypeMeta; fieldname: string }[] {
    const found: { meta: DocTypeMeta; fieldname: string }[] = [];
    for (const meta of this.byName.values())
      for (const field of meta.linkFields) if (field.options === doctype) found.push({ meta, fieldname: field.fieldname });
    return found;
  }
  /** DocTypes holding `child` as a Table (or Table MultiSelect) field: whose permissions a child table follows. */
  parentsOf(child: string): { meta: DocTypeMeta; fieldname: string }[] {
    const found: { meta: DocTypeMeta; fieldname: string }[] = [];
    for (const meta of this.byName.values())
      for (const field of meta.tableFields) if (field.options === child) found.push({ meta, fieldname: field.fieldname });
    return found;
  }
  /** Child DocTypes with a Dynamic Link: any of them may point at any DocType. */
  dynamicLinks(): { meta: DocTypeMeta; fieldname: string; doctypeField: string }[] {
    const found: { meta: DocTypeMeta; fieldname: string; doctypeField: string }[] = [];
    for (const meta of this.byName.values())
      for (const field of meta.fields)
        if (field.fieldtype === 'Dynamic Link') found.push({ meta, fieldname: field.fieldname, doctypeField: field.options });
    return found;
  }
}
