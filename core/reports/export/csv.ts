/** CSV export: a header of labels, one line per row, numbers written at their column's precision. */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ReportColumn, ReportRow } from '../types';
import { cellKind, isEmptyCell, numberCell, precisionOf } from './cells';

function csvCell(column: ReportColumn, value: unknown): string {
  if (isEmptyCell(value)) return '';
  const kind = cellKind(column);
  if (kind === 'text' || kind === 'date' || kind === 'datetime') return String(value);
  const n = numberCell(column, value);
  return n === undefined ? String(value) : n.toFixed(precisionOf(column));
}

/** Streams the CSV into `out` (ended when done), with backpressure. */
export async function writeCsv(out: Writable, columns: readonly ReportColumn[], rows: Iterable<ReportRow>, totals?: readonly unknown[]): Promise<void> {
  function* records(): Generator<string[]> {
    yield columns.map((c) => c.label);
    for (const row of rows) yield columns.map((c) => csvCell(c, row[c.fieldname]));
    if (totals) yield columns.map((c, i) => (i === 0 && totals[0] === 'Total' ? 'Total' : csvCell(c, totals[i])));
  }
  await pipeline(Readable.from(records()), stringify({ bom: true }), out);
}
