/** The frozen, queryable description of one DocType (what `meta.get('Sales Order')` answers). */
import { DocField } from './docfield';
import { tableName } from './names';
import { impliedFieldsFor, standardFieldsFor, treeParentField } from './standard-fields';
import { flag, type DocPermDef, type DocTypeDef } from './types';

export class DocTypeMeta {
  readonly name: string;
  readonly def: Readonly<DocTypeDef>;
  /** The JSON file it was loaded from (for error messages and `doctor`). */
  readonly file: string;
  /** The TypeScript controller beside the JSON, if there is one. */
  readonly controllerFile: string | undefined;
  readonly tableName: string;
  /** The DocType's own fields in form order (field_order), then implied ones (tree, amended_from). */
  readonly fields: readonly DocField[];
  /** Framework columns: name, owner, creation, ..., parent* for child tables. */
  readonly standardFields: readonly DocField[];
  readonly app: string;
  private readonly byName: ReadonlyMap<string, DocField>;

  constructor(source: DocTypeDef, file: string, controllerFile: string | undefined, app: string) {
    // A private, deeply frozen copy: whoever handed us the definition cannot change the meta later.
    const def = deepFreeze(structuredClone(source));
    this.def = def;
    this.name = def.name;
    this.file = file;
    this.controllerFile = controllerFile;
    this.app = app;
    this.tableName = tableName(def.name);
    this.fields = Object.freeze([...orderFields(def), ...impliedFieldsFor(def)].map((f) => new DocField(f)));
    const own = new Set(this.fields.map((f) => f.fieldname));
    this.standardFields = Object.freeze(
      standardFieldsFor(def).filter((f) => !own.has(f.fieldname)).map((f) => new DocField(f, true)),
    );
    this.byName = new Map([...this.standardFields, ...this.fields].map((f) => [f.fieldname, f]));
    Object.freeze(this);
  }

  get istable(): boolean {
    return flag(this.def.istable);
  }
  get issingle(): boolean {
    return flag(this.def.issingle);
  }
  get isSubmittable(): boolean {
    return flag(this.def.is_submittable);
  }
  get isTree(): boolean {
    return flag(this.def.is_tree);
  }
  get isVirtual(): boolean {
    return flag(this.def.is_virtual);
  }
  get treeParentField(): string {
    return treeParentField(this.def);
  }
  get autoname(): string {
    return (this.def.autoname ?? '').trim();
  }
  get isAutoincrement(): boolean {
    return this.autoname.toLowerCase() === 'autoincrement';
  }
  get titleField(): string {
    const title = this.def.title_field;
    if (title && this.hasField(title)) return title;
    return this.hasField('title') ? 'title' : 'name';
  }
  get searchFields(): string[] {
    return (this.def.search_fields ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f && this.hasField(f));
  }
  /** The default sort: the DocType's `sort_field` if it is a real column, else `modified`. */
  get sortField(): string {
    const field = this.def.sort_field;
    return field && this.getField(field)?.hasColumn ? field : 'modified';
  }
  get sortOrder(): 'asc' | 'desc' {
    return (this.def.sort_order ?? 'DESC').toLowerCase() === 'asc' ? 'asc' : 'desc';
  }
  get permissions(): readonly DocPermDef[] {
    return this.def.permissions ?? [];
  }

  hasField(fieldname: string): boolean {
    return this.byName.has(fieldname);
  }
  getField(fieldname: string): DocField | undefined {
    return this.byName.get(fieldname);
  }
  /** Every field with a column, standard ones first: the table's shape. */
  get columnFields(): DocField[] {
    return [...this.standardFields, ...this.fields].filter((f) => f.hasColumn);
  }
  /** The DocType's own fields that hold values (no layout, no tables). */
  get valueFields(): DocField[] {
    return this.fields.filter((f) => f.hasColumn);
  }
  get tableFields(): DocField[] {
    return this.fields.filter((f) => f.type.isTable);
  }
  /**
   * Composite indexes (Tabula's `indexes` key: lists of column names, e.g. the reports' covering index
   * on Sales Order). Frappe declares these in code (`on_doctype_update`); other readers ignore the key.
   */
  get compositeIndexes(): string[][] {
    const declared = this.def.indexes;
    return Array.isArray(declared) ? declared.filter((i): i is string[] => Array.isArray(i) && i.every((c) => typeof c === 'string')) : [];
  }

  get linkFields(): DocField[] {
    return this.fields.filter((f) => f.fieldtype === 'Link');
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Frappe orders fields by `field_order` when the file has one; fields it leaves out keep their place at the end. */
function orderFields(def: DocTypeDef) {
  const order = def.field_order;
  if (!order || order.length === 0) return def.fields;
  const position = new Map(order.map((name, i) => [name, i]));
  return [...def.fields]
    .map((f, i) => ({ f, key: position.get(f.fieldname) ?? order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.f);
}
