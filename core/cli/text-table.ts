/** A report run as an aligned text table for a terminal: numbers right-aligned at their precision. */
import { cellKind, isEmptyCell, numberCell, precisionOf } from '../reports/export/cells';
import type { ReportColumn, ReportRun } from '../reports';

function cellText(column: ReportColumn, value: unknown): string {
  if (isEmptyCell(value)) return '';
  const kind = cellKind(column);
  if (kind === 'text' || kind === 'date' || kind === 'datetime') return String(value);
  const n = numberCell(column, value);
  return n === undefined ? String(value) : n.toFixed(precisionOf(column)) + (kind === 'percent' ? '%' : '');
}

export function formatTable(run: ReportRun): string {
  const { columns } = run;
  const lines = run.rows.map((row) => columns.map((c) => cellText(c, row[c.fieldname])));
  if (run.totals) lines.push(columns.map((c, i) => (i === 0 && run.totals![0] === 'Total' ? 'Total' : cellText(c, run.totals![i]))));
  const header = columns.map((c) => c.label);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const right = columns.map((c) => cellKind(c) !== 'text' && cellKind(c) !== 'date' && cellKind(c) !== 'datetime');
  const render = (cells: string[]) => cells.map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const summary = (run.report_summary ?? []).map((s) => `${s.label}: ${String(s.value)}`).join('   ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render), '', `${run.rows.length} rows in ${run.executionTime} s${summary ? '   ' + summary : ''}`].join('\n');
}
