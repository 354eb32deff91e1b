/**
 * The CRM's currency and country fields are Links to the core app's Currency and Country (as in
 * ERPNext): a value that names no such record is refused with a LinkValidationError naming the field,
 * on insert and on the bulk path the demo uses; a known one typed in another case is stored as the
 * record's own name ('eur' -> 'EUR').
 */
import { expect } from 'chai';
import type { DocumentStore } from '../../core/document';
import { LinkValidationError } from '../../core/errors';
import { rejectsWith } from '../support/reject';
import { createTestSite, type TestSite } from '../support/site';

type Row = Record<string, unknown>;

describe('crm: currency and country link to the core Currency and Country', () => {
  let site: TestSite;
  let customer: string;
  let lead: string;
  const docs = (): DocumentStore => site.documents;

  before(async () => {
    site = await createTestSite({ apps: ['core', 'crm'], label: 'crm_core_links' });
    await docs().insert('Item', { item_code: 'LINK-ITEM', item_name: 'Link Item', item_group: 'Products', stock_uom: 'Nos', standard_rate: 10 });
    customer = String((await docs().insert('Customer', { customer_name: 'Link Customer' })).name);
    lead = String((await docs().insert('Lead', { first_name: 'Link', last_name: 'Lead' })).name);
  });
  after(() => site?.destroy());

  const items = () => [{ item_code: 'LINK-ITEM', qty: 1, rate: 10 }];
  let made = 0;
  /** A minimal valid document of each DocType, without the field under test. */
  const BASE: Record<string, () => Row> = {
    Company: () => ({ company_name: `Link Co ${++made}`, abbr: `LC${made}` }),
    Customer: () => ({ customer_name: 'Another Customer' }),
    Lead: () => ({ first_name: 'Other', last_name: 'Lead' }),
    Opportunity: () => ({ opportunity_from: 'Lead', party_name: lead, items: items() }),
    Quotation: () => ({ quotation_to: 'Customer', party_name: customer, company: 'Tabula Demo Ltd', items: items() }),
    'Sales Order': () => ({ customer, company: 'Tabula Demo Ltd', delivery_date: '2099-01-01', items: items() }),
    'Sales Invoice': () => ({ customer, company: 'Tabula Demo Ltd', items: items() }),
    Address: () => ({ address_title: `Link Address ${++made}`, address_type: 'Billing', address_line1: '1 Link Street', city: 'Berlin' }),
  };
  const FIELDS: { doctype: string; fieldname: string; target: 'Currency' | 'Country'; typed: string; stored: string }[] = [
    { doctype: 'Company', fieldname: 'default_currency', target: 'Currency', typed: 'usd', stored: 'USD' },
    { doctype: 'Company', fieldname: 'country', target: 'Country', typed: 'germany', stored: 'Germany' },
    { doctype: 'Customer', fieldname: 'default_currency', target: 'Currency', typed: 'chf', stored: 'CHF' },
    { doctype: 'Lead', fieldname: 'country', target: 'Country', typed: 'UNITED KINGDOM', stored: 'United Kingdom' },
    { doctype: 'Opportunity', fieldname: 'currency', target: 'Currency', typed: 'eur', stored: 'EUR' },
    { doctype: 'Quotation', fieldname: 'currency', target: 'Currency', typed: 'gbp', stored: 'GBP' },
    { doctype: 'Sales Order', fieldname: 'currency', target: 'Currency', typed: 'eur', stored: 'EUR' },
    { doctype: 'Sales Invoice', fieldname: 'currency', target: 'Currency', typed: 'jpy', stored: 'JPY' },
    { doctype: 'Address', fieldname: 'country', target: 'Country', typed: 'france', stored: 'France' },
  ];

  it('declares each field as a Link to the core DocType', () => {
    for (const { doctype, fieldname, target } of FIELDS) {
      const field = site.registry.get(doctype).getField(fieldname);
      expect({ fieldtype: field?.fieldtype, options: field?.options }, `${doctype}.${fieldname}`).to.deep.equal({ fieldtype: 'Link', options: target });
    }
  });

  for (const { doctype, fieldname, target, typed, stored } of FIELDS) {
    it(`${doctype}.${fieldname}: an unknown ${target} is refused naming the field; '${typed}' is stored as '${stored}'`, async () => {
      const error = await rejectsWith(docs().insert(doctype, { ...BASE[doctype]!(), [fieldname]: 'Atlantis' }), LinkValidationError);
      expect(error.errors.map((e) => e.fieldname)).to.deep.equal([fieldname]);
      expect(error.message).to.contain('Atlantis');
      const doc = await docs().insert(doctype, { ...BASE[doctype]!(), [fieldname]: typed });
      expect(doc[fieldname]).to.equal(stored);
      const row = (await site.db.knex(`tab${doctype}`).where('name', doc.name as string).first(fieldname)) as Row;
      expect(row[fieldname]).to.equal(stored);
    });
  }

  it('the bulk path (the demo data) refuses an unknown currency by row and field, and normalises a known one', async () => {
    const error = await rejectsWith(docs().bulkInsert('Sales Order', [{ ...BASE['Sales Order']!(), currency: 'eur' }, { ...BASE['Sales Order']!(), currency: 'XXX' }]), LinkValidationError);
    expect(error.errors.map((e) => e.fieldname)).to.deep.equal(['currency']);
    expect(error.message).to.contain('XXX');
    const [name] = await docs().bulkInsert('Lead', [{ first_name: 'Bulk', country: 'switzerland' }]);
    expect((await docs().get('Lead', String(name))).country).to.equal('Switzerland');
  });

  it('defaults to a currency that exists: EUR', async () => {
    expect(await docs().exists('Currency', 'EUR')).to.equal(true);
    const order = await docs().insert('Sales Order', BASE['Sales Order']!());
    expect(order.currency).to.equal('EUR');
  });
});
