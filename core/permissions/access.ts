/**
 * Everything one user may see and do: their roles, the rights those roles give on each DocType, and
 * the scope (own documents, User Permissions) that narrows each right. It is the PermissionPolicy the
 * document layer asks before every read and write, and the query layer reads `scope()` to narrow
 * every list, count and search in SQL.
 */
import type { Knex } from 'knex';
import type { Actor, DocAction, DocValues, PermissionPolicy } from './policy';
import { AuthenticationError, PermissionError } from '../errors';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import { ALL_RIGHTS, NO_RIGHTS, rightsFor, type DocTypeRights, type Grant, type Right } from './rights';
import { loadUserPermissionRows, RestrictionResolver, satisfies, type Restriction } from './user-permissions';

export const ADMINISTRATOR_USER = 'Administrator';
export const GUEST_USER = 'Guest';

/** Where a right holds: every document, or only the user's own; then the User-Permission conditions. */
export interface Scope {
  /** Set when the right comes only from `if_owner` rows: documents whose owner is this user. */
  owner?: string;
  /**
   * The columns that make a document the user's own for `owner`: `owner`, plus the DocType's
   * `owner_fields` (Tabula's key: ToDo names allocated_to and assigned_by, as Frappe's ToDo
   * permission hooks do in code).
   */
  ownerColumns?: readonly string[];
  restrictions: readonly Restriction[];
}

export class UserAccess implements PermissionPolicy {
  private readonly rightsCache = new Map<string, DocTypeRights>();

  private constructor(
    readonly user: string,
    readonly roles: ReadonlySet<string>,
    private readonly k: Knex,
    private readonly registry: MetaRegistry,
    private readonly resolver: RestrictionResolver,
  ) {}

  /** Loads a user's roles and User Permissions; a missing or disabled user cannot act. */
  static async load(k: Knex, registry: MetaRegistry, user: string): Promise<UserAccess> {
    if (user === ADMINISTRATOR_USER) return new UserAccess(user, new Set([ADMINISTRATOR_USER]), k, registry, new RestrictionResolver(k, registry, []));
    const row = (await k('tabUser').where('name', user).first('name', 'enabled', 'user_type')) as { name: string; enabled: number; user_type: string | null } | undefined;
    if (!row || (Number(row.enabled) !== 1 && user !== GUEST_USER)) throw new AuthenticationError(`User ${user} is disabled or does not exist`);
    const roles = new Set<string>([GUEST_USER]);
    if (row.name !== GUEST_USER) {
      roles.add('All');
      if ((row.user_type ?? 'System User') === 'System User') roles.add('Desk User');
    }
    const granted = (await k('tabHas Role').where({ parent: row.name, parenttype: 'User' }).select('role')) as { role: string }[];
    for (const { role } of granted) roles.add(role);
    const resolver = new RestrictionResolver(k, registry, await loadUserPermissionRows(k, registry, row.name));
    await resolver.prepare();
    return new UserAccess(row.name, roles, k, registry, resolver);
  }

  get isAdministrator(): boolean {
    return this.user === ADMINISTRATOR_USER;
  }

  /** A child table follows the DocTypes that hold it: the union of their rights. */
  rights(meta: DocTypeMeta): DocTypeRights {
    if (this.isAdministrator) return ALL_RIGHTS;
    let rights = this.rightsCache.get(meta.name);
    if (!rights) {
      rights = meta.istable ? this.childRights(meta) : rightsFor(meta, this.roles);
      this.rightsCache.set(meta.name, rights);
    }
    return rights;
  }

  private childRights(meta: DocTypeMeta): DocTypeRights {
    const parents = this.registry.parentsOf(meta.name).map((p) => this.rights(p.meta));
    if (parents.length === 0) return NO_RIGHTS;
    const grants = new Map<Right, Grant>();
    const readLevels = new Set<number>();
    const writeLevels = new Set<number>();
    for (const parent of parents) {
      for (const [right, grant] of parent.grants) if (grants.get(right) !== 'all') grants.set(right, grant);
      for (let level = 0; level < 10; level++) {
        if (parent.readLevels.has(level)) readLevels.add(level);
        if (parent.writeLevels.has(level)) writeLevels.add(level);
      }
    }
    return { grants, readLevels, writeLevels };
  }

