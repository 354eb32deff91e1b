/**
 * Who is acting, and the policy that decides what they may do to a document. The document layer asks
 * the policy before every read and write; UserAccess is the role- and User-Permission-based policy,
 * TRUSTED the one for callers with no user session.
 */
import type { Knex } from 'knex';
import type { DocTypeMeta } from '../meta';

export interface Actor {
  user: string;
}

export const ADMINISTRATOR: Actor = Object.freeze({ user: 'Administrator' });

export type DocAction = 'read' | 'write' | 'create' | 'delete' | 'submit' | 'cancel' | 'amend';

/** A document as the policy sees it: its values by fieldname (child tables as arrays of rows). */
export type DocValues = Record<string, unknown>;

export interface PermissionPolicy {
  /**
   * Throws PermissionError when `actor` may not do `action` (to `doc`, when given). `db` is the
   * caller's connection or transaction, for a policy that must read (a child row's parent): on SQLite
   * a second connection would wait for the transaction's.
   */
  assert(actor: Actor, meta: DocTypeMeta, action: DocAction, doc?: DocValues, db?: Knex): void | Promise<void>;
  /** The document without the fields the actor may not read (permlevel masks). */
  maskRead?<T extends DocValues>(meta: DocTypeMeta, doc: T): T;
  /** Client input without the fields the actor may not write; `previous` is the stored document on save. */
  maskWrite?(meta: DocTypeMeta, input: Record<string, unknown>, previous?: DocValues): Record<string, unknown>;
}

/** For trusted callers with no user session: migrations, fixtures, the demo generator, tests. */
export const TRUSTED: PermissionPolicy = Object.freeze({ assert() {} });
