/**
 * The one interface every control shares, so forms, grid cells and the report view's filter bar can
 * render any field the same way: `field` (the DocField JSON from `tabula.desk.meta`), `modelValue`,
 * `readOnly`, `error`, `id` in; `update:modelValue` out. The optional props carry what only some
 * controls need (the document for Dynamic Link, the effective `reqd` after `mandatory_depends_on`,
 * `compact` for grid cells and filter bars where the label is kept for screen readers only).
 */
import type { PropType } from 'vue';
import type { DocFieldDef } from '../../../core/meta/types';

/** A DocField as the meta API sends it: the JSON definition plus the resolved label. */
export type FieldJson = DocFieldDef & { label: string };

/** A DocType as the meta API sends it (fields in order, break fields included). */
export interface DocTypeJson {
  name: string;
  fields: FieldJson[];
  title_field?: string | null;
  is_submittable?: 0 | 1 | boolean;
  istable?: 0 | 1 | boolean;
  issingle?: 0 | 1 | boolean;
  autoname?: string;
  [key: string]: unknown;
}

export interface ControlProps {
  field: FieldJson;
  modelValue: unknown;
  readOnly?: boolean;
  error?: string;
  id: string;
  /** Required after `mandatory_depends_on`; defaults to the field's own `reqd`. */
  reqd?: boolean;
  /** Label visually hidden (still tied to the input), no description: grid cells, filter bars. */
  compact?: boolean;
  /** The document (or grid row) the field belongs to: Dynamic Link reads its target DocType there. */
  doc?: Record<string, unknown>;
}

/**
 * The same props as a runtime declaration, which every control passes to `defineProps`: Vue's
 * compiler cannot read prop types imported from another file without TypeScript's JS API.
 */
export const controlProps = {
  field: { type: Object as PropType<FieldJson>, required: true },
  modelValue: { type: null as unknown as PropType<unknown>, default: undefined },
  readOnly: { type: Boolean, default: false },
  error: { type: String, default: '' },
  id: { type: String, required: true },
  reqd: { type: Boolean, default: undefined },
  compact: { type: Boolean, default: false },
  doc: { type: Object as PropType<Record<string, unknown>>, default: undefined },
} as const;

export function isRequired(props: ControlProps): boolean {
  return props.reqd ?? Boolean(props.field.reqd);
}
