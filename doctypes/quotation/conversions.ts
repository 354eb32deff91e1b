/**
 * Quotation -> Sales Order (ERPNext's make_sales_order). The quotation must be submitted, not lost and
 * not expired; a quotation to a Lead first gets that lead's Customer (reused when one already has
 * lead_name = the lead). The order is inserted as a draft for the user to review and submit. One
 * transaction: a failure leaves neither the customer nor the order.
 */
import { type Doc, type DocumentStore, hasValue, rowsOf, todayDate } from '../../core/document';
import { ValidationError } from '../../core/errors';
import { addDays } from '../shared/totals';

function refuse(message: string, fieldname: string): never {
  throw new ValidationError(message, [{ fieldname, message }]);
}

/** The Customer made from a Lead: the existing one (lead_name = the lead) or a new one. */
export async function customerFromLead(store: DocumentStore, leadName: string): Promise<string> {
  const table = store.registry.get('Customer').tableName;
  const existing = (await store.k(table).where('lead_name', leadName).orderBy('creation').first('name')) as { name?: string } | undefined;
  if (existing?.name) return existing.name;
  const lead = await store.get('Lead', leadName);
  const companyName = hasValue(lead.company_name) ? String(lead.company_name) : undefined;
  const customer = await store.insert('Customer', {
    customer_name: companyName ?? (hasValue(lead.lead_name) ? lead.lead_name : lead.name),
    customer_type: companyName ? 'Company' : 'Individual',
    lead_name: lead.name,
    ...(hasValue(lead.territory) ? { territory: lead.territory } : {}),
  });
  return String(customer.name);
}

export async function makeSalesOrderFromQuotation(store: DocumentStore, quotationName: string, args: Record<string, unknown> = {}): Promise<Doc> {
  return store.transaction(async (s) => {
    const quotation = await s.get('Quotation', quotationName);
    if (Number(quotation.docstatus) !== 1) refuse(`Quotation ${quotationName} must be submitted before it becomes a Sales Order`, 'docstatus');
    if (quotation.status === 'Lost') refuse(`Quotation ${quotationName} is Lost`, 'status');
    const today = todayDate();
    if (quotation.status === 'Expired' || (typeof quotation.valid_till === 'string' && quotation.valid_till && quotation.valid_till < today))
      refuse(`Quotation ${quotationName} expired on ${String(quotation.valid_till)}`, 'valid_till');
    const customer =
      quotation.quotation_to === 'Lead' ? await customerFromLead(s, String(quotation.party_name)) : String(quotation.party_name);
    const transactionDate = today;
    const deliveryDate = typeof args.delivery_date === 'string' && args.delivery_date ? args.delivery_date : addDays(transactionDate, 7);
    const copied: Record<string, unknown> = {};
    for (const field of ['currency', 'conversion_rate', 'campaign', 'source', 'contact_person', 'contact_email', 'customer_address', 'order_type', 'terms'])
      if (hasValue(quotation[field])) copied[field] = quotation[field];
    return s.insert('Sales Order', {
      ...copied,
      customer,
      company: quotation.company,
      quotation: quotation.name,
      transaction_date: transactionDate,
      delivery_date: deliveryDate,
      items: rowsOf(quotation, 'items').map((row) => {
        const item: Record<string, unknown> = { prevdoc_docname: quotation.name };
        for (const field of ['item_code', 'item_name', 'uom', 'qty', 'price_list_rate', 'discount_percentage', 'rate', 'description'])
          if (hasValue(row[field])) item[field] = row[field];
        return item;
      }),
    });
  });
}
