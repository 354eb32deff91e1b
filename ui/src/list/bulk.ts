/** The bulk actions a DocType's list offers the user, and how a finished run reads. */
import type { BulkAction, BulkResult } from './data';
import type { ListMeta } from './meta';

export const ACTION_LABELS: Record<BulkAction, { verb: string; past: string }> = {
  delete: { verb: 'Delete', past: 'Deleted' },
  submit: { verb: 'Submit', past: 'Submitted' },
  cancel: { verb: 'Cancel', past: 'Cancelled' },
};

export function bulkActionsOf(meta: ListMeta): BulkAction[] {
  const actions: BulkAction[] = [];
  if (meta.permissions.delete) actions.push('delete');
  if (meta.is_submittable && meta.permissions.submit) actions.push('submit');
  if (meta.is_submittable && meta.permissions.cancel) actions.push('cancel');
  return actions;
}

export function summaryOf(action: BulkAction, result: BulkResult): string {
  const parts = [];
  if (result.done.length) parts.push(`${ACTION_LABELS[action].past} ${result.done.length}.`);
  if (result.failed.length) parts.push(`${result.failed.length} failed:`);
  return parts.join(' ');
}
