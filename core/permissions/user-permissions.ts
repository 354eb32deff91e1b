/**
 * User Permissions: rows that restrict a user to certain records of a DocType (`allow` = Territory,
 * `for_value` = North), for every DocType or only `applicable_for` one. A restriction on DocType A
 * limits A's own `name` and every Link to A in other DocTypes (unless the field sets
 * ignore_user_permissions). On a tree DocType the value also allows its descendants unless
 * `hide_descendants` is set.
 */
import type { Knex } from 'knex';
import { flag, type DocTypeMeta, type MetaRegistry } from '../meta';

export interface UserPermissionRow {
  allow: string;
  forValue: string;
  applyToAll: boolean;
  applicableFor: string;
  hideDescendants: boolean;
  isDefault: boolean;
}

/** One condition of a user's scope: the field's value must be one of `values` (or empty, when allowed). */
export interface Restriction {
  fieldname: string;
  /** The restricted DocType the field points at (for messages). */
  allow: string;
  values: readonly string[];
  allowEmpty: boolean;
}

export async function loadUserPermissionRows(k: Knex, registry: MetaRegistry, user: string): Promise<UserPermissionRow[]> {
  if (!registry.has('User Permission')) return [];
  const rows = (await k('tabUser Permission').where({ user }).select('allow', 'for_value', 'apply_to_all_doctypes', 'applicable_for', 'hide_descendants', 'is_default')) as Record<string, unknown>[];
  return rows
    .filter((r) => typeof r.allow === 'string' && r.allow && r.for_value !== null && r.for_value !== '')
    .map((r) => ({
      allow: String(r.allow),
      forValue: String(r.for_value),
      applyToAll: flag(Number(r.apply_to_all_doctypes)),
      applicableFor: String(r.applicable_for ?? ''),
      hideDescendants: flag(Number(r.hide_descendants)),
      isDefault: flag(Number(r.is_default)),
    }));
}

/** Computes (and caches per DocType) the restrictions a user's User Permissions put on reading a DocType. */
export class RestrictionResolver {
  private readonly cache = new Map<string, Promise<Restriction[]>>();
  private readonly expanded = new Map<string, Promise<string[]>>();

  constructor(
    private readonly k: Knex,
    private readonly registry: MetaRegistry,
    private readonly rows: readonly UserPermissionRow[],
  ) {}

  /**
   * Expands every tree value now, when the user's access is loaded: later checks run inside a
   * document's transaction, and a query on another connection there would wait for the one SQLite
   * connection the transaction holds.
   */
  async prepare(): Promise<void> {
    for (const row of this.rows) if (!row.hideDescendants) await this.descendants(row.allow, row.forValue);
  }

  get isEmpty(): boolean {
    return this.rows.length === 0;
  }

  /** The rows that apply to `allow` when reading `target`. */
  private applicable(allow: string, target: string): UserPermissionRow[] {
    return this.rows.filter((r) => r.allow === allow && (r.applyToAll || r.applicableFor === target));
  }

  restrictionsFor(meta: DocTypeMeta): Promise<Restriction[]> {
    let found = this.cache.get(meta.name);
    if (!found) {
      found = this.compute(meta);
      this.cache.set(meta.name, found);
    }
    return found;
  }

  private async compute(meta: DocTypeMeta): Promise<Restriction[]> {
    if (this.rows.length === 0) return [];
    const restrictions: Restriction[] = [];
    const own = this.applicable(meta.name, meta.name);
    if (own.length) restrictions.push({ fieldname: 'name', allow: meta.name, values: await this.allowedValues(meta.name, own), allowEmpty: false });
    for (const field of meta.linkFields) {
      if (field.is('ignore_user_permissions')) continue;
      const rows = this.applicable(field.options, meta.name);
      if (rows.length) restrictions.push({ fieldname: field.fieldname, allow: field.options, values: await this.allowedValues(field.options, rows), allowEmpty: true });
    }
    return restrictions;
  }

  private async allowedValues(allow: string, rows: UserPermissionRow[]): Promise<string[]> {
    const values = new Set<string>();
    for (const row of rows) {
      values.add(row.forValue);
      if (!row.hideDescendants) for (const v of await this.descendants(allow, row.forValue)) values.add(v);
    }
    return [...values];
  }

  /** Descendants of a tree node by its nested-set bounds; nothing for a DocType that is not a tree. */
  private descendants(doctype: string, node: string): Promise<string[]> {
    const key = `${doctype}\u0000${node}`;
    let found = this.expanded.get(key);
    if (!found) {
      found = (async () => {
        const meta = this.registry.find(doctype);
        if (!meta?.isTree) return [];
        const bounds = (await this.k(meta.tableName).where('name', node).first('lft', 'rgt')) as { lft: number; rgt: number } | undefined;
        if (!bounds) return [];
        const rows = (await this.k(meta.tableName).where('lft', '>', bounds.lft).andWhere('rgt', '<', bounds.rgt).select('name')) as { name: string }[];
        return rows.map((r) => r.name);
      })();
      this.expanded.set(key, found);
    }
    return found;
  }

  /**
   * The values of `allow` a user may see in data about `target` (a report's Link columns), or
   * undefined when no User Permission restricts them.
   */
  async allowedFor(allow: string, target: string): Promise<string[] | undefined> {
    const rows = this.applicable(allow, target);
    return rows.length ? this.allowedValues(allow, rows) : undefined;
  }

  /** The default value a user has for a DocType (is_default), for forms and filters. */
  defaultFor(allow: string): string | undefined {
    return this.rows.find((r) => r.allow === allow && r.isDefault)?.forValue;
  }
}

/** Whether a document's values satisfy the restrictions (names compared without case, as the database does). */
export function satisfies(doc: Record<string, unknown>, restrictions: readonly Restriction[]): Restriction | undefined {
  for (const r of restrictions) {
    const value = doc[r.fieldname];
    if (value === null || value === undefined || value === '') {
      if (r.allowEmpty) continue;
      return r;
    }
    const text = String(value).toLowerCase();
    if (!r.values.some((v) => v.toLowerCase() === text)) return r;
  }
  return undefined;
}
