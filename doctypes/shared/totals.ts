/**
 * Totals of the selling documents (Quotation, Sales Order, Sales Invoice) and of Opportunity items,
 * computed on the server from the items: whatever a client sends for a computed field is overwritten.
 * No taxes: grand_total = net_total. base_* values are in the company currency (× conversion_rate).
 */
import { type Doc, type HookContext, rowsOf } from '../../core/document';

// Kept here for the modules that import it from the selling helpers; core/document owns it.
export { addDays } from '../../core/document';
import { rowToDoc, selectRow } from '../../core/document/persist';
import { ValidationError } from '../../core/errors';
import { money } from './sales-team';

function num(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function rateOf(doc: Doc): number {
  const rate = Number(doc.conversion_rate);
  return Number.isFinite(rate) && rate > 0 ? rate : 1;
}

/** Quotation, Sales Order, Sales Invoice: item amounts and the document totals. */
export function applySellingTotals(doc: Doc): void {
  const conversion = rateOf(doc);
  doc.conversion_rate = conversion;
  let totalQty = 0;
  let netTotal = 0;
  for (const item of rowsOf(doc, 'items')) {
    const qty = num(item.qty);
    // As ERPNext's calculate_item_values: a given rate is the selling price (the discount is then
    // informational); without one, the rate is the list price less the discount.
    const given = item.rate === null || item.rate === undefined || item.rate === '' || num(item.rate) === 0 ? undefined : num(item.rate);
    const discount = num(item.discount_percentage);
    const rate = discount === 100 ? 0 : given ?? money(num(item.price_list_rate) * (1 - discount / 100));
    item.rate = rate;
    const amount = money(qty * rate);
    const netRate = rate;
    Object.assign(item, {
      amount,
      net_rate: netRate,
      net_amount: amount,
      base_rate: money(rate * conversion),
      base_amount: money(amount * conversion),
      base_net_amount: money(amount * conversion),
    });
    totalQty += qty;
    netTotal += amount;
  }
  netTotal = money(netTotal);
  Object.assign(doc, {
    total_qty: totalQty,
    net_total: netTotal,
    base_net_total: money(netTotal * conversion),
    grand_total: netTotal,
    base_grand_total: money(netTotal * conversion),
  });
}

/** Opportunity: item amounts, the items' total, and opportunity_amount from the items when there are any. */
export function applyOpportunityTotals(doc: Doc): void {
  const conversion = rateOf(doc);
  const items = rowsOf(doc, 'items');
  let total = 0;
  for (const item of items) {
    const amount = money(num(item.qty) * num(item.rate));
    Object.assign(item, { amount, base_rate: money(num(item.rate) * conversion), base_amount: money(amount * conversion) });
    total += amount;
  }
  total = money(total);
  doc.total = total;
  doc.base_total = money(total * conversion);
  if (items.length > 0) doc.opportunity_amount = total;
  doc.base_opportunity_amount = money(num(doc.opportunity_amount) * conversion);
}

/** A stored record's own fields read inside the hook's transaction, without the acting user's read check (the rules need them). */
export async function readRecord(ctx: HookContext, doctype: string, name: unknown): Promise<Doc | undefined> {
  if (typeof name !== 'string' || !name) return undefined;
  const meta = ctx.documents.registry.get(doctype);
  const row = await selectRow(ctx.db, meta, name);
  return row ? rowToDoc(meta, row) : undefined;
}

/** The display name of a Customer or Lead party: Customer.customer_name, Lead.company_name or lead_name. */
export async function partyDisplayName(ctx: HookContext, partyType: unknown, party: unknown): Promise<string | undefined> {
  if (partyType !== 'Customer' && partyType !== 'Lead') return undefined;
  const record = await readRecord(ctx, partyType, party);
  if (!record) return undefined;
  const name = partyType === 'Customer' ? record.customer_name : record.company_name || record.lead_name;
  return typeof name === 'string' && name ? name : undefined;
}

/** Rejects a party type other than Customer or Lead. */
export function assertPartyType(value: unknown, fieldname: string): void {
  if (value === 'Customer' || value === 'Lead') return;
  throw new ValidationError(`${fieldname} must be Customer or Lead, not ${String(value ?? '')}`, [
    { fieldname, message: `must be Customer or Lead, not ${String(value ?? '')}` },
  ]);
}

/** Rejects `later` before `earlier` (both YYYY-MM-DD). */
export function assertNotBefore(doc: Doc, later: string, earlier: string, message: string): void {
  const a = doc[later];
  const b = doc[earlier];
  if (typeof a === 'string' && a && typeof b === 'string' && b && a.slice(0, 10) < b.slice(0, 10))
    throw new ValidationError(message, [{ fieldname: later, message }]);
}

/** Adds `days` to a YYYY-MM-DD date. */

/**
 * Sets `status` on a stored document through the acting user's store (so permissions and validation
 * apply and `modified` moves). A submitted document takes it as an update after submit.
 */
export async function setStatus(ctx: HookContext, doctype: string, name: unknown, status: string, onlyIf?: (current: Doc) => boolean): Promise<void> {
  const current = await readRecord(ctx, doctype, name);
  if (!current || Number(current.docstatus) === 2 || current.status === status) return;
  if (onlyIf && !onlyIf(current)) return;
  await ctx.documents.save(doctype, String(name), { status });
}
