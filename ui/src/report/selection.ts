/**
 * Row selection in a report, and the way other features act on the selected rows.
 *
 * - `useSelection()` holds the selected rows (the row objects themselves, so sorting does not move
 *   the selection) and is what the table's checkboxes drive.
 * - `registerSelectionAction({...})` adds a button shown above the table while rows are selected,
 *   optionally only for some reports; its `run` gets the selected rows and the report name. This is
 *   how "assign follow-up" for selected customers plugs in without touching the view:
 *
 *     registerSelectionAction({ label: 'Assign follow-up', reports: ['Inactive Customers'],
 *       run: (rows) => openAssignDialog(rows.map((r) => String(r.customer))) });
 *
 * - ReportView also emits `selection-change` (the rows) and offers a `selection-actions` slot with
 *   `{ rows, count, clear }`, for a page that embeds it.
 */
import { computed, shallowRef, type ComputedRef } from 'vue';
import type { Row } from './types';

export interface SelectionAction {
  label: string;
  /** Report names this action is offered for; all reports when left out. */
  reports?: string[];
  run(rows: Row[], report: string): void | Promise<void>;
}

const actions: SelectionAction[] = [];

export function registerSelectionAction(action: SelectionAction): () => void {
  actions.push(action);
  return () => {
    const i = actions.indexOf(action);
    if (i >= 0) actions.splice(i, 1);
  };
}

export function selectionActionsFor(report: string): SelectionAction[] {
  return actions.filter((a) => !a.reports || a.reports.includes(report));
}

export interface Selection {
  /** The selected rows, in the order they were picked. */
  rows: ComputedRef<Row[]>;
  count: ComputedRef<number>;
  has(row: Row): boolean;
  toggle(row: Row, on?: boolean): void;
  /** Selects all of `rows`, or clears when they are all selected already. */
  toggleAll(rows: readonly Row[]): void;
  allOf(rows: readonly Row[]): boolean;
  clear(): void;
}

export function useSelection(onChange?: (rows: Row[]) => void): Selection {
  // A Set replaced on each change (shallow): rows are never made deeply reactive, 100k of them can be in a run.
  const picked = shallowRef<Set<Row>>(new Set());
  const set = (next: Set<Row>) => {
    picked.value = next;
    onChange?.([...next]);
  };
  const rows = computed(() => [...picked.value]);
  return {
    rows,
    count: computed(() => picked.value.size),
    has: (row) => picked.value.has(row),
    toggle(row, on) {
      const next = new Set(picked.value);
      if (on ?? !next.has(row)) next.add(row);
      else next.delete(row);
      set(next);
    },
    toggleAll(list) {
      if (list.length && list.every((r) => picked.value.has(r))) set(new Set());
      else set(new Set(list));
    },
    allOf: (list) => list.length > 0 && list.length === picked.value.size && list.every((r) => picked.value.has(r)),
    clear: () => set(new Set()),
  };
}
