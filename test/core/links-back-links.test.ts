/** Delete and cancel refuse while other documents (or their child rows) still point at a document. */
import { expect } from 'chai';
import { LinkExistsError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { rejectsWith } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  { name: 'BL Related', istable: 1, fields: [{ fieldname: 'customer', fieldtype: 'Link', options: 'BL Customer' }] },
  {
    name: 'BL Customer',
    autoname: 'field:customer_name',
    fields: [
      { fieldname: 'customer_name', fieldtype: 'Data', reqd: 1 },
      { fieldname: 'parent_customer', fieldtype: 'Link', options: 'BL Customer' },
      { fieldname: 'related', fieldtype: 'Table', options: 'BL Related' },
    ],
  },
  { name: 'BL Line', istable: 1, fields: [{ fieldname: 'customer', fieldtype: 'Link', options: 'BL Customer' }] },
  {
    name: 'BL Order',
    autoname: 'BLO-.####',
    is_submittable: 1,
    fields: [
      { fieldname: 'customer', fieldtype: 'Link', options: 'BL Customer' },
      { fieldname: 'contract', fieldtype: 'Link', options: 'BL Contract' },
      { fieldname: 'lines', fieldtype: 'Table', options: 'BL Line' },
    ],
  },
  { name: 'BL Contract', autoname: 'BLC-.####', is_submittable: 1, fields: [{ fieldname: 'title', fieldtype: 'Data' }] },
  {
    name: 'BL Note',
    autoname: 'BLN-.####',
    fields: [
      { fieldname: 'ref_type', fieldtype: 'Link', options: 'DocType' },
      { fieldname: 'ref_name', fieldtype: 'Dynamic Link', options: 'ref_type' },
    ],
  },
  {
    name: 'BL Settings',
    issingle: 1,
    fields: [
      { fieldname: 'default_type', fieldtype: 'Link', options: 'DocType' },
      { fieldname: 'default_name', fieldtype: 'Dynamic Link', options: 'default_type' },
    ],
  },
];

describe('links: back links on delete and cancel', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'backlinks' });
  });
  after(() => site.destroy());

  const customer = (customer_name: string) => site.documents.insert('BL Customer', { customer_name });
  const order = (values: Record<string, unknown>) => site.documents.insert('BL Order', values);

  it('a draft document linking to it blocks the delete, naming the linking document', async () => {
    await customer('Alpha');
    const linking = await order({ customer: 'Alpha' });
    const error = await rejectsWith(site.documents.delete('BL Customer', 'Alpha'), LinkExistsError);
    expect(error.message).to.contain('BL Order').and.contain(String(linking.name));
    expect(await site.documents.exists('BL Customer', 'Alpha')).to.equal(true);
    await site.documents.delete('BL Order', linking.name!);
    await site.documents.delete('BL Customer', 'Alpha');
    expect(await site.documents.exists('BL Customer', 'Alpha')).to.equal(false);
  });

  it('a child row of another document blocks it, reported as the parent document', async () => {
    await customer('Beta');
    const linking = await order({ lines: [{ customer: 'Beta' }] });
    const error = await rejectsWith(site.documents.delete('BL Customer', 'Beta'), LinkExistsError);
    expect(error.message).to.contain(`BL Order ${linking.name}`);
    expect(error.message).to.not.contain('BL Line');
  });

  it('a Dynamic Link blocks it, in a document and in a Single', async () => {
    await customer('Gamma');
    const note = await site.documents.insert('BL Note', { ref_type: 'BL Customer', ref_name: 'Gamma' });
    await rejectsWith(site.documents.delete('BL Customer', 'Gamma'), LinkExistsError);
    await site.documents.delete('BL Note', note.name!);
    await site.documents.insert('BL Settings', { default_type: 'BL Customer', default_name: 'Gamma' });
    const error = await rejectsWith(site.documents.delete('BL Customer', 'Gamma'), LinkExistsError);
    expect(error.message).to.contain('BL Settings');
    await site.documents.insert('BL Settings', { default_type: null, default_name: null });
    await site.documents.delete('BL Customer', 'Gamma');
  });

  it('cancelled documents do not block a delete', async () => {
    await customer('Delta');
    const linking = await order({ customer: 'Delta', lines: [{ customer: 'Delta' }], docstatus: 1 });
    await rejectsWith(site.documents.delete('BL Customer', 'Delta'), LinkExistsError);
    await site.documents.cancel('BL Order', linking.name!);
    await site.documents.delete('BL Customer', 'Delta');
  });

  it('one live document behind many cancelled ones still blocks it', async () => {
    await customer('Epsilon');
    for (let i = 0; i < 6; i++) {
      const cancelled = await order({ customer: 'Epsilon', lines: [{ customer: 'Epsilon' }], docstatus: 1 });
      await site.documents.cancel('BL Order', cancelled.name!);
    }
    const draft = await order({ customer: 'Epsilon' });
    const error = await rejectsWith(site.documents.delete('BL Customer', 'Epsilon'), LinkExistsError);
    expect(error.message).to.contain(String(draft.name));
    await site.documents.save('BL Order', draft.name!, { customer: null, lines: [{ customer: 'Epsilon' }] });
    await rejectsWith(site.documents.delete('BL Customer', 'Epsilon'), LinkExistsError);
  });

  it('its own links (a self reference, its own child rows) do not block it', async () => {
    await customer('Zeta');
    await site.documents.save('BL Customer', 'Zeta', { parent_customer: 'Zeta', related: [{ customer: 'Zeta' }] });
    await site.documents.delete('BL Customer', 'Zeta');
    expect(await site.documents.exists('BL Customer', 'Zeta')).to.equal(false);
  });

  it('another document of the same DocType does block it', async () => {
    await customer('Eta');
    await customer('Theta');
    await site.documents.save('BL Customer', 'Theta', { related: [{ customer: 'Eta' }] });
    const error = await rejectsWith(site.documents.delete('BL Customer', 'Eta'), LinkExistsError);
    expect(error.message).to.contain('BL Customer Theta');
  });

  it('force deletes despite links', async () => {
    await customer('Iota');
    await order({ customer: 'Iota' });
    await site.documents.delete('BL Customer', 'Iota', { force: true });
    expect(await site.documents.exists('BL Customer', 'Iota')).to.equal(false);
  });

  it('cancel is refused while a submitted document links to it, not for drafts', async () => {
    const contract = await site.documents.insert('BL Contract', { title: 'c', docstatus: 1 });
    const draft = await order({ contract: contract.name });
    const submitted = await order({ contract: contract.name, docstatus: 1 });
    const error = await rejectsWith(site.documents.cancel('BL Contract', contract.name!), LinkExistsError);
    expect(error.message).to.contain(String(submitted.name)).and.not.contain(String(draft.name));
    expect((await site.documents.get('BL Contract', contract.name!)).docstatus).to.equal(1);
    await site.documents.cancel('BL Order', submitted.name!);
    expect((await site.documents.cancel('BL Contract', contract.name!)).docstatus).to.equal(2);
  });
});
