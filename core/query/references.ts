/**
 * Resolves the field references a client writes in `fields`, `filters`, `order_by` and `group_by`
 * (`status`, `tabSales Order.status`, `` `tabSales Order`.`status` ``, `items.item_code`,
 * `` `tabSales Order Item`.`item_code` ``) against the meta. Anything that is not a known column of
 * the DocType or one of its child tables is refused, so no client text ever reaches SQL as an
 * identifier.
 */
import { ValidationError } from '../errors';
import type { DocField, DocTypeMeta, MetaRegistry } from '../meta';

export interface FieldRef {
  /** The DocType that owns the column: the listed one or one of its child tables. */
  meta: DocTypeMeta;
  field: DocField;
  /** Set for a child-table column: the parent's Table field holding it. */
  tableField?: DocField;
}

export function badReference(param: string, text: string, why: string): ValidationError {
  return new ValidationError(`${param}: ${why}`, [{ fieldname: param, message: `${JSON.stringify(text)}: ${why}` }]);
}

/** Strips one pair of backticks (or double quotes) around an identifier. */
function unquote(part: string): string {
  const t = part.trim();
  return /^`[^`]*`$/.test(t) || /^"[^"]*"$/.test(t) ? t.slice(1, -1) : t;
}

/** Splits `a.b` into table and field, honouring backticks (DocType names may contain spaces). */
function splitReference(text: string): [table: string | undefined, field: string] | undefined {
  const m = /^\s*(?:(`[^`]+`|"[^"]+"|[^`".\s][^`".]*?)\s*\.\s*)?(`[^`]+`|"[^"]+"|[A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text);
  if (!m) return undefined;
  return [m[1] === undefined ? undefined : unquote(m[1]), unquote(m[2]!)];
}

export class ReferenceResolver {
  constructor(
    readonly registry: MetaRegistry,
    readonly base: DocTypeMeta,
  ) {}

  /** The Table field of the base holding `child` (the first, when several do). */
  tableFieldFor(child: string): DocField | undefined {
    return this.base.tableFields.find((f) => f.options === child);
  }

  /** A child DocType reached through a table fieldname (`items`) or a table name (`tabSales Order Item`). */
  private childTable(qualifier: string): DocField | undefined {
    const byField = this.base.getField(qualifier);
    if (byField?.type.isTable) return byField;
    if (qualifier.startsWith('tab')) return this.tableFieldFor(qualifier.slice(3));
    return undefined;
  }

  resolve(text: unknown, param: string): FieldRef {
    if (typeof text !== 'string' || !text.trim()) throw badReference(param, String(text), 'expected a field name');
    const parts = splitReference(text);
    if (!parts) throw badReference(param, text, 'not a field name');
    const [qualifier, fieldname] = parts;
    if (qualifier === undefined || qualifier === this.base.tableName || qualifier === this.base.name) return this.own(this.base, fieldname, text, param);
    const tableField = this.childTable(qualifier);
    if (!tableField) throw badReference(param, text, `"${qualifier}" is neither ${this.base.name} nor one of its child tables`);
    const ref = this.own(this.registry.get(tableField.options), fieldname, text, param);
    return { ...ref, tableField };
  }

  /** A column of `meta` (the base or a child DocType, given by name in a 4-element filter). */
  column(meta: DocTypeMeta, fieldname: unknown, param: string): FieldRef {
    if (typeof fieldname !== 'string') throw badReference(param, String(fieldname), 'expected a field name');
    if (meta === this.base) return this.own(meta, fieldname, fieldname, param);
    const tableField = this.tableFieldFor(meta.name);
    if (!tableField) throw badReference(param, meta.name, `${meta.name} is not a child table of ${this.base.name}`);
    return { ...this.own(meta, fieldname, fieldname, param), tableField };
  }

  private own(meta: DocTypeMeta, fieldname: string, text: string, param: string): FieldRef {
    const field = meta.getField(fieldname);
    if (!field) throw badReference(param, text, `${meta.name} has no field "${fieldname}"`);
    if (!field.hasColumn) throw badReference(param, text, `${meta.name}.${fieldname} is a ${field.fieldtype} field and holds no value`);
    return { meta, field };
  }
}
