/** Defaults for new documents and their rows: literals, Today, now, __user, Check and Select. */
import { expect } from 'chai';
import { todayDate } from '../../core/document';
import type { DocTypeDef } from '../../core/meta';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'DF Row',
    istable: 1,
    fields: [
      { fieldname: 'enabled', fieldtype: 'Check', default: 1 },
      { fieldname: 'qty', fieldtype: 'Int', default: '3' },
      { fieldname: 'uom', fieldtype: 'Select', options: 'Nos\nKg' },
      { fieldname: 'note', fieldtype: 'Data' },
    ],
  },
  {
    name: 'DF Ticket',
    autoname: 'DF-.####',
    fields: [
      { fieldname: 'subject', fieldtype: 'Data', default: 'No subject' },
      { fieldname: 'qty', fieldtype: 'Int', default: 5 },
      { fieldname: 'rate', fieldtype: 'Float', default: '2.5' },
      { fieldname: 'opened_on', fieldtype: 'Date', default: 'Today' },
      { fieldname: 'opened_at', fieldtype: 'Datetime', default: 'now' },
      { fieldname: 'opened_time', fieldtype: 'Time', default: 'now' },
      { fieldname: 'raised_by', fieldtype: 'Link', options: 'User', default: '__user' },
      { fieldname: 'notify', fieldtype: 'Check', default: 1 },
      { fieldname: 'archived', fieldtype: 'Check' },
      { fieldname: 'status', fieldtype: 'Select', options: 'Open\nReplied\nClosed' },
      { fieldname: 'priority', fieldtype: 'Select', options: '\nLow\nHigh' },
      { fieldname: 'channel', fieldtype: 'Select', options: 'Mail\nPhone\nChat', default: 'Chat' },
      { fieldname: 'rows', fieldtype: 'Table', options: 'DF Row' },
    ],
  },
];

describe('validation: defaults', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'vdefaults' });
  });
  after(() => site.destroy());

  it('fills literal defaults, typed like input', async () => {
    const doc = await site.documents.insert('DF Ticket', {});
    expect(doc).to.include({ subject: 'No subject', qty: 5, rate: 2.5, notify: 1, archived: 0 });
  });

  it('Today is the current date and now the current datetime / time', async () => {
    const before = new Date();
    const doc = await site.documents.insert('DF Ticket', {});
    expect(doc.opened_on).to.equal(todayDate());
    expect(doc.opened_at).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    const stamp = new Date((doc.opened_at as string).replace(' ', 'T').slice(0, 23));
    expect(Math.abs(stamp.getTime() - before.getTime())).to.be.below(5000);
    expect(doc.opened_time).to.match(/^\d{2}:\d{2}:\d{2}$/);
  });

  it('__user is the acting user', async () => {
    expect((await site.documents.insert('DF Ticket', {})).raised_by).to.equal('Administrator');
    const guest = site.documents.as({ user: 'Guest' });
    const doc = await guest.insert('DF Ticket', {});
    expect(doc.raised_by).to.equal('Guest');
    expect(doc.owner).to.equal('Guest');
  });

  it('a Select starts at its first option, unless the options start with a blank line', async () => {
    const doc = await site.documents.insert('DF Ticket', {});
    expect(doc.status).to.equal('Open');
    expect(doc.priority).to.equal(null);
    expect(doc.channel).to.equal('Chat');
  });

  it('values given win over defaults, including 0 for a Check that defaults to 1', async () => {
    const doc = await site.documents.insert('DF Ticket', {
      subject: 'Printer', qty: 0, notify: 0, status: 'Closed', priority: 'High', opened_on: '2020-01-02', raised_by: 'Guest',
    });
    expect(doc).to.include({ subject: 'Printer', qty: 0, notify: 0, status: 'Closed', priority: 'High', opened_on: '2020-01-02', raised_by: 'Guest' });
  });

  it('an empty value or null counts as missing on insert', async () => {
    const doc = await site.documents.insert('DF Ticket', { subject: '', status: null, opened_on: null });
    expect(doc).to.include({ subject: 'No subject', status: 'Open', opened_on: todayDate() });
  });

  it('child rows get their own defaults', async () => {
    const doc = await site.documents.insert('DF Ticket', { rows: [{ note: 'a' }, { note: 'b', enabled: 0, qty: 9, uom: 'Kg' }] });
    const rows = doc.rows as Record<string, unknown>[];
    expect(rows[0]).to.include({ enabled: 1, qty: 3, uom: 'Nos' });
    expect(rows[1]).to.include({ enabled: 0, qty: 9, uom: 'Kg' });
  });

  it('defaults are not applied again on save: a cleared field stays empty', async () => {
    const doc = await site.documents.insert('DF Ticket', {});
    const saved = await site.documents.save('DF Ticket', doc.name!, { subject: '', opened_on: null, priority: '' });
    expect(saved.subject).to.equal(null);
    expect(saved.opened_on).to.equal(null);
    expect(saved.status).to.equal('Open');
  });
});
