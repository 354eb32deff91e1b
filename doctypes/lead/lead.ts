/**
 * Lead (ERPNext's erpnext/crm/doctype/lead): lead_name follows the name parts; a person's name or an
 * organisation name is required; lead_owner may not be the lead's own email; the status follows the
 * lead's history (status_map, first true rule wins): Converted (a Customer has lead_name = this lead) >
 * Quotation (a submitted, not Lost Quotation to this lead) > Opportunity (a not Lost Opportunity from
 * this lead) > Lost Quotation > the user's choice among the manual statuses. A client cannot set a
 * derived status by hand; a derived status that no longer holds falls back to the stored manual status,
 * or Interested (what ERPNext sets when the lead's Customer is deleted), or Lead for a new lead.
 * make_customer converts the lead into a Customer (whose controller links the lead's contacts and
 * addresses and marks the lead Converted).
 */
import { MandatoryError, ValidationError } from '../../core/errors';
import { defineController, textOf, type Doc, type DocumentStore, type Executor } from '../../core/document';
import type { MetaRegistry } from '../../core/meta';
import { makeOpportunityFromLead } from '../opportunity/conversions';

const DERIVED = new Set(['Converted', 'Quotation', 'Opportunity', 'Lost Quotation']);

async function any(db: Executor, table: string, build: (q: ReturnType<Executor>) => unknown): Promise<boolean> {
  const query = db(table).first('name');
  build(query);
  return Boolean(await query);
}

/** The status the lead's history implies, or undefined when none of the derived rules holds. */
export async function derivedLeadStatus(db: Executor, registry: MetaRegistry, lead: string): Promise<string | undefined> {
  const table = (doctype: string) => registry.get(doctype).tableName;
  if (await any(db, table('Customer'), (q) => q.where('lead_name', lead))) return 'Converted';
  const quotations = (q: ReturnType<Executor>) => q.where({ quotation_to: 'Lead', party_name: lead, docstatus: 1 });
  if (registry.has('Quotation') && (await any(db, table('Quotation'), (q) => quotations(q).where((w) => w.whereNot('status', 'Lost').orWhereNull('status')))))
    return 'Quotation';
  if (
    registry.has('Opportunity') &&
    (await any(db, table('Opportunity'), (q) =>
      q.where({ opportunity_from: 'Lead', party_name: lead }).whereNot('docstatus', 2).where((w) => w.whereNot('status', 'Lost').orWhereNull('status')),
    ))
  )
    return 'Opportunity';
  if (registry.has('Quotation') && (await any(db, table('Quotation'), (q) => quotations(q).where('status', 'Lost')))) return 'Lost Quotation';
  return undefined;
}

/**
 * Recomputes and stores a lead's status (Opportunity, Quotation and Customer controllers call it after
 * their writes). Saves the lead through `store`, so its validation runs in the caller's transaction.
 */
export async function refreshLeadStatus(store: DocumentStore, leadName: unknown): Promise<void> {
  const name = textOf(leadName);
  if (!name || !(await store.exists('Lead', name))) return;
  const lead = await store.get('Lead', name);
  // The stored status goes back in; validate replaces it with what the history implies.
  await store.save('Lead', name, { status: lead.status });
}

export default defineController({
  async validate(doc, ctx) {
    doc.lead_name = [doc.first_name, doc.middle_name, doc.last_name].map(textOf).filter(Boolean).join(' ') || null;
    if (!textOf(doc.first_name) && !textOf(doc.company_name))
      throw new MandatoryError("A Lead needs a person's name (first_name) or an organisation name (company_name)", [
        { fieldname: 'first_name', message: "a person's first name or an organisation name (company_name) is required" },
      ]);
    if (textOf(doc.lead_owner) && textOf(doc.email_id) && textOf(doc.lead_owner).toLowerCase() === textOf(doc.email_id).toLowerCase())
      throw new ValidationError('Lead Owner cannot be the same as the Email Address of the lead', [
        { fieldname: 'lead_owner', message: 'may not be the lead itself (same as email_id)' },
      ]);
    const derived = await derivedLeadStatus(ctx.db, ctx.documents.registry, String(doc.name));
    if (derived) doc.status = derived;
    else if (DERIVED.has(textOf(doc.status)) || !textOf(doc.status)) {
      const before = textOf(ctx.previous?.status);
      doc.status = before && !DERIVED.has(before) ? before : ctx.previous ? 'Interested' : 'Lead';
    }
  },

  methods: {
    make_opportunity: {
      callable: true,
      label: 'Make Opportunity',
      handler: (doc: Doc, _args, ctx) => makeOpportunityFromLead(ctx.documents, String(doc.name)),
    },
    make_customer: {
      callable: true,
      label: 'Make Customer',
      async handler(doc: Doc, _args, ctx) {
        const store = ctx.documents;
        const existing = await ctx.db(store.registry.get('Customer').tableName).where('lead_name', String(doc.name)).first('name');
        if (existing)
          throw new ValidationError(`Lead ${doc.name} is already converted: Customer ${existing.name}`, [
            { fieldname: 'lead_name', message: `Customer ${existing.name} already has this lead` },
          ]);
        const company = textOf(doc.company_name);
        return store.insert('Customer', {
          customer_name: company || textOf(doc.lead_name) || String(doc.name),
          customer_type: company ? 'Company' : 'Individual',
          territory: doc.territory ?? null,
          industry: doc.industry ?? null,
          website: doc.website ?? null,
          lead_name: doc.name,
        });
      },
    },
  },
});
