/**
 * Quotation: party checks, totals from the items, status from the lifecycle (Draft, Open on submit,
 * Cancelled), and the Opportunity's status following (Quotation on submit, Open on cancel); make_sales_order.
 */
import { defineController, todayDate } from '../../core/document';
import { applySellingTotals, assertNotBefore, assertPartyType, partyDisplayName, setStatus } from '../shared/totals';
import { refreshLeadStatus } from '../lead/lead';
import { makeSalesOrderFromQuotation } from './conversions';

export default defineController({
  async validate(doc, ctx) {
    assertPartyType(doc.quotation_to, 'quotation_to');
    const partyName = await partyDisplayName(ctx, doc.quotation_to, doc.party_name);
    if (partyName) doc.customer_name = partyName;
    assertNotBefore(doc, 'valid_till', 'transaction_date', 'Valid Till date cannot be before the Quotation date');
    applySellingTotals(doc);
    if (Number(doc.docstatus ?? 0) === 0) doc.status = 'Draft';
    else doc.status = typeof doc.valid_till === 'string' && doc.valid_till && doc.valid_till < todayDate() ? 'Expired' : 'Open';
  },
  before_cancel(doc) {
    doc.status = 'Cancelled';
  },
  async on_submit(doc, ctx) {
    await setStatus(ctx, 'Opportunity', doc.opportunity, 'Quotation', (opp) => opp.status !== 'Converted' && opp.status !== 'Lost');
    if (doc.quotation_to === 'Lead') await refreshLeadStatus(ctx.documents, doc.party_name);
  },
  async on_cancel(doc, ctx) {
    await setStatus(ctx, 'Opportunity', doc.opportunity, 'Open', (opp) => opp.status === 'Quotation');
    if (doc.quotation_to === 'Lead') await refreshLeadStatus(ctx.documents, doc.party_name);
  },
  // A submitted quotation marked Lost (or Ordered) changes what its lead's status should be.
  async on_update_after_submit(doc, ctx) {
    if (doc.quotation_to === 'Lead') await refreshLeadStatus(ctx.documents, doc.party_name);
  },
  methods: {
    make_sales_order: {
      callable: true,
      label: 'Make Sales Order',
      handler: (doc, args, ctx) => makeSalesOrderFromQuotation(ctx.documents, String(doc.name), args),
    },
  },
});
