/**
 * Customer (ERPNext's erpnext/selling/doctype/customer): the sales team totals 100%; the primary contact
 * must be a Contact linked to this customer; a Customer with lead_name converts that Lead (its status
 * becomes Converted and the lead's contacts and addresses are linked to the customer too); deleting the
 * customer recomputes the lead's status (Interested when nothing else holds, as ERPNext sets it).
 */
import { ValidationError } from '../../core/errors';
import { defineController, textOf, type Doc, type HookContext } from '../../core/document';
import { refreshLeadStatus } from '../lead/lead';
import { applySalesTeam } from '../shared/sales-team';

type Row = Record<string, unknown>;

/** Adds a Dynamic Link to the customer on every Contact and Address linked to the lead. */
async function linkLeadContactsAndAddresses(doc: Doc, ctx: HookContext, lead: string): Promise<void> {
  const linkTable = ctx.documents.registry.get('Dynamic Link').tableName;
  const rows: { parent: string; parenttype: string }[] = await ctx.db(linkTable)
    .whereIn('parenttype', ['Contact', 'Address'])
    .where({ link_doctype: 'Lead', link_name: lead })
    .distinct('parent', 'parenttype');
  for (const { parent, parenttype } of rows) {
    const linked = await ctx.documents.get(parenttype, parent);
    const links = (linked.links as Row[] | undefined) ?? [];
    if (links.some((l) => l.link_doctype === 'Customer' && l.link_name === doc.name)) continue;
    await ctx.documents.save(parenttype, parent, {
      links: [...links.map((l) => ({ link_doctype: l.link_doctype, link_name: l.link_name })), { link_doctype: 'Customer', link_name: doc.name }],
    });
  }
}

export default defineController({
  async validate(doc, ctx) {
    applySalesTeam(doc, undefined);
    const contact = textOf(doc.customer_primary_contact);
    if (contact) {
      const linked = await ctx.db(ctx.documents.registry.get('Dynamic Link').tableName)
        .where({ parenttype: 'Contact', parent: contact, link_doctype: 'Customer', link_name: String(doc.name) })
        .first('name');
      if (!linked)
        throw new ValidationError(`Contact ${contact} is not linked to Customer ${doc.name}`, [
          { fieldname: 'customer_primary_contact', message: `Contact ${contact} has no link to this customer` },
        ]);
    }
  },

  async on_update(doc, ctx) {
    const lead = textOf(doc.lead_name);
    const before = textOf(ctx.previous?.lead_name);
    if (lead && lead !== before) await linkLeadContactsAndAddresses(doc, ctx, lead);
    if (before && before !== lead) await refreshLeadStatus(ctx.documents, before);
    if (lead) await refreshLeadStatus(ctx.documents, lead);
  },

  async after_delete(doc, ctx) {
    await refreshLeadStatus(ctx.documents, doc.lead_name);
  },
});
