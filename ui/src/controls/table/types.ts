/** What a grid needs beyond the shared control props: its child DocType and the form's situation. */
import type { PropType } from 'vue';
import type { EditContext } from '../../form/conditions';
import { controlProps, type ControlProps, type DocTypeJson } from '../types';

/** Server errors for one table: by row number (idx, from 1), then fieldname ('' for the whole row). */
export type RowErrors = Record<number, Record<string, string>>;

export interface TableProps extends ControlProps {
  childMeta?: DocTypeJson;
  context?: EditContext;
  rowErrors?: RowErrors;
  /** The logged-in user, for `__user` defaults in new rows. */
  user?: string;
}

export const tableProps = {
  ...controlProps,
  childMeta: { type: Object as PropType<DocTypeJson>, default: undefined },
  context: { type: Object as PropType<EditContext>, default: undefined },
  rowErrors: { type: Object as PropType<RowErrors>, default: undefined },
  user: { type: String, default: '' },
} as const;
