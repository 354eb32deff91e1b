/**
 * XLSX export, streamed row by row (exceljs' streaming writer): numbers stay numbers with a format
 * from the column (money with its precision, Percent shown with %), dates are real dates.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportColumn, ReportRow } from '../types';
import { cellKind, isEmptyCell, numberCell, precisionOf, totalsCells } from './cells';

function numberFormat(column: ReportColumn): string | undefined {
  const digits = precisionOf(column);
  const decimals = digits > 0 ? '.' + '0'.repeat(digits) : '';
  switch (cellKind(column)) {
    case 'currency':
      return `#,##0${decimals}`;
    case 'percent':
      return `0${decimals}"%"`;
    case 'int':
      return '0';
    case 'float':
      return `0${decimals}`;
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
    default:
      return undefined;
  }
}

function xlsxCell(column: ReportColumn, value: unknown): unknown {
  if (isEmptyCell(value)) return null;
  const kind = cellKind(column);
  if (kind === 'text') return String(value);
  if (kind === 'date' || kind === 'datetime') {
    // Stored as UTC midnight (or the UTC instant of the local time) so the sheet shows the same date.
    const date = new Date(String(value).replace(' ', 'T') + (kind === 'date' ? 'T00:00:00Z' : 'Z'));
    return Number.isNaN(date.getTime()) ? String(value) : date;
  }
  return numberCell(column, value) ?? String(value);
}

export async function writeXlsx(out: Writable, sheetName: string, columns: readonly ReportColumn[], rows: Iterable<ReportRow>, totals?: readonly unknown[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // Sheet names are at most 31 characters and exclude []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Report');
  sheet.columns = columns.map((c) => ({ header: c.label, key: c.fieldname, width: Math.max(10, Math.round((c.width ?? 120) / 7)), style: numberFormat(c) ? { numFmt: numberFormat(c) } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of rows) sheet.addRow(columns.map((c) => xlsxCell(c, row[c.fieldname]))).commit();
  if (totals) {
    const line = sheet.addRow(totalsCells(columns, totals, xlsxCell));
    line.font = { bold: true };
    line.commit();
  }
  sheet.commit();
  await workbook.commit();
}
