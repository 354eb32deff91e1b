/**
 * A broken DocType refuses to start: `tabula migrate` prints every problem with the file and the JSON
 * path and exits non-zero before touching the database (no table for any DocType, broken or not);
 * `tabula doctor` exits 1 with the same problems.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../core/config';
import { parseDbUrl } from '../../core/db';
import { coreTables } from '../fixtures/meta/core-app';
import { cliDatabase, lines, removeScratch, scratchDir, tabula, type CliDatabase } from '../fixtures/cli/run';

interface Problem {
  file: string;
  path: string | undefined;
  message: string;
}

/** `error: <file> → <json path>: <message>` (the JSON path is absent when the file cannot be parsed). */
function parseProblem(line: string): Problem {
  const match = /^error: (.+?)(?: → ([\w.[\]]+))?: (.+)$/.exec(line);
  expect(match, `not a problem line: ${line}`).to.not.equal(null);
  return { file: resolve(PROJECT_ROOT, match![1]!), path: match![2], message: match![3]! };
}

function writeDocType(folder: string, name: string, content: unknown, module?: string): string {
  const scrubbed = name.toLowerCase().replace(/[\s-]+/g, '_');
  const dir = join(folder, ...(module ? [module] : []), scrubbed);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${scrubbed}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  return file;
}

describe('cli: a broken DocType refuses to start', function () {
  this.timeout(60_000);
  let folder: string;
  let db: CliDatabase;
  let env: Record<string, string>;
  const files: Record<string, string> = {};
  let migrateProblems: string[] = [];

  before(async () => {
    folder = scratchDir('broken');
    // A valid DocType beside the broken ones: it must not be created either (nothing half-loads).
    files.good = writeDocType(folder, 'Visit Note', { doctype: 'DocType', name: 'Visit Note', module: 'Field Service', fields: [{ fieldname: 'note', fieldtype: 'Small Text' }] }, 'field_service');
    files.link = writeDocType(
      folder,
      'Visit Log',
      {
        doctype: 'DocType',
        name: 'Visit Log',
        module: 'Field Service',
        autoname: 'hash',
        fields: [
          { fieldname: 'title', fieldtype: 'Data', label: 'Title' },
          { fieldname: 'customer', fieldtype: 'Link', label: 'Customer', options: 'Customer' },
        ],
      },
      'field_service',
    );
    files.json = writeDocType(folder, 'Broken Note', '{\n "doctype": "DocType",\n "name": "Broken Note",\n "fields": [\n  {"fieldname": "title", "fieldtype": "Data"},\n ]\n}\n', 'setup');
    files.type = writeDocType(folder, 'Odd Field', { doctype: 'DocType', name: 'Odd Field', fields: [{ fieldname: 'title', fieldtype: 'Data' }, { fieldname: 'amount', fieldtype: 'Money' }] }, 'setup');
    db = await cliDatabase('broken_doctypes');
    env = { TABULA_DOCTYPE_PATHS: folder, TABULA_DB_URL: db.url };
  });
  after(async () => {
    await db.drop();
    removeScratch();
  });

  function expectTheProblems(problems: Problem[]) {
    const byFile = (file: string) => problems.filter((p) => p.file === file);
    expect(problems).to.have.length(3);
    expect(byFile(files.link!).map((p) => [p.path, p.message])).to.deep.equal([['fields[1].options', 'Link field "customer" points at DocType "Customer", which does not exist']]);
    expect(byFile(files.type!).map((p) => [p.path, p.message])).to.deep.equal([['fields[1].fieldtype', 'unknown fieldtype "Money"']]);
    const json = byFile(files.json!);
    expect(json).to.have.length(1);
    expect(json[0]!.path).to.equal(undefined);
    expect(json[0]!.message).to.match(/^not valid JSON: /);
    expect(byFile(files.good!)).to.deep.equal([]);
  }

  it('tabula migrate exits non-zero, prints each problem with its file and JSON path, and creates no table', async () => {
    const result = await tabula(['migrate'], env);
    expect(result.code, result.stdout + result.stderr).to.equal(1);
    const err = lines(result.stderr);
    expect(err[0]).to.equal('3 problem(s) in DocType definitions:');
    migrateProblems = err.slice(1);
    expectTheProblems(migrateProblems.map(parseProblem));
    expect(result.stderr).to.not.match(/\n\s+at /); // an expected failure: a message, not a stack trace
    expect(result.stdout).to.not.contain('[sync]');
    expect(await db.tables()).to.deep.equal([]);
    const target = parseDbUrl(db.url);
    if (target.dialect === 'sqlite') expect(existsSync(target.filename!), 'the SQLite file').to.equal(false);
  });

  it('tabula doctor exits 1 and prints the same problems', async () => {
    const doctor = await tabula(['doctor'], env);
    expect(doctor.code, doctor.stdout + doctor.stderr).to.equal(1);
    const out = lines(doctor.stdout);
    expect(out[0]).to.match(/^DocTypes: \d+ loaded from core and /);
    expect(out).to.include('3 errors, 0 warnings');
    const problems = out.filter((l) => l.startsWith('error: '));
    expectTheProblems(problems.map(parseProblem));
    expect(problems.sort()).to.deep.equal([...migrateProblems].sort());
    expect(out.some((l) => l.startsWith('Database '))).to.equal(false); // stops before the database
    expect(await db.tables()).to.deep.equal([]);
  });

  it('once the files are fixed, migrate creates exactly their tables', async () => {
    writeDocType(folder, 'Broken Note', { doctype: 'DocType', name: 'Broken Note', fields: [{ fieldname: 'title', fieldtype: 'Data' }] }, 'setup');
    writeDocType(folder, 'Odd Field', { doctype: 'DocType', name: 'Odd Field', fields: [{ fieldname: 'title', fieldtype: 'Data' }, { fieldname: 'amount', fieldtype: 'Currency' }] }, 'setup');
    writeDocType(folder, 'Visit Log', { doctype: 'DocType', name: 'Visit Log', fields: [{ fieldname: 'customer', fieldtype: 'Link', options: 'Visit Note' }] }, 'field_service');
    const doctor = await tabula(['doctor'], env);
    expect(doctor.code, doctor.stdout).to.equal(0);
    expect(lines(doctor.stdout)).to.include('0 errors, 0 warnings');
    expect(lines(doctor.stdout).at(-1)).to.match(/^Database .* does not exist yet: tabula migrate creates it$/);
    // doctor only reads: it creates no database (not even an empty SQLite file)
    expect(await db.tables()).to.deep.equal([]);
    const target = parseDbUrl(db.url);
    if (target.dialect === 'sqlite') expect(existsSync(target.filename!), 'the SQLite file').to.equal(false);
    const result = await tabula(['migrate'], env);
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    const tables = (await db.tables()).filter((t) => t.startsWith('tab'));
    const own = ['tabBroken Note', 'tabOdd Field', 'tabVisit Log', 'tabVisit Note', 'tabSeries', 'tabSessions', 'tabSingles'];
    expect(tables).to.have.members([...coreTables(), ...own]);
  });
});
