/**
 * The Sales Team table on Customer, Sales Order and Sales Invoice: the allocations must total 100%
 * (ERPNext's selling_controller), and each member's allocated amount follows from the document's
 * net total. An empty table is allowed.
 */
import { ValidationError } from '../../core/errors';

interface TeamRow {
  sales_person?: unknown;
  allocated_percentage?: unknown;
  allocated_amount?: unknown;
  commission_rate?: unknown;
  incentives?: unknown;
}

/** Rounds money to 2 decimals the way the database's decimal does (half away from zero). */
export function money(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value) * 100 + Number.EPSILON) / 100;
}

export function applySalesTeam(doc: Record<string, unknown>, netTotal: number | undefined): void {
  const rows = Array.isArray(doc.sales_team) ? (doc.sales_team as TeamRow[]) : [];
  if (rows.length === 0) return;
  const total = rows.reduce((sum, row) => sum + Number(row.allocated_percentage ?? 0), 0);
  if (Math.abs(total - 100) > 1e-6)
    throw new ValidationError(`Total allocated percentage for the sales team should be 100, it is ${money(total)}`, [
      { fieldname: 'sales_team', message: `allocated percentages add up to ${money(total)}, not 100` },
    ]);
  if (netTotal === undefined) return;
  for (const row of rows) {
    row.allocated_amount = money((netTotal * Number(row.allocated_percentage ?? 0)) / 100);
    row.incentives = money((Number(row.allocated_amount) * Number(row.commission_rate ?? 0)) / 100);
  }
}
