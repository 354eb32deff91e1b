/**
 * Sales Invoice: totals from the items, due date not before the posting date, the sales team's
 * allocations, outstanding_amount = grand_total on submit (0 for a return), and the status
 * (Draft, Unpaid, Overdue, Paid, Return, Cancelled) from those.
 */
import { defineController, type Doc, todayDate } from '../../core/document';
import { applySalesTeam } from '../shared/sales-team';
import { applySellingTotals, assertNotBefore } from '../shared/totals';

function invoiceStatus(doc: Doc): string {
  if (Number(doc.docstatus ?? 0) === 0) return 'Draft';
  if (Number(doc.docstatus) === 2) return 'Cancelled';
  if (Number(doc.is_return ?? 0)) return 'Return';
  const outstanding = Number(doc.outstanding_amount ?? 0);
  if (outstanding <= 0) return 'Paid';
  if (typeof doc.due_date === 'string' && doc.due_date && doc.due_date < todayDate()) return 'Overdue';
  if (outstanding < Number(doc.grand_total ?? 0)) return 'Partly Paid';
  return 'Unpaid';
}

export default defineController({
  validate(doc, ctx) {
    assertNotBefore(doc, 'due_date', 'posting_date', 'Due Date cannot be before the Posting Date');
    applySellingTotals(doc);
    applySalesTeam(doc, Number(doc.net_total));
    if (Number(doc.docstatus ?? 0) === 0) doc.outstanding_amount = 0;
    // On submit the whole amount is owed; a return owes nothing.
    else if (ctx.action === 'submit') doc.outstanding_amount = Number(doc.is_return ?? 0) ? 0 : doc.grand_total;
    doc.status = invoiceStatus(doc);
  },
  before_update_after_submit(doc) {
    doc.status = invoiceStatus(doc);
  },
  before_cancel(doc) {
    doc.status = 'Cancelled';
  },
});
