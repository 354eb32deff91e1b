/**
 * Opportunity: party checks, customer_name from the party, probability from the Sales Stage, the
 * stage history, Lost needs a reason and stamps lost_on, totals from the items; make_quotation.
 */
import { defineController, type Doc, hasValue, nowTimestamp, rowsOf, todayDate } from '../../core/document';
import { ValidationError } from '../../core/errors';
import { applyOpportunityTotals, assertPartyType, partyDisplayName, readRecord } from '../shared/totals';
import { refreshLeadStatus } from '../lead/lead';
import { makeQuotationFromOpportunity } from './conversions';

export default defineController({
  async validate(doc, ctx) {
    assertPartyType(doc.opportunity_from, 'opportunity_from');
    const partyName = await partyDisplayName(ctx, doc.opportunity_from, doc.party_name);
    if (partyName) doc.customer_name = partyName;

    const previous = ctx.previous;
    const stageChanged = previous ? doc.sales_stage !== previous.sales_stage : hasValue(doc.sales_stage);
    // The client set probability explicitly when it sent one on insert, or changed it on save.
    const probabilitySet = previous ? doc.probability !== previous.probability : hasValue(doc.probability);
    if (stageChanged && !probabilitySet && hasValue(doc.sales_stage)) {
      const stage = await readRecord(ctx, 'Sales Stage', doc.sales_stage);
      if (stage && hasValue(stage.probability)) doc.probability = Number(stage.probability);
    }

    // The stage history is the server's: stored rows stay as they were, a change appends one row.
    const log: Doc[] = previous ? rowsOf(previous, 'stage_log').map((row) => ({ ...row })) : [];
    if (stageChanged && hasValue(doc.sales_stage)) log.push({ doctype: 'Opportunity Stage Log', sales_stage: doc.sales_stage, entered_on: nowTimestamp() });
    doc.stage_log = log;

    if (doc.status === 'Lost') {
      if (rowsOf(doc, 'lost_reasons').length === 0)
        throw new ValidationError('An Opportunity can only be marked Lost with at least one lost reason', [
          { fieldname: 'lost_reasons', message: 'Select at least one lost reason to mark the opportunity Lost' },
        ]);
      if (previous?.status !== 'Lost' || !hasValue(previous?.lost_on)) doc.lost_on = todayDate();
      else doc.lost_on = previous.lost_on;
    } else {
      doc.lost_on = null;
    }

    applyOpportunityTotals(doc);
  },
  // The lead's status follows its opportunities (Opportunity while one is open, back when it is Lost).
  async on_update(doc, ctx) {
    if (doc.opportunity_from === 'Lead') await refreshLeadStatus(ctx.documents, doc.party_name);
    const before = ctx.previous;
    if (before?.opportunity_from === 'Lead' && before.party_name !== doc.party_name) await refreshLeadStatus(ctx.documents, before.party_name);
  },
  methods: {
    make_quotation: {
      callable: true,
      label: 'Make Quotation',
      handler: (doc, args, ctx) => makeQuotationFromOpportunity(ctx.documents, String(doc.name), args),
    },
  },
});
