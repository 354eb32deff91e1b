/**
 * Address (Frappe's frappe/contacts/doctype/address): named "<address_title>-<address_type>", the title
 * defaulting to the first link's name, numbered "-1", "-2", ... on a clash. Each party (Dynamic Link
 * target) has at most one preferred billing address (is_primary_address) and one preferred shipping
 * address (is_shipping_address): as in Frappe (validate_preferred_address / update_preferred_address),
 * marking an address preferred clears the flag on the party's other addresses rather than refusing.
 */
import { MandatoryError } from '../../errors';
import { defineController, textOf, type Doc } from '../../document';
import { uniqueName } from '../contact/contact';

type Row = Record<string, unknown>;
const PREFERRED = ['is_primary_address', 'is_shipping_address'] as const;

function linksOf(doc: Doc): Row[] {
  return Array.isArray(doc.links) ? (doc.links as Row[]) : [];
}

export default defineController({
  async autoname(doc, ctx) {
    if (!textOf(doc.address_title)) doc.address_title = linksOf(doc).map((row) => textOf(row.link_name)).find(Boolean) ?? null;
    const title = textOf(doc.address_title);
    if (!title)
      throw new MandatoryError('Address Title is mandatory (or link the address to a party)', [
        { fieldname: 'address_title', message: 'required when the address has no links' },
      ]);
    return uniqueName(ctx.db, ctx.meta.tableName, `${title}-${textOf(doc.address_type) || 'Other'}`);
  },

  async on_update(doc, ctx) {
    const links = linksOf(doc).filter((row) => textOf(row.link_doctype) && textOf(row.link_name));
    if (!links.length) return;
    const linkTable = ctx.documents.registry.get('Dynamic Link').tableName;
    for (const flag of PREFERRED) {
      if (!Number(doc[flag] ?? 0)) continue;
      for (const link of links) {
        const others = ctx.db(linkTable)
          .where({ parenttype: 'Address', link_doctype: textOf(link.link_doctype), link_name: textOf(link.link_name) })
          .whereNot('parent', String(doc.name))
          .select('parent');
        await ctx.db(ctx.meta.tableName).whereIn('name', others).andWhere(flag, 1).update({ [flag]: 0 });
      }
    }
  },
});
