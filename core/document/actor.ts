/** Who is acting, and the permission policy that decides what they may do to a document. */
import type { DocTypeMeta } from '../meta';
import type { Doc } from './doc';

export interface Actor {
  user: string;
}

export const ADMINISTRATOR: Actor = Object.freeze({ user: 'Administrator' });

export type DocAction = 'read' | 'write' | 'create' | 'delete' | 'submit' | 'cancel' | 'amend';

/**
 * Decides whether `actor` may do `action` to `doc`; throws PermissionError when not. The document
 * layer asks before every write; the API layer installs the role- and User-Permission-based policy.
 */
export interface PermissionPolicy {
  assert(actor: Actor, meta: DocTypeMeta, action: DocAction, doc?: Doc): void | Promise<void>;
}

/** For trusted callers with no user session: migrations, fixtures, the demo generator, tests. */
export const TRUSTED: PermissionPolicy = Object.freeze({ assert() {} });
