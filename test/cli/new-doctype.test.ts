/**
 * `tabula new-doctype`: scaffolds a DocType JSON the loader accepts and a controller that loads from
 * a folder outside the project; migrate creates its table and documents follow its scaffolded series.
 * Names that exist (in any case, in any folder the site or the target folder has) or that are not
 * valid DocType names are refused without writing anything.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, readConfig } from '../../core/config';
import { formatDate } from '../../core/document';
import { MandatoryError } from '../../core/errors';
import { loadDocTypes, type DocTypeDef } from '../../core/meta';
import { openSite, type Site } from '../../core/site';
import { rejectsWith } from '../fixtures/validation/support';
import { cliDatabase, lines, removeScratch, scratchDir, tabula, type CliDatabase } from '../fixtures/cli/run';

/** Every file below `dir`, relative to it, sorted. */
function filesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1))
    .sort();
}

describe('cli: tabula new-doctype', function () {
  this.timeout(60_000);
  const year = formatDate(new Date()).slice(0, 4);
  let folder: string;
  let db: CliDatabase;
  let env: Record<string, string>;
  let site: Site | undefined;

  before(async () => {
    folder = scratchDir('new-doctype');
    db = await cliDatabase('new_doctype');
    env = { TABULA_DOCTYPE_PATHS: folder, TABULA_DB_URL: db.url };
  });
  after(async () => {
    await site?.close();
    await db.drop();
    removeScratch();
  });

  const newDoctype = (args: string[], extraEnv: Record<string, string> = env) => tabula(['new-doctype', ...args], extraEnv);

  it('creates <folder>/support_ticket/support_ticket.json (valid for the loader) and its controller', async () => {
    const result = await newDoctype(['Support Ticket', '--module', 'Support', '--folder', folder]);
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(filesIn(folder)).to.deep.equal(['package.json', 'support_ticket/support_ticket.json', 'support_ticket/support_ticket.ts']);
    expect(result.stdout).to.match(/^Created .*support_ticket\.json, .*support_ticket\.ts, .*package\.json\./);

    const loaded = loadDocTypes([{ app: 'paths', folder }]);
    expect(loaded.problems).to.deep.equal([]);
    const meta = loaded.registry.get('Support Ticket');
    expect(meta.def).to.include({ module: 'Support', autoname: 'SUPP-.YYYY.-.#####', title_field: 'title' });
    expect(meta.fields.map((f) => [f.fieldname, f.fieldtype, f.reqd])).to.deep.equal([['title', 'Data', true]]);
    expect(meta.controllerFile).to.equal(join(folder, 'support_ticket/support_ticket.ts'));
    // Outside this project a .ts file would be CommonJS: the folder is marked as ES modules.
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))).to.deep.equal({ private: true, type: 'module' });
    // The controller imports the framework by a relative path that resolves from where it was written.
    const source = readFileSync(meta.controllerFile!, 'utf8');
    const from = /from '([^']+)'/.exec(source)![1]!;
    expect(resolve(folder, 'support_ticket', from)).to.equal(join(PROJECT_ROOT, 'core/document'));
  });

  it('migrate (TABULA_DOCTYPE_PATHS=<folder>) creates its table; the site opens with the controller', async () => {
    const result = await tabula(['migrate'], env);
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(lines(result.stdout).filter((l) => l.startsWith('[sync] create table tabSupport Ticket ('))).to.have.length(1);
    site = await openSite(readConfig({ TABULA_APPS: 'core', ...env }));
    expect(site.controllers.get('Support Ticket').validate).to.be.a('function');
  });

  it('a document follows the scaffolded series and runs the scaffolded controller', async () => {
    const first = await site!.documents.insert('Support Ticket', { title: '  Printer on fire  ' });
    expect(first.name).to.equal(`SUPP-${year}-00001`);
    expect(first.title).to.equal('Printer on fire'); // the controller's validate trims it
    expect((await site!.documents.insert('Support Ticket', { title: 'Wi-Fi down' })).name).to.equal(`SUPP-${year}-00002`);
    const missing = await rejectsWith(site!.documents.insert('Support Ticket', {}), MandatoryError);
    expect(missing.errors.map((e) => e.fieldname)).to.deep.equal(['title']);
  });

  it('refuses a second DocType of the same name, in any case, and leaves the files as they were', async () => {
    const before = readFileSync(join(folder, 'support_ticket/support_ticket.json'), 'utf8');
    for (const name of ['Support Ticket', 'support ticket']) {
      const again = await newDoctype([name, '--folder', folder]);
      expect(again.code, name).to.equal(1);
      expect(again.stderr, name).to.contain('DocType "Support Ticket" already exists in');
    }
    // Even when the site does not load that folder: the target folder itself is searched.
    const elsewhere = await newDoctype(['Support Ticket', '--module', 'Support', '--folder', folder], { TABULA_DB_URL: db.url });
    expect(elsewhere.code).to.equal(1);
    expect(readFileSync(join(folder, 'support_ticket/support_ticket.json'), 'utf8')).to.equal(before);
    expect(filesIn(folder)).to.deep.equal(['package.json', 'support_ticket/support_ticket.json', 'support_ticket/support_ticket.ts']);
  });

  it('refuses the name of a framework DocType, in any case, whatever the folder', async () => {
    const result = await newDoctype(['user', '--folder', folder]);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/DocType "User" already exists in core\/doctypes\/user\/user\.json/);
    expect(filesIn(folder)).to.have.length(3);
  });

  it('refuses a DocType that exists in a module subfolder of the target folder', async () => {
    const module = join(folder, 'knowledge');
    expect((await newDoctype(['Help Article', '--module', 'Knowledge', '--folder', module])).code).to.equal(0);
    const again = await newDoctype(['Help Article', '--folder', folder], { TABULA_DB_URL: db.url });
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('already exists in');
    expect(existsSync(join(folder, 'help_article'))).to.equal(false);
    expect(loadDocTypes([{ app: 'paths', folder }]).errors).to.deep.equal([]);
  });

  it('refuses names with characters a DocType name cannot have, writing nothing', async () => {
    const files = filesIn(folder);
    for (const name of ['Support.Ticket', '1st <Ticket>']) {
      const result = await newDoctype([name, '--folder', folder]);
      expect(result.code, name).to.equal(1);
      expect(result.stderr, name).to.contain(`"${name}" cannot be a DocType name`);
    }
    expect((await newDoctype([], env)).code).to.equal(1); // no name at all
    expect(filesIn(folder)).to.deep.equal(files);
  });

  it('--child scaffolds a table the ticket can use once a Table field is added and migrate is run again', async () => {
    const child = await newDoctype(['Ticket Reply', '--child', '--module', 'Support', '--folder', folder]);
    expect(child.code, child.stderr).to.equal(0);
    const replyFile = join(folder, 'ticket_reply/ticket_reply.json');
    const reply = JSON.parse(readFileSync(replyFile, 'utf8')) as DocTypeDef;
    expect(reply).to.include({ istable: 1 });
    expect(reply).to.not.have.property('autoname');
    // Child rows run no hooks of their own: no controller is scaffolded for a child table.
    expect(filesIn(join(folder, 'ticket_reply'))).to.deep.equal(['ticket_reply.json']);
    expect(child.stdout).to.match(/^Created [^,]*ticket_reply\.json\./);

    const ticketFile = join(folder, 'support_ticket/support_ticket.json');
    const ticket = JSON.parse(readFileSync(ticketFile, 'utf8')) as DocTypeDef;
    ticket.fields.push({ fieldname: 'replies', fieldtype: 'Table', label: 'Replies', options: 'Ticket Reply' });
    ticket.field_order!.push('replies');
    writeFileSync(ticketFile, JSON.stringify(ticket, null, 1));

    await site!.close();
    site = undefined;
    const migrate = await tabula(['migrate'], env);
    expect(migrate.code, migrate.stdout + migrate.stderr).to.equal(0);
    expect(lines(migrate.stdout).filter((l) => l.startsWith('[sync] create table '))).to.have.length(2); // Ticket Reply, Help Article
    site = await openSite(readConfig({ TABULA_APPS: 'core', ...env }));
    const doc = await site.documents.insert('Support Ticket', { title: 'Paper jam', replies: [{ title: ' Turned it off and on ' }, { title: 'Fixed' }] });
    expect(doc.name).to.equal(`SUPP-${year}-00003`);
    expect((doc.replies as Record<string, unknown>[]).map((r) => [r.idx, r.title])).to.deep.equal([
      [1, ' Turned it off and on '],
      [2, 'Fixed'],
    ]);
  });
});
