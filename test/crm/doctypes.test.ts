/**
 * The CRM app's DocTypes (doctypes/, plus Contact, Address and their child tables in core/doctypes)
 * and its default records (fixtures/crm/defaults.ts): they load without problems, migrate, install
 * their defaults once, and every DocType takes a minimal valid document named as ERPNext names it.
 */
import { expect } from 'chai';
import { APP_FOLDERS } from '../../core/config';
import { formatDate } from '../../core/document/clock';
import { LinkValidationError, MandatoryError, PermissionError, UniqueValidationError, ValidationError } from '../../core/errors';
import { loadDocTypes } from '../../core/meta';
import { UserAccess } from '../../core/permissions';
import { getList } from '../../core/query/list';
import { migrate } from '../../core/site';
import { records as crmDefaults } from '../../fixtures/crm/defaults';
import { addUser } from '../fixtures/permissions/crm';
import { rejectsWith } from '../support/reject';
import { createTestSite, type TestSite } from '../support/site';

const CRM_DOCTYPES = [
  'Territory', 'Customer Group', 'Sales Person', 'Item Group', 'Sales Stage', 'Opportunity Lost Reason', 'Lead Source', 'Item',
  'Company', 'Campaign', 'Customer', 'Sales Team', 'Lead', 'Opportunity', 'Opportunity Item', 'Opportunity Lost Reason Detail',
  'Opportunity Stage Log', 'Quotation', 'Quotation Item', 'Sales Order', 'Sales Order Item', 'Sales Invoice', 'Sales Invoice Item',
  'Communication',
];
const CORE_CONTACT_DOCTYPES = ['Contact', 'Contact Email', 'Contact Phone', 'Dynamic Link', 'Address'];

/** How each DocType names its documents: the pattern its names must match (YYYY is this year). */
const SERIES: Record<string, string> = {
  Customer: 'CUST-YYYY-',
  Lead: 'CRM-LEAD-YYYY-',
  Opportunity: 'CRM-OPP-YYYY-',
  Quotation: 'SAL-QTN-YYYY-',
  'Sales Order': 'SAL-ORD-YYYY-',
  'Sales Invoice': 'ACC-SINV-YYYY-',
};

const TREES = [
  { doctype: 'Territory', parentField: 'parent_territory', root: 'All Territories' },
  { doctype: 'Customer Group', parentField: 'parent_customer_group', root: 'All Customer Groups' },
  { doctype: 'Sales Person', parentField: 'parent_sales_person', root: 'Sales Team' },
  { doctype: 'Item Group', parentField: 'parent_item_group', root: 'All Item Groups' },
];

describe('crm: doctypes load', () => {
  const result = loadDocTypes([
    { app: 'core', folder: APP_FOLDERS.core! },
    { app: 'crm', folder: APP_FOLDERS.crm! },
  ]);

  it('loads every CRM DocType with no errors and no warnings', () => {
    expect(result.errors.map((p) => `${p.file} ${p.field}: ${p.message}`)).to.deep.equal([]);
    expect(result.warnings.map((p) => `${p.file} ${p.field}: ${p.message}`)).to.deep.equal([]);
    for (const name of [...CRM_DOCTYPES, ...CORE_CONTACT_DOCTYPES]) expect(result.registry.has(name), name).to.equal(true);
  });

  it('puts the CRM DocTypes in the crm app and Contact, Address and their tables in core', () => {
    for (const name of CRM_DOCTYPES) expect(result.registry.get(name).app, name).to.equal('crm');
    for (const name of CORE_CONTACT_DOCTYPES) expect(result.registry.get(name).app, name).to.equal('core');
  });

  it('loads Contact and Address with the core app alone (they link to no CRM DocType)', () => {
    const core = loadDocTypes([{ app: 'core', folder: APP_FOLDERS.core! }]);
    expect(core.errors).to.deep.equal([]);
    for (const name of CORE_CONTACT_DOCTYPES) expect(core.registry.has(name), name).to.equal(true);
  });

  it('declares the trees with their parent field, and only document DocTypes carry permissions', () => {
    for (const { doctype, parentField } of TREES) {
      const meta = result.registry.get(doctype);
      expect(meta.isTree, doctype).to.equal(true);
      expect(meta.treeParentField, doctype).to.equal(parentField);
      for (const field of ['lft', 'rgt', 'old_parent']) expect(meta.getField(field)?.hidden, `${doctype}.${field}`).to.equal(true);
    }
    for (const name of [...CRM_DOCTYPES, ...CORE_CONTACT_DOCTYPES]) {
      const meta = result.registry.get(name);
      if (meta.istable) expect(meta.permissions, name).to.deep.equal([]);
      else expect(meta.permissions.map((p) => p.role), name).to.include.members(['System Manager', 'Sales Manager', 'Sales User']);
    }
  });

  it('makes Quotation, Sales Order and Sales Invoice submittable, and nothing else', () => {
    const submittable = result.registry.all().filter((m) => m.isSubmittable).map((m) => m.name).sort();
    expect(submittable).to.deep.equal(['Quotation', 'Sales Invoice', 'Sales Order']);
  });
});

