/** CSV export: a header of labels, one line per row, numbers written at their column's precision. */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ReportColumn, ReportRow } from '../types';
import { cellText, totalsCells } from './cells';

/** Streams the CSV into `out` (ended when done), with backpressure. */
export async function writeCsv(out: Writable, columns: readonly ReportColumn[], rows: Iterable<ReportRow>, totals?: readonly unknown[]): Promise<void> {
  function* records(): Generator<string[]> {
    yield columns.map((c) => c.label);
    for (const row of rows) yield columns.map((c) => cellText(c, row[c.fieldname]));
    if (totals) yield totalsCells(columns, totals, cellText);
  }
  await pipeline(Readable.from(records()), stringify({ bom: true }), out);
}
