/**
 * Conversions that create an Opportunity or start from one. Each runs in one transaction (joining the
 * caller's), so a failure leaves nothing created; each answers the new document, inserted as a draft.
 */
import { type Doc, type DocumentStore, hasValue, rowsOf } from '../../core/document';
import { ValidationError } from '../../core/errors';

function pick(source: Doc, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (hasValue(source[field])) out[field] = source[field];
  return out;
}

/** Lead -> Opportunity (ERPNext's make_opportunity): party, name, territory, source, campaign and contact copied. */
export async function makeOpportunityFromLead(store: DocumentStore, leadName: string): Promise<Doc> {
  return store.transaction(async (s) => {
    const lead = await s.get('Lead', leadName);
    if (lead.status === 'Converted' || lead.status === 'Do Not Contact')
      throw new ValidationError(`Lead ${leadName} is ${String(lead.status)}: it cannot get a new Opportunity`, [
        { fieldname: 'status', message: `Lead is ${String(lead.status)}` },
      ]);
    return s.insert('Opportunity', {
      opportunity_from: 'Lead',
      party_name: lead.name,
      ...pick(lead, ['territory', 'source', 'campaign']),
      ...(hasValue(lead.email_id) ? { contact_email: lead.email_id } : {}),
      ...(hasValue(lead.mobile_no) ? { contact_mobile: lead.mobile_no } : {}),
      ...(hasValue(lead.lead_owner) ? { opportunity_owner: lead.lead_owner } : {}),
    });
  });
}

/** The company a new document gets when its source has none: the only (or first) Company. */
async function defaultCompany(store: DocumentStore): Promise<string | undefined> {
  const row = (await store.k(store.registry.get('Company').tableName).orderBy('creation').first('name')) as { name?: string } | undefined;
  return row?.name;
}

/** Opportunity -> Quotation (ERPNext's make_quotation): party, items and the opportunity link copied; a draft. */
export async function makeQuotationFromOpportunity(store: DocumentStore, opportunityName: string, args: Record<string, unknown> = {}): Promise<Doc> {
  return store.transaction(async (s) => {
    const opp = await s.get('Opportunity', opportunityName);
    if (opp.status === 'Lost' || opp.status === 'Closed' || opp.status === 'Converted')
      throw new ValidationError(`Opportunity ${opportunityName} is ${String(opp.status)}: it cannot be quoted`, [
        { fieldname: 'status', message: `Opportunity is ${String(opp.status)}` },
      ]);
    const company = (typeof args.company === 'string' && args.company) || (opp.company as string | undefined) || (await defaultCompany(s));
    return s.insert('Quotation', {
      quotation_to: opp.opportunity_from,
      party_name: opp.party_name,
      opportunity: opp.name,
      company,
      ...pick(opp, ['customer_name', 'currency', 'conversion_rate', 'territory', 'customer_group', 'campaign', 'source', 'contact_person', 'contact_email']),
      items: rowsOf(opp, 'items')
        .filter((row) => hasValue(row.item_code))
        .map((row) => ({ ...pick(row, ['item_code', 'item_name', 'uom', 'qty', 'rate', 'description']), prevdoc_doctype: 'Opportunity', prevdoc_docname: opp.name })),
    });
  });
}
