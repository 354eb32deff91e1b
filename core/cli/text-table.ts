/** A report run as an aligned text table for a terminal: numbers right-aligned at their precision. */
import { cellKind, cellText, isEmptyCell, totalsCells } from '../reports/export/cells';
import type { ReportColumn, ReportRun } from '../reports';

/** As in the exports, with a % after a percentage (a terminal has no number formats). */
function terminalCell(column: ReportColumn, value: unknown): string {
  const text = cellText(column, value);
  return cellKind(column) === 'percent' && !isEmptyCell(value) ? `${text}%` : text;
}

export function formatTable(run: ReportRun): string {
  const { columns } = run;
  const lines = run.rows.map((row) => columns.map((c) => terminalCell(c, row[c.fieldname])));
  if (run.totals) lines.push(totalsCells(columns, run.totals, terminalCell));
  const header = columns.map((c) => c.label);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const right = columns.map((c) => cellKind(c) !== 'text' && cellKind(c) !== 'date' && cellKind(c) !== 'datetime');
  const render = (cells: string[]) => cells.map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const summary = (run.report_summary ?? []).map((s) => `${s.label}: ${String(s.value)}`).join('   ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render), '', `${run.rows.length} rows in ${run.executionTime} s${summary ? '   ' + summary : ''}`].join('\n');
}
