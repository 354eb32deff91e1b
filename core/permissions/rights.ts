/**
 * What a set of roles may do to one DocType, from its DocPerm rows (Frappe's rules): document rights
 * are the OR of the permlevel-0 rows, a right granted only by `if_owner` rows holds for the user's own
 * documents, and rows at permlevel N open fields of that level for reading or writing.
 *
 * A key missing from a DocPerm row means 0: Frappe's JSON export leaves out falsy keys, and the
 * ERPNext corpus has `select`-only rows that would otherwise grant everything.
 */
import { flag, type DocPermDef, type DocTypeMeta } from '../meta';

export const RIGHTS = ['select', 'read', 'write', 'create', 'delete', 'submit', 'cancel', 'amend', 'report', 'export', 'import', 'share', 'print', 'email'] as const;
export type Right = (typeof RIGHTS)[number];

/** `all`: every document; `owner`: only documents the user created. A right not in the map is not granted. */
export type Grant = 'all' | 'owner';

export interface DocTypeRights {
  readonly grants: ReadonlyMap<Right, Grant>;
  /** Permlevels whose fields the user may read (always includes 0 when any read-like right exists). */
  readonly readLevels: ReadonlySet<number>;
  readonly writeLevels: ReadonlySet<number>;
}

export const NO_RIGHTS: DocTypeRights = Object.freeze({ grants: new Map(), readLevels: new Set<number>(), writeLevels: new Set<number>() });

export const ALL_RIGHTS: DocTypeRights = Object.freeze({
  grants: new Map(RIGHTS.map((r) => [r, 'all' as Grant])),
  readLevels: { has: () => true } as unknown as ReadonlySet<number>,
  writeLevels: { has: () => true } as unknown as ReadonlySet<number>,
});

export function rightsFor(meta: DocTypeMeta, roles: ReadonlySet<string>, permissions: readonly DocPermDef[] = meta.permissions): DocTypeRights {
  const grants = new Map<Right, Grant>();
  const readLevels = new Set<number>();
  const writeLevels = new Set<number>();
  for (const row of permissions) {
    if (!roles.has(row.role)) continue;
    const level = Number(row.permlevel ?? 0);
    if (level !== 0) {
      if (flag(row.read) || flag(row.write)) readLevels.add(level);
      if (flag(row.write)) writeLevels.add(level);
      continue;
    }
    const grant: Grant = flag(row.if_owner) ? 'owner' : 'all';
    for (const right of RIGHTS) {
      if (!flag(row[right]) || !applies(meta, right)) continue;
      if (grants.get(right) !== 'all') grants.set(right, grant);
    }
  }
  if (grants.has('read') || grants.has('select')) readLevels.add(0);
  if (grants.has('write') || grants.has('create')) writeLevels.add(0);
  return { grants, readLevels, writeLevels };
}

/** submit, cancel and amend exist only on submittable DocTypes; import only where allow_import is set. */
function applies(meta: DocTypeMeta, right: Right): boolean {
  if (right === 'submit' || right === 'cancel' || right === 'amend') return meta.isSubmittable;
  if (right === 'import') return flag(meta.def.allow_import);
  return true;
}
