/**
 * The control for a field type: one map for forms, grid cells and the report view's filter bar.
 * Every control takes the props in ./types (`field`, `modelValue`, `readOnly`, `error`, `id`, plus the
 * optional `reqd`, `compact`, `doc`) and emits `update:modelValue`; the two table controls also take
 * `childMeta`, `context`, `rowErrors` and `user` (./table/types).
 */
import type { Component } from 'vue';
import { simpleControlFor } from './simple';
import TableControl from './TableControl.vue';
import TableMultiSelectControl from './TableMultiSelectControl.vue';

export { DISPLAY_ONLY_TYPES, LAYOUT_TYPES, TABLE_TYPES } from './kinds';
export { simpleControlFor } from './simple';
export type { ControlProps, DocTypeJson, FieldJson } from './types';
export type { RowErrors, TableProps } from './table/types';

export function controlFor(fieldtype: string): Component {
  if (fieldtype === 'Table') return TableControl;
  if (fieldtype === 'Table MultiSelect') return TableMultiSelectControl;
  return simpleControlFor(fieldtype);
}
