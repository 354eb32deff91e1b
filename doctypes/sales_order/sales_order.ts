/**
 * Sales Order: totals from the items, delivery date not before the order date, the sales team's
 * allocations, status from docstatus and progress; its Quotation (Ordered) and that quotation's
 * Opportunity (Converted) follow submit, and go back (Open, Quotation) on cancel.
 */
import { defineController, rowsOf } from '../../core/document';
import { applySalesTeam } from '../shared/sales-team';
import { applySellingTotals, assertNotBefore, readRecord, setStatus } from '../shared/totals';

function orderStatus(perDelivered: number, perBilled: number): string {
  if (perDelivered >= 100 && perBilled >= 100) return 'Completed';
  if (perDelivered >= 100) return 'To Bill';
  if (perBilled >= 100) return 'To Deliver';
  return 'To Deliver and Bill';
}

export default defineController({
  validate(doc) {
    assertNotBefore(doc, 'delivery_date', 'transaction_date', 'Delivery Date cannot be before the Sales Order date');
    for (const item of rowsOf(doc, 'items')) if (!item.delivery_date) item.delivery_date = doc.delivery_date;
    applySellingTotals(doc);
    applySalesTeam(doc, Number(doc.net_total));
    const perDelivered = Number(doc.per_delivered ?? 0);
    const perBilled = Number(doc.per_billed ?? 0);
    Object.assign(doc, { per_delivered: perDelivered, per_billed: perBilled });
    doc.status = Number(doc.docstatus ?? 0) === 0 ? 'Draft' : orderStatus(perDelivered, perBilled);
  },
  before_cancel(doc) {
    doc.status = 'Cancelled';
  },
  async on_submit(doc, ctx) {
    if (!doc.quotation) return;
    await setStatus(ctx, 'Quotation', doc.quotation, 'Ordered', (q) => Number(q.docstatus) === 1);
    const quotation = await readRecord(ctx, 'Quotation', doc.quotation);
    await setStatus(ctx, 'Opportunity', quotation?.opportunity, 'Converted');
  },
  async on_cancel(doc, ctx) {
    if (!doc.quotation) return;
    await setStatus(ctx, 'Quotation', doc.quotation, 'Open', (q) => Number(q.docstatus) === 1 && q.status === 'Ordered');
    const quotation = await readRecord(ctx, 'Quotation', doc.quotation);
    await setStatus(ctx, 'Opportunity', quotation?.opportunity, 'Quotation', (opp) => opp.status === 'Converted');
  },
});
