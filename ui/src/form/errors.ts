/**
 * Server (and client-side) errors sorted to where they belong: a field of the document, a cell or a
 * whole row of a grid (by `parentfield` + `idx`), or the form's message banner.
 */
import type { FieldError } from '../api/client';
import type { RowErrors } from '../controls/table/types';

export interface PlacedErrors {
  fields: Record<string, string>;
  tables: Record<string, RowErrors>;
}

export function placeErrors(errors: readonly FieldError[]): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, tables: {} };
  for (const error of errors) {
    if (error.parentfield && error.idx) {
      const table = (placed.tables[error.parentfield] ??= {});
      const row = (table[error.idx] ??= {});
      row[error.fieldname ?? ''] ??= error.message;
    } else if (error.fieldname) {
      placed.fields[error.fieldname] ??= error.message;
    }
  }
  return placed;
}

export const noErrors = (): PlacedErrors => ({ fields: {}, tables: {} });