  /** The grant for a right; `select` is also satisfied by `read` (link pickers). */
  grant(meta: DocTypeMeta, right: Right): Grant | undefined {
    const { grants } = this.rights(meta);
    if (right !== 'select') return grants.get(right);
    const select = grants.get('select');
    const read = grants.get('read');
    return select === 'all' || read === 'all' ? 'all' : (select ?? read);
  }

  can(meta: DocTypeMeta, right: Right): boolean {
    return this.grant(meta, right) !== undefined;
  }

  /** The documents a right reaches, for the query layer to turn into SQL; PermissionError without the right. */
  async scope(meta: DocTypeMeta, right: Right): Promise<Scope> {
    if (this.isAdministrator) return { restrictions: [] };
    const grant = this.grant(meta, right);
    if (!grant) throw noPermission(meta, right);
    const restrictions = await this.resolver.restrictionsFor(meta);
    return grant === 'owner' ? { owner: this.user, ownerColumns: ownerColumnsOf(meta), restrictions } : { restrictions };
  }

  /** The User-Permission conditions on a DocType's rows, without needing a right on it (joined masters in reports). */
  async restrictions(meta: DocTypeMeta): Promise<readonly Restriction[]> {
    return this.isAdministrator ? [] : this.resolver.restrictionsFor(meta);
  }

  /** The values of `allow` this user may see in data about `target`; undefined when unrestricted. */
  async allowedValues(allow: string, target: string): Promise<string[] | undefined> {
    return this.isAdministrator ? undefined : this.resolver.allowedFor(allow, target);
  }

  async assert(actor: Actor, meta: DocTypeMeta, action: DocAction, doc?: DocValues, db?: Knex): Promise<void> {
    if (this.isAdministrator) return;
    if (meta.istable && doc) return this.assertThroughParent(actor, meta, action, doc, db ?? this.k);
    const scope = await this.scope(meta, action);
    if (!doc) return;
    if (scope.owner && doc.owner !== undefined && !(scope.ownerColumns ?? ['owner']).some((column) => String(doc[column] ?? '') === scope.owner))
      throw new PermissionError(`No permission to ${action} ${meta.name} ${doc.name}: you may ${action} only your own documents`, [{ fieldname: 'owner', message: `only documents you created` }]);
    const failed = satisfies(doc, scope.restrictions);
    if (failed)
      throw new PermissionError(`No permission to ${action} ${meta.name} ${doc.name ?? ''}: your User Permissions do not allow ${failed.allow} "${String(doc[failed.fieldname] ?? '')}"`.replace(/ {2}/g, ' '), [
        { fieldname: failed.fieldname, message: `${failed.allow} "${String(doc[failed.fieldname] ?? '')}" is outside your User Permissions` },
      ]);
  }

  /**
   * A child row is reached through the document holding it (Frappe's has_child_permission): reading
   * one needs read on that parent document, its User Permissions and if_owner included, read on the
   * caller's connection. A row is changed only by saving its parent.
   */
  private async assertThroughParent(actor: Actor, meta: DocTypeMeta, action: DocAction, row: DocValues, db: Knex): Promise<void> {
    const denied = (why: string) => new PermissionError(`No permission to ${action} ${meta.name} ${String(row.name ?? '')}: ${why}`.replace(/ {2}/g, ' '), [{ fieldname: 'parent', message: why }]);
    if (action !== 'read') throw denied('child rows are changed by saving their parent document');
    const parentMeta = typeof row.parenttype === 'string' ? this.registry.find(row.parenttype) : undefined;
    const tableField = parentMeta?.tableFields.find((f) => f.fieldname === row.parentfield && f.options === meta.name);
    if (!parentMeta || !tableField) throw denied('the row names no parent document that holds it');
    if (!this.fieldReadable(parentMeta, tableField.permlevel)) throw denied(`${parentMeta.name}.${tableField.fieldname} is not readable for your roles`);
    const parent = (await db(parentMeta.tableName).where('name', String(row.parent ?? '')).first()) as DocValues | undefined;
    if (!parent) throw denied(`${parentMeta.name} ${String(row.parent ?? '')} not found`);
    await this.assert(actor, parentMeta, 'read', parent);
  }

