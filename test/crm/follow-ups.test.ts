/**
 * ToDo, Frappe's assignment API (frappe.desk.form.assign_to.*) and the CRM's follow-ups
 * (tabula.crm.assign_follow_ups): who gets each customer's follow-up (account manager, else the
 * first sales-team row whose sales person has an enabled user, else the caller), customers skipped with their reason
 * (not found, not permitted through a User Permission, already assigned), bad arguments refused
 * naming the argument with nothing written, and ToDo rights: the allocated user and the assigner
 * see and close it, another Sales User does not see it.
 */
import { expect } from 'chai';
import { errorFields, expectError, ok, resourcePath, rowCount } from '../fixtures/api/support';
import { SalesHistory } from '../fixtures/reports/sales-history';
import type { ApiClient } from '../support/api';

const FOLLOW_UPS = '/api/method/tabula.crm.assign_follow_ups';
const ASSIGN = '/api/method/frappe.desk.form.assign_to';

describe('crm: follow-ups and assignments', () => {
  let h: SalesHistory;
  let bob: ApiClient;
  let manager: ApiClient;
  let other: ApiClient;

  before(async () => {
    h = await SalesHistory.start('crm_followups');
    const { server } = h;
    await server.createUser('bob@ex.com', ['Sales User']);
    await server.createUser('manager@ex.com', ['Sales Manager']);
    await server.createUser('other@ex.com', ['Sales User']);
    await server.createUser('gone@ex.com', ['Sales User']);
    await server.site.documents.save('User', 'gone@ex.com', { enabled: 0 });
    await server.site.documents.save('Sales Person', 'Bob', { user: 'bob@ex.com' });
    await server.site.documents.save('Sales Person', 'Alice', { user: 'gone@ex.com' });
    bob = await server.tokenClient('bob@ex.com');
    manager = await server.tokenClient('manager@ex.com');
    other = await server.tokenClient('other@ex.com');

    await h.customer('Managed', { territory: 'Germany', group: 'Commercial', team: [['Bob', 100]] });
    await server.site.documents.save('Customer', h.c.Managed!, { account_manager: 'manager@ex.com' });
    await h.customer('Teamed', { territory: 'Germany', group: 'Commercial', team: [['Bob', 40], ['Alice', 60]] });
    // Alice's user is disabled: the first row whose sales person has an enabled user is Bob's.
    await h.customer('AliceFirst', { territory: 'Germany', group: 'Commercial', team: [['Alice', 60], ['Bob', 40]] });
    await h.customer('Orphan', { territory: 'Germany', group: 'Commercial', team: [['Carol', 100]] });
    await h.customer('Paris', { territory: 'France', group: 'Commercial', team: [['Bob', 100]] });
  });
  after(() => h?.close());

  const followUps = (client: ApiClient, body: Record<string, unknown>) => client.post(FOLLOW_UPS, body);

  it('assigns each customer to its account manager, first sales person or the caller, and skips unknown ones', async () => {
    const answer = ok(await followUps(h.admin, { customers: JSON.stringify([h.c.Managed, h.c.Teamed, h.c.AliceFirst, h.c.Orphan, 'CUST-NOPE']), date: '2026-07-15', description: 'Call about the renewal', priority: 'High' })).message;
    const byCustomer = Object.fromEntries(answer.created.map((c: any) => [c.customer, c]));
    expect(answer.created.map((c: any) => [c.customer, c.allocated_to, c.via])).to.deep.equal([
      [h.c.Managed, 'manager@ex.com', 'account_manager'],
      [h.c.Teamed, 'bob@ex.com', 'sales_person'],
      [h.c.AliceFirst, 'bob@ex.com', 'sales_person'],
      [h.c.Orphan, 'Administrator', 'caller'],
    ]);
    expect(byCustomer[h.c.Managed!].customer_name).to.equal('Managed');
    expect(answer.skipped).to.deep.equal([{ customer: 'CUST-NOPE', reason: 'not_found', message: 'Customer CUST-NOPE not found' }]);

    const todo = ok(await h.admin.get(resourcePath('ToDo', byCustomer[h.c.Teamed!].todo))).data;
    expect(todo).to.include({ status: 'Open', priority: 'High', date: '2026-07-15', allocated_to: 'bob@ex.com', assigned_by: 'Administrator', reference_type: 'Customer', reference_name: h.c.Teamed, description: 'Call about the renewal' });
    const stored = await h.server.site.db.knex('tabCustomer').where('name', h.c.Teamed).first('_assign');
    expect(JSON.parse(stored._assign)).to.deep.equal(['bob@ex.com']);
  });

  it('skips customers whose sales person already has an open follow-up on them', async () => {
    const before = await rowCount(h.server.site, 'ToDo');
    const answer = ok(await followUps(h.admin, { customers: [h.c.Managed, h.c.Teamed], date: '2026-07-20', description: 'Again' })).message;
    expect(answer.created).to.deep.equal([]);
    expect(answer.skipped.map((s: any) => [s.customer, s.reason])).to.deep.equal([
      [h.c.Managed, 'already_assigned'],
      [h.c.Teamed, 'already_assigned'],
    ]);
    expect(await rowCount(h.server.site, 'ToDo')).to.equal(before);
  });

  it('skips customers outside the caller\'s User Permissions', async () => {
    const answer = ok(await followUps(h.germany, { customers: [h.c.Paris, h.c.Orphan], date: '2026-07-15', description: 'Visit' })).message;
    expect(answer.skipped.map((s: any) => [s.customer, s.reason])).to.deep.equal([[h.c.Paris, 'not_permitted']]);
    // Orphan's caller-fallback follow-up is the Germany user's own: Administrator's open one is another user's.
    expect(answer.created.map((c: any) => [c.customer, c.allocated_to, c.via])).to.deep.equal([[h.c.Orphan, 'germany@ex.com', 'caller']]);
  });

  for (const [label, body, field] of [
    ['no customers', { date: '2026-07-15', description: 'x' }, 'customers'],
    ['an empty list', { customers: '[]', date: '2026-07-15', description: 'x' }, 'customers'],
    ['customers not JSON', { customers: '[oops', date: '2026-07-15', description: 'x' }, 'customers'],
    ['no date', { customers: ['X'], description: 'x' }, 'date'],
    ['a date that is not one', { customers: ['X'], date: '2026-02-30', description: 'x' }, 'date'],
    ['no note', { customers: ['X'], date: '2026-07-15' }, 'description'],
    ['an unknown priority', { customers: ['X'], date: '2026-07-15', description: 'x', priority: 'Urgent' }, 'priority'],
  ] as const)
    it(`refuses ${label}, naming ${field}, and writes nothing`, async () => {
      const before = await rowCount(h.server.site, 'ToDo');
      const answer = expectError(await followUps(h.admin, body as Record<string, unknown>), 417, 'ValidationError');
      expect(errorFields(answer)).to.deep.equal([field]);
      expect(await rowCount(h.server.site, 'ToDo')).to.equal(before);
    });

  it('is a write: GET is refused', async () => {
    expectError(await h.admin.get(FOLLOW_UPS, { customers: [h.c.Managed], date: '2026-07-15', description: 'x' }), 403);
  });

  it('lets the allocated user and the assigner see and close a ToDo, and no one else', async () => {
    const mine = ok(await bob.get(resourcePath('ToDo'), { fields: ['name', 'reference_name', 'allocated_to'], filters: [['status', '=', 'Open']] })).data;
    expect(mine.map((t: any) => t.reference_name).sort()).to.deep.equal([h.c.Teamed, h.c.AliceFirst].sort());
    expect(ok(await other.get(resourcePath('ToDo'), { filters: [['status', '=', 'Open']] })).data).to.deep.equal([]);
    expectError(await other.get(resourcePath('ToDo', mine[0].name)), 403, 'PermissionError');
    // The manager sees the one allocated to them.
    expect(ok(await manager.get(resourcePath('ToDo'), { fields: ['reference_name'] })).data.map((t: any) => t.reference_name)).to.deep.equal([h.c.Managed]);
    const closed = ok(await bob.put(resourcePath('ToDo', mine[0].name), { status: 'Closed' })).data;
    expect(closed.status).to.equal('Closed');
  });

  describe('frappe.desk.form.assign_to', () => {
    it('add answers the open assignments as Frappe does and keeps _assign', async () => {
      const answer = ok(await h.admin.post(`${ASSIGN}.add`, { doctype: 'Customer', name: h.c.Paris, assign_to: JSON.stringify(['bob@ex.com', 'other@ex.com']), description: 'Check stock', date: '2026-08-01' })).message;
      expect(answer.map((a: any) => [a.owner, a.allocated_to, a.description, a.date, a.priority, a.assigned_by])).to.deep.equal([
        ['bob@ex.com', 'bob@ex.com', 'Check stock', '2026-08-01', 'Medium', 'Administrator'],
        ['other@ex.com', 'other@ex.com', 'Check stock', '2026-08-01', 'Medium', 'Administrator'],
      ]);
      const got = ok(await h.admin.get(`${ASSIGN}.get`, { doctype: 'Customer', name: h.c.Paris })).message;
      expect(got.map((a: any) => a.owner)).to.deep.equal(['bob@ex.com', 'other@ex.com']);
      const stored = await h.server.site.db.knex('tabCustomer').where('name', h.c.Paris).first('_assign');
      expect(JSON.parse(stored._assign)).to.deep.equal(['bob@ex.com', 'other@ex.com']);
    });

    it('remove cancels one user\'s assignment', async () => {
      const answer = ok(await h.admin.post(`${ASSIGN}.remove`, { doctype: 'Customer', name: h.c.Paris, assign_to: 'other@ex.com' })).message;
      expect(answer.map((a: any) => a.owner)).to.deep.equal(['bob@ex.com']);
      const todo = await h.server.site.db.knex('tabToDo').where({ reference_name: h.c.Paris, allocated_to: 'other@ex.com' }).first('status');
      expect(todo.status).to.equal('Cancelled');
      expectError(await h.admin.post(`${ASSIGN}.remove`, { doctype: 'Customer', name: h.c.Paris, assign_to: 'other@ex.com' }), 404);
    });

    it('add_multiple assigns every named document in one transaction and answers nothing', async () => {
      const answer = ok(await h.admin.post(`${ASSIGN}.add_multiple`, { doctype: 'Customer', name: JSON.stringify([h.c.Orphan, h.c.AliceFirst]), assign_to: JSON.stringify(['other@ex.com']), description: 'Quarterly review' }));
      expect(answer).to.deep.equal({});
      for (const c of [h.c.Orphan, h.c.AliceFirst]) {
        const got = ok(await h.admin.get(`${ASSIGN}.get`, { doctype: 'Customer', name: c })).message;
        expect(got.map((a: any) => a.owner)).to.include('other@ex.com');
      }
      // One unknown name: nothing of the call is written.
      const before = await rowCount(h.server.site, 'ToDo');
      expectError(await h.admin.post(`${ASSIGN}.add_multiple`, { doctype: 'Customer', name: JSON.stringify([h.c.Managed, 'CUST-NOPE']), assign_to: JSON.stringify(['other@ex.com']) }), 404);
      expect(await rowCount(h.server.site, 'ToDo')).to.equal(before);
    });

    it('refuses a disabled or unknown assignee, naming assign_to, and a document the caller cannot read', async () => {
      for (const user of ['gone@ex.com', 'nobody@ex.com']) {
        const answer = expectError(await h.admin.post(`${ASSIGN}.add`, { doctype: 'Customer', name: h.c.Managed, assign_to: [user] }), 417);
        expect(errorFields(answer)).to.deep.equal(['assign_to']);
      }
      expectError(await h.germany.post(`${ASSIGN}.add`, { doctype: 'Customer', name: h.c.Paris, assign_to: ['germany@ex.com'] }), 403, 'PermissionError');
      expectError(await h.germany.get(`${ASSIGN}.get`, { doctype: 'Customer', name: h.c.Paris }), 403, 'PermissionError');
    });
  });
});
