/**
 * ERPNext's daily `set_expired_status`: a submitted Quotation whose valid_till has passed, that is not
 * already Ordered, Partially Ordered, Lost or Expired, and that no submitted Sales Order takes (by its
 * quotation field or an item's prevdoc_docname), becomes Expired. One UPDATE with bound parameters;
 * like ERPNext it sets only the status (modified stays: nobody edited the quotation).
 */
import type { Executor } from '../../core/document';
import type { MetaRegistry } from '../../core/meta';

const SETTLED = ['Ordered', 'Partially Ordered', 'Lost', 'Expired'];

/** Marks the quotations expired as of `today` (YYYY-MM-DD; valid_till today is still valid); answers how many. */
export async function expireQuotations(db: Executor, registry: MetaRegistry, today: string): Promise<number> {
  const quotation = registry.get('Quotation').tableName;
  const order = registry.get('Sales Order').tableName;
  const orderItem = registry.get('Sales Order Item').tableName;
  const name = `${quotation}.name`;
  return db(quotation)
    .where('docstatus', 1)
    .where('valid_till', '<', today)
    .whereNotIn('status', SETTLED)
    .whereNotExists(db({ so: order }).select(db.raw('1')).whereRaw('?? = ??', ['so.quotation', name]).where('so.docstatus', 1))
    .whereNotExists(db({ soi: orderItem }).select(db.raw('1')).whereRaw('?? = ??', ['soi.prevdoc_docname', name]).where('soi.docstatus', 1))
    .update({ status: 'Expired' });
}