  /** Whether a field's permlevel is open to this user for reading (or writing). */
  fieldReadable(meta: DocTypeMeta, permlevel: number): boolean {
    return this.rights(meta).readLevels.has(permlevel);
  }

  fieldWritable(meta: DocTypeMeta, permlevel: number): boolean {
    return this.rights(meta).writeLevels.has(permlevel);
  }

  /** The document without the fields above the user's read levels (child rows included). */
  maskRead<T extends DocValues>(meta: DocTypeMeta, doc: T): T {
    if (this.isAdministrator) return doc;
    const masked: DocValues = { ...doc };
    for (const field of meta.fields) {
      if (!this.fieldReadable(meta, field.permlevel)) {
        delete masked[field.fieldname];
        continue;
      }
      if (field.type.isTable && Array.isArray(doc[field.fieldname])) {
        const child = this.registry.get(field.options);
        masked[field.fieldname] = (doc[field.fieldname] as DocValues[]).map((row) => {
          const copy: DocValues = { ...row };
          for (const f of child.fields) if (!this.fieldReadable(meta, f.permlevel)) delete copy[f.fieldname];
          return copy;
        });
      }
    }
    return masked as T;
  }

  /**
   * Client input without the fields the user may not write: they are ignored, as in Frappe. In child
   * rows that already exist such fields keep their stored value, since a table is replaced as a whole.
   */
  maskWrite(meta: DocTypeMeta, input: Record<string, unknown>, previous?: DocValues): Record<string, unknown> {
    if (this.isAdministrator) return input;
    const masked: Record<string, unknown> = { ...input };
    for (const field of meta.fields) {
      if (!(field.fieldname in masked)) continue;
      if (!this.fieldWritable(meta, field.permlevel)) {
        delete masked[field.fieldname];
        continue;
      }
      if (field.type.isTable && Array.isArray(masked[field.fieldname])) {
        const child = this.registry.get(field.options);
        const hidden = child.fields.filter((f) => f.hasColumn && !this.fieldWritable(meta, f.permlevel));
        if (hidden.length === 0) continue;
        const before = new Map(((previous?.[field.fieldname] as DocValues[] | undefined) ?? []).map((r) => [String(r.name), r]));
        masked[field.fieldname] = (masked[field.fieldname] as unknown[]).map((row) => {
          if (!row || typeof row !== 'object') return row;
          const copy = { ...(row as Record<string, unknown>) };
          const stored = before.get(String(copy.name));
          for (const f of hidden) {
            if (stored && f.fieldname in stored) copy[f.fieldname] = stored[f.fieldname];
            else delete copy[f.fieldname];
          }
          return copy;
        });
      }
    }
    return masked;
  }

  /** The user's default value for a DocType from their User Permissions. */
  defaultValue(allow: string): string | undefined {
    return this.resolver.defaultFor(allow);
  }
}

export function noPermission(meta: DocTypeMeta, right: Right | string): PermissionError {
  return new PermissionError(`No permission to ${right} ${meta.name}`, [{ fieldname: 'doctype', message: `No permission to ${right} ${meta.name}` }]);
}

/** `owner` and the DocType's `owner_fields` that are columns of it. */
export function ownerColumnsOf(meta: DocTypeMeta): readonly string[] {
  const extra = Array.isArray(meta.def.owner_fields) ? (meta.def.owner_fields as unknown[]).filter((f): f is string => typeof f === 'string' && Boolean(meta.getField(f)?.hasColumn)) : [];
  return ['owner', ...extra];
}