describe('crm: a site with the crm app', () => {
  let site: TestSite;
  const year = formatDate(new Date()).slice(0, 4);
  const docs = () => site.documents;
  const seriesName = (doctype: string, n: number) => `${SERIES[doctype]!.replace('YYYY', year)}${String(n).padStart(5, '0')}`;

  before(async () => {
    site = await createTestSite({ apps: ['core', 'crm'], label: 'crm_doctypes' });
  });
  after(() => site.destroy());

  describe('migrate and default records', () => {
    it('loads with no warnings', () => {
      expect(site.warnings).to.deep.equal([]);
    });

    it('installs every default record', async () => {
      for (const record of crmDefaults) expect(await docs().exists(record.doctype, record.name), `${record.doctype} ${record.name}`).to.equal(true);
      expect(await docs().exists('Role', 'Sales User')).to.equal(true);
      expect(await docs().exists('Role', 'Sales Manager')).to.equal(true);
      const company = await docs().get('Company', 'Tabula Demo Ltd');
      expect({ abbr: company.abbr, currency: company.default_currency }).to.deep.equal({ abbr: 'TD', currency: 'EUR' });
    });

    it('builds each tree as one root with a correct nested set', async () => {
      for (const { doctype, parentField, root } of TREES) {
        const rows = (await site.db.knex(`tab${doctype}`).select('name', parentField, 'lft', 'rgt', 'is_group')) as Record<string, unknown>[];
        const nodes = new Map(rows.map((r) => [String(r.name), { parent: (r[parentField] as string) || null, lft: Number(r.lft), rgt: Number(r.rgt), group: Number(r.is_group) }]));
        const roots = [...nodes].filter(([, n]) => n.parent === null).map(([name]) => name);
        expect(roots, doctype).to.deep.equal([root]);
        expect(nodes.get(root), doctype).to.include({ lft: 1, rgt: nodes.size * 2, group: 1 });
        const bounds = [...nodes.values()].flatMap((n) => [n.lft, n.rgt]).sort((a, b) => a - b);
        expect(bounds, `${doctype}: bounds are 1..2n`).to.deep.equal(Array.from({ length: nodes.size * 2 }, (_, i) => i + 1));
        for (const [name, node] of nodes) {
          if (!node.parent) continue;
          const parent = nodes.get(node.parent)!;
          expect(parent.group, `${doctype} ${node.parent} is a group`).to.equal(1);
          expect(node.lft > parent.lft && node.rgt < parent.rgt, `${doctype} ${name} inside ${node.parent}`).to.equal(true);
        }
      }
    });

    it('puts the territories where a sales team expects them', async () => {
      const subtree = async (root: string) => {
        const node = (await site.db.knex('tabTerritory').where('name', root).first('lft', 'rgt')) as { lft: number; rgt: number };
        const rows = (await site.db.knex('tabTerritory').where('lft', '>', node.lft).andWhere('rgt', '<', node.rgt).orderBy('name').select('name')) as { name: string }[];
        return rows.map((r) => r.name);
      };
      expect(await subtree('Europe')).to.deep.equal(['France', 'Germany', 'United Kingdom']);
      expect(await subtree('Americas')).to.deep.equal(['United States']);
      expect(await docs().exists('Territory', 'Rest Of The World')).to.equal(true);
    });

    it('orders the eight sales stages 1..8 with increasing probability, and lists them in that order', async () => {
      const access = await UserAccess.load(site.db.knex, site.registry, 'Administrator');
      const { rows } = await getList({ k: site.db.knex, registry: site.registry, access }, 'Sales Stage', { fields: ['name', 'stage_order', 'probability'] });
      expect(rows.map((r) => r.name)).to.deep.equal([
        'Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Identifying Decision Makers', 'Perception Analysis',
        'Proposal/Price Quote', 'Negotiation/Review',
      ]);
      expect(rows.map((r) => Number(r.stage_order))).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
      const probabilities = rows.map((r) => Number(r.probability));
      expect(probabilities[0]).to.equal(10);
      expect(probabilities[7]).to.equal(90);
      for (let i = 1; i < probabilities.length; i++) expect(probabilities[i]!).to.be.above(probabilities[i - 1]!);
    });

    it('installs the lost reasons and lead sources', async () => {
      const names = async (doctype: string) => ((await site.db.knex(`tab${doctype}`).orderBy('name').select('name')) as { name: string }[]).map((r) => r.name);
      expect(await names('Opportunity Lost Reason')).to.deep.equal(['No budget', 'No response', 'Price too high', 'Product fit', 'Timing', 'Went with competitor']);
      expect(await names('Lead Source')).to.deep.equal(['Advertisement', 'Campaign', 'Cold Calling', 'Existing Customer', 'Referral', 'Trade Show', 'Website']);
    });

    it('a second migrate has no schema step and installs nothing', async () => {
      const log: string[] = [];
      const before = await site.db.knex('tabTerritory').count({ n: '*' });
      const plan = await migrate(site, (line) => log.push(line));
      expect(plan.steps).to.deep.equal([]);
      expect(log.filter((l) => l.includes('[defaults]'))).to.deep.equal([]);
      expect(await site.db.knex('tabTerritory').count({ n: '*' })).to.deep.equal(before);
    });

    it('leaves a default record a user changed as it is', async () => {
      await docs().save('Sales Stage', 'Qualification', { probability: 25 });
      await migrate(site);
      expect(Number((await docs().get('Sales Stage', 'Qualification')).probability)).to.equal(25);
      await docs().save('Sales Stage', 'Qualification', { probability: 20 });
    });
  });

  describe('masters', () => {
    it('names masters by their name field and refuses a child under a leaf node', async () => {
      const person = await docs().insert('Sales Person', { sales_person_name: 'Anna Berg', parent_sales_person: 'Sales Team', commission_rate: 5 });
      expect(person.name).to.equal('Anna Berg');
      expect(Number(person.enabled)).to.equal(1);
      await rejectsWith(docs().insert('Territory', { territory_name: 'Berlin', parent_territory: 'Germany' }), ValidationError);
      const item = await docs().insert('Item', { item_code: 'WIDGET-1', item_name: 'Widget', item_group: 'Products', standard_rate: 100 });
      expect({ name: item.name, uom: item.stock_uom }).to.deep.equal({ name: 'WIDGET-1', uom: 'Nos' });
      await rejectsWith(docs().insert('Item', { item_code: 'WIDGET-2', item_name: 'Widget 2' }), MandatoryError);
      const campaign = await docs().insert('Campaign', { campaign_name: 'Spring Fair', start_date: `${year}-03-01`, end_date: `${year}-03-31`, budget: 5000 });
      expect({ name: campaign.name, status: campaign.status }).to.deep.equal({ name: 'Spring Fair', status: 'Planned' });
      await rejectsWith(docs().insert('Sales Stage', { stage_name: 'Unordered' }), MandatoryError);
    });
  });

  describe('documents take minimal valid values and are named by their series', () => {
    let lead: string;
    let customer: string;
    let contact: string;
    let opportunity: string;
    let quotation: string;
    let order: string;

    it('Contact: with emails and numbers; named by the person', async () => {
      const doc = await docs().insert('Contact', {
        first_name: 'Jane',
        last_name: 'Roe',
        // The header copies of the primaries (a controller keeps them in step with the tables).
        email_id: 'jane@roe.example',
        mobile_no: '+49 170 1234567',
        email_ids: [{ email_id: 'jane@roe.example', is_primary: 1 }],
        phone_nos: [{ phone: '+49 170 1234567', is_primary_mobile_no: 1 }],
      });
      contact = String(doc.name);
      expect(contact).to.equal('Jane Roe');
      expect(doc.status).to.equal('Passive');
      const stored = await docs().get('Contact', contact);
      expect((stored.email_ids as Record<string, unknown>[]).map((r) => r.email_id)).to.deep.equal(['jane@roe.example']);
      await rejectsWith(docs().insert('Contact', { last_name: 'Nofirst' }), MandatoryError);
      await rejectsWith(docs().insert('Contact', { first_name: 'Bad', email_ids: [{ email_id: 'not-an-email' }] }), ValidationError);
    });

    it('Lead: CRM-LEAD-YYYY-#####, status Lead, a person or an organisation required, unique email', async () => {
      const doc = await docs().insert('Lead', { first_name: 'Max', last_name: 'Muster', email_id: 'max@muster.example', source: 'Website', territory: 'Germany' });
      lead = String(doc.name);
      expect(lead).to.equal(seriesName('Lead', 1));
      expect({ status: doc.status, owner: doc.lead_owner, qualification: doc.qualification_status }).to.deep.equal({ status: 'Lead', owner: 'Administrator', qualification: 'Unqualified' });
      const org = await docs().insert('Lead', { company_name: 'Muster GmbH' });
      expect(org.name).to.equal(seriesName('Lead', 2));
      await docs().insert('Lead', { company_name: 'No Email AG' });
      await rejectsWith(docs().insert('Lead', { last_name: 'Only' }), MandatoryError);
      await rejectsWith(docs().insert('Lead', { first_name: 'Dup', email_id: 'max@muster.example' }), UniqueValidationError);
      await rejectsWith(docs().insert('Lead', { first_name: 'Bad', source: 'Carrier Pigeon' }), LinkValidationError);
    });

    it('Customer: CUST-YYYY-#####, in a territory and group, mobile and email fetched from the primary contact', async () => {
      const doc = await docs().insert('Customer', {
        customer_name: 'Roe Industries',
        customer_group: 'Commercial',
        territory: 'Germany',
        lead_name: lead,
        sales_team: [{ sales_person: 'Anna Berg', allocated_percentage: 100 }],
      });
      customer = String(doc.name);
      // The primary contact must be one of the customer's own contacts.
      const storedContact = await docs().get('Contact', contact);
      await docs().save('Contact', contact, { links: [{ link_doctype: 'Customer', link_name: customer }], modified: storedContact.modified });
      const saved = await docs().save('Customer', customer, { customer_primary_contact: contact });
      expect({ mobile: saved.mobile_no, email: saved.email_id }).to.deep.equal({ mobile: '+49 170 1234567', email: 'jane@roe.example' });
      expect(customer).to.equal(seriesName('Customer', 1));
      expect(doc.naming_series).to.equal('CUST-.YYYY.-');
      expect(doc.customer_type).to.equal('Company');
      const stored = await docs().get('Customer', customer);
      expect((stored.sales_team as Record<string, unknown>[])[0]).to.include({ sales_person: 'Anna Berg' });
      expect(Number((stored.sales_team as Record<string, unknown>[])[0]!.commission_rate)).to.equal(5);
      await rejectsWith(docs().insert('Customer', { customer_group: 'Commercial' }), MandatoryError);
      await rejectsWith(docs().insert('Customer', { customer_name: 'X', customer_type: 'Robot' }), ValidationError);
    });

    it('Address: linked to the customer through Dynamic Link rows', async () => {
      const doc = await docs().insert('Address', {
        address_title: 'Roe Industries',
        address_type: 'Billing',
        address_line1: 'Hauptstraße 5',
        city: 'Köln',
        country: 'Germany',
        links: [{ link_doctype: 'Customer', link_name: customer }],
      });
      expect(doc.name).to.equal('Roe Industries-Billing');
      await rejectsWith(docs().insert('Address', { address_type: 'Billing', address_line1: 'X 1', city: 'Y', country: 'Germany', links: [{ link_doctype: 'Customer', link_name: 'CUST-NOPE' }] }), LinkValidationError);
      await rejectsWith(docs().insert('Address', { address_type: 'Billing', city: 'Y', country: 'Germany' }), MandatoryError);
    });

    it('Opportunity: CRM-OPP-YYYY-#####, from a Lead, starting at Prospecting with its probability', async () => {
      const doc = await docs().insert('Opportunity', {
        opportunity_from: 'Lead',
        party_name: lead,
        customer_name: 'Max Muster',
        opportunity_amount: 12000,
        items: [{ item_code: 'WIDGET-1', qty: 3 }],
      });
      opportunity = String(doc.name);
      expect(opportunity).to.equal(seriesName('Opportunity', 1));
      expect({ status: doc.status, stage: doc.sales_stage, probability: Number(doc.probability), date: doc.transaction_date }).to.deep.equal({
        status: 'Open',
        stage: 'Prospecting',
        probability: 10,
        date: formatDate(new Date()),
      });
      const row = (doc.items as Record<string, unknown>[])[0]!;
      expect({ name: row.item_name, group: row.item_group, rate: Number(row.rate) }).to.deep.equal({ name: 'Widget', group: 'Products', rate: 100 });
      await rejectsWith(docs().insert('Opportunity', { opportunity_from: 'Lead', party_name: 'CRM-LEAD-NOPE' }), LinkValidationError);
      await rejectsWith(docs().insert('Opportunity', { opportunity_from: 'Lead' }), MandatoryError);
    });

    it('Opportunity: Lost needs a lost reason; with one it is accepted', async () => {
      const doc = await docs().insert('Opportunity', { opportunity_from: 'Customer', party_name: customer });
      await rejectsWith(docs().save('Opportunity', String(doc.name), { status: 'Lost' }), ValidationError);
      const lost = await docs().save('Opportunity', String(doc.name), { status: 'Lost', lost_reasons: [{ lost_reason: 'Price too high' }] });
      expect((lost.lost_reasons as Record<string, unknown>[]).map((r) => r.lost_reason)).to.deep.equal(['Price too high']);
    });

    it('Quotation: SAL-QTN-YYYY-#####, item names fetched, submittable', async () => {
      const doc = await docs().insert('Quotation', {
        quotation_to: 'Customer',
        party_name: customer,
        opportunity,
        company: 'Tabula Demo Ltd',
        items: [{ item_code: 'WIDGET-1', qty: 2, rate: 90 }],
      });
      quotation = String(doc.name);
      expect(quotation).to.equal(seriesName('Quotation', 1));
      expect(doc.status).to.equal('Draft');
      const row = (doc.items as Record<string, unknown>[])[0]!;
      expect({ name: row.item_name, group: row.item_group, qty: Number(row.qty) }).to.deep.equal({ name: 'Widget', group: 'Products', qty: 2 });
      const submitted = await docs().submit('Quotation', quotation);
      expect(submitted.docstatus).to.equal(1);
      await rejectsWith(docs().insert('Quotation', { party_name: customer, company: 'Tabula Demo Ltd', items: [] }), MandatoryError);
    });

    it('Sales Order: SAL-ORD-YYYY-#####, customer name, territory and group fetched from the customer', async () => {
      const today = formatDate(new Date());
      const doc = await docs().insert('Sales Order', {
        customer,
        company: 'Tabula Demo Ltd',
        delivery_date: today,
        quotation,
        items: [{ item_code: 'WIDGET-1', qty: 2, rate: 90, prevdoc_docname: quotation }],
        sales_team: [{ sales_person: 'Anna Berg', allocated_percentage: 100 }],
      });
      order = String(doc.name);
      expect(order).to.equal(seriesName('Sales Order', 1));
      expect({ name: doc.customer_name, territory: doc.territory, group: doc.customer_group, date: doc.transaction_date, type: doc.order_type, currency: doc.currency }).to.deep.equal({
        name: 'Roe Industries',
        territory: 'Germany',
        group: 'Commercial',
        date: today,
        type: 'Sales',
        currency: 'EUR',
      });
      expect((doc.items as Record<string, unknown>[])[0]).to.include({ item_name: 'Widget' });
      expect((await docs().submit('Sales Order', order)).docstatus).to.equal(1);
      await rejectsWith(docs().insert('Sales Order', { customer, company: 'Tabula Demo Ltd', items: [{ item_code: 'WIDGET-1' }] }), MandatoryError);
      await rejectsWith(docs().insert('Sales Order', { customer, company: 'Tabula Demo Ltd', delivery_date: today, items: [] }), MandatoryError);
    });

    it('Sales Invoice: ACC-SINV-YYYY-#####, posting date today, against the order', async () => {
      const doc = await docs().insert('Sales Invoice', {
        customer,
        company: 'Tabula Demo Ltd',
        sales_order: order,
        items: [{ item_code: 'WIDGET-1', qty: 2, rate: 90, sales_order: order }],
      });
      expect(doc.name).to.equal(seriesName('Sales Invoice', 1));
      expect({ date: doc.posting_date, status: doc.status, territory: doc.territory, is_return: Number(doc.is_return) }).to.deep.equal({
        date: formatDate(new Date()),
        status: 'Draft',
        territory: 'Germany',
        is_return: 0,
      });
      await rejectsWith(docs().insert('Sales Invoice', { customer, company: 'Tabula Demo Ltd', is_return: 1, items: [{ item_code: 'WIDGET-1', qty: -1 }] }), MandatoryError);
    });

    it('Communication: logged against an opportunity, dated now, hash named', async () => {
      const doc = await docs().insert('Communication', {
        subject: 'Intro call',
        sent_or_received: 'Sent',
        communication_medium: 'Phone',
        reference_doctype: 'Opportunity',
        reference_name: opportunity,
      });
      expect(String(doc.name)).to.match(/^[0-9a-v]{10}$/);
      expect(String(doc.communication_date)).to.match(new RegExp(`^${formatDate(new Date())} `));
      await rejectsWith(docs().insert('Communication', { subject: 'x', sent_or_received: 'Sent', reference_doctype: 'Opportunity', reference_name: 'CRM-OPP-NOPE' }), LinkValidationError);
      await rejectsWith(docs().insert('Communication', { sent_or_received: 'Received' }), MandatoryError);
    });

    it('numbers continue per series', async () => {
      expect((await docs().insert('Customer', { customer_name: 'Second Customer' })).name).to.equal(seriesName('Customer', 2));
    });
  });

  describe('permissions', () => {
    const MASTERS = ['Territory', 'Customer Group', 'Sales Person', 'Item Group', 'Sales Stage', 'Opportunity Lost Reason', 'Lead Source', 'Item', 'Company', 'Campaign'];
    const TRANSACTIONS = ['Customer', 'Contact', 'Address', 'Lead', 'Opportunity', 'Quotation', 'Sales Order', 'Sales Invoice', 'Communication'];
    let salesUser: UserAccess;
    let salesManager: UserAccess;
    let guest: UserAccess;

    before(async () => {
      await addUser(docs(), 'rep@crm.example', ['Sales User']);
      await addUser(docs(), 'boss@crm.example', ['Sales Manager']);
      salesUser = await UserAccess.load(site.db.knex, site.registry, 'rep@crm.example');
      salesManager = await UserAccess.load(site.db.knex, site.registry, 'boss@crm.example');
      guest = await UserAccess.load(site.db.knex, site.registry, 'Guest');
    });

    it('a Sales User reads every master but changes none of them', async () => {
      for (const doctype of MASTERS) {
        const meta = site.registry.get(doctype);
        expect(salesUser.can(meta, 'read'), `${doctype} read`).to.equal(true);
        expect(salesUser.can(meta, 'write') || salesUser.can(meta, 'create') || salesUser.can(meta, 'delete'), `${doctype} write`).to.equal(false);
      }
      const { rows } = await getList({ k: site.db.knex, registry: site.registry, access: salesUser }, 'Territory', { fields: ['name'], limit: 0 });
      expect(rows.length).to.equal(9);
    });

    it('a Sales User creates and edits transactions but deletes none; submits quotations and orders', async () => {
      for (const doctype of TRANSACTIONS) {
        const meta = site.registry.get(doctype);
        for (const right of ['read', 'write', 'create'] as const) expect(salesUser.can(meta, right), `${doctype} ${right}`).to.equal(true);
        expect(salesUser.can(meta, 'delete'), `${doctype} delete`).to.equal(false);
        if (meta.isSubmittable) {
          expect(salesUser.can(meta, 'submit'), `${doctype} submit`).to.equal(true);
          expect(salesUser.can(meta, 'cancel'), `${doctype} cancel`).to.equal(false);
        }
      }
      const store = docs().as({ user: 'rep@crm.example' }, salesUser);
      const made = await store.insert('Customer', { customer_name: 'Rep Customer', territory: 'France' });
      expect(made.owner).to.equal('rep@crm.example');
      await rejectsWith(store.delete('Customer', String(made.name)), PermissionError);
      await rejectsWith(store.insert('Territory', { territory_name: 'Spain', parent_territory: 'Europe' }), PermissionError);
    });

    it('a Sales Manager may also delete, cancel and amend', () => {
      for (const doctype of [...MASTERS.filter((d) => d !== 'Company'), ...TRANSACTIONS]) {
        const meta = site.registry.get(doctype);
        expect(salesManager.can(meta, 'delete'), `${doctype} delete`).to.equal(true);
        if (meta.isSubmittable) for (const right of ['submit', 'cancel', 'amend'] as const) expect(salesManager.can(meta, right), `${doctype} ${right}`).to.equal(true);
      }
      expect(salesManager.can(site.registry.get('Company'), 'write')).to.equal(false);
    });

    it('a Guest has no right on any CRM DocType', () => {
      for (const doctype of [...MASTERS, ...TRANSACTIONS]) expect(guest.can(site.registry.get(doctype), 'read'), doctype).to.equal(false);
    });
  });
});
