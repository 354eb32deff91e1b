/**
 * Frappe's totals row (desk/query_report.py add_total_row): a list as long as the columns, numbers
 * summed, Percent averaged over the rows, "Total" in the first column when that column is not a number.
 */
import { roundDecimal } from '../document';
import type { ReportColumn, ReportRow } from './types';

const SUMMED = new Set(['Currency', 'Int', 'Float', 'Percent', 'Duration']);
const NOT_LABELLED = new Set(['Currency', 'Int', 'Float', 'Percent', 'Date']);

export function totalRow(columns: readonly ReportColumn[], rows: readonly ReportRow[]): unknown[] {
  const total: unknown[] = columns.map(() => '');
  columns.forEach((column, i) => {
    if (!SUMMED.has(column.fieldtype) || column.disable_total) return;
    let sum = 0;
    for (const row of rows) {
      const value = Number(row[column.fieldname]);
      if (Number.isFinite(value)) sum += value;
    }
    if (column.fieldtype === 'Percent') sum = rows.length ? sum / rows.length : 0;
    // Sums of floats carry binary noise (0.1 + 0.2): the row shows the column's precision.
    total[i] = roundDecimal(sum, column.precision ?? (column.fieldtype === 'Currency' ? 2 : 6));
  });
  if (columns.length && !NOT_LABELLED.has(columns[0]!.fieldtype)) total[0] = 'Total';
  return total;
}

