/** What a controller hook receives besides the document: the action, the previous state, and the store. */
import type { DocTypeMeta } from '../meta';
import type { Actor } from './actor';
import type { Doc } from './doc';
import type { Executor } from './persist';
import type { DocumentStore } from './store';

export type WriteAction = 'insert' | 'save' | 'submit' | 'cancel' | 'update_after_submit' | 'delete' | 'method';

export interface HookContext {
  action: WriteAction;
  actor: Actor;
  meta: DocTypeMeta;
  /** The stored document before this write (undefined on insert). */
  previous: Doc | undefined;
  /** The store bound to the same transaction: documents written here commit or roll back together. */
  documents: DocumentStore;
  db: Executor;
}
