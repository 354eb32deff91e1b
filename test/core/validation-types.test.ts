/**
 * Value types through the per-DocType ajv schema and the casts after it: what is accepted, what it is
 * stored as, and what is refused (with the field, and the row for child tables, named).
 */
import { expect } from 'chai';
import { ValidationError } from '../../core/errors';
import type { DocTypeDef } from '../../core/meta';
import { countRows, rejectsWith, where } from '../fixtures/validation/support';
import { createTestSite, type TestSite } from '../support/site';

const DOCTYPES: DocTypeDef[] = [
  {
    name: 'VT Line',
    istable: 1,
    fields: [
      { fieldname: 'qty', fieldtype: 'Int', label: 'Quantity' },
      { fieldname: 'note', fieldtype: 'Data', label: 'Note' },
    ],
  },
  {
    name: 'VT Record',
    autoname: 'VT-.#####',
    fields: [
      { fieldname: 'title', fieldtype: 'Data', label: 'Title' },
      { fieldname: 'count', fieldtype: 'Int', label: 'Count' },
      { fieldname: 'big', fieldtype: 'Int', label: 'Big', length: 20 },
      { fieldname: 'amount', fieldtype: 'Float', label: 'Amount' },
      { fieldname: 'price', fieldtype: 'Currency', label: 'Price' },
      { fieldname: 'rate', fieldtype: 'Percent', label: 'Rate' },
      { fieldname: 'flag', fieldtype: 'Check', label: 'Flag' },
      { fieldname: 'stars', fieldtype: 'Rating', label: 'Stars' },
      { fieldname: 'day', fieldtype: 'Date', label: 'Day' },
      { fieldname: 'stamp', fieldtype: 'Datetime', label: 'Stamp' },
      { fieldname: 'at', fieldtype: 'Time', label: 'At' },
      { fieldname: 'payload', fieldtype: 'JSON', label: 'Payload' },
      { fieldname: 'lines', fieldtype: 'Table', label: 'Lines', options: 'VT Line' },
    ],
  },
];

describe('validation: value types', () => {
  let site: TestSite;
  before(async () => {
    site = await createTestSite({ doctypes: DOCTYPES, label: 'vtypes' });
  });
  after(() => site.destroy());

  const insert = (input: Record<string, unknown>) => site.documents.insert('VT Record', input);
  async function refused(input: Record<string, unknown>, fieldname: string): Promise<ValidationError> {
    const before = await countRows(site, 'VT Record');
    const error = await rejectsWith(insert(input), ValidationError);
    expect(error.errors.map((e) => e.fieldname)).to.include(fieldname);
    expect(await countRows(site, 'VT Record'), 'nothing written').to.equal(before);
    return error;
  }

  describe('Int', () => {
    it('refuses text that is not a number, naming the field (never stores 0)', async () => {
      const error = await refused({ count: 'many' }, 'count');
      expect(error.errors).to.have.length(1);
      expect(error.errors[0]!.message).to.contain('Count').and.contain('many');
    });
    it('casts numeric strings, with surrounding spaces and a sign', async () => {
      const doc = await insert({ count: '12', big: ' -7 ' });
      expect(doc.count).to.equal(12);
      expect(doc.big).to.equal(-7);
    });
    it('refuses fractions, as numbers and as strings', async () => {
      await refused({ count: 3.5 }, 'count');
      await refused({ count: '3.5' }, 'count');
      await refused({ count: '1e3' }, 'count');
    });
    it('keeps a large value in a bigint (length > 11) column', async () => {
      const doc = await insert({ big: 2 ** 40 });
      expect(doc.big).to.equal(1099511627776);
    });
    it('an empty string or null leaves 0 (the column default)', async () => {
      const doc = await insert({ count: '', big: null });
      expect(doc.count).to.equal(0);
      expect(doc.big).to.equal(0);
    });
  });

  describe('Float, Currency, Percent', () => {
    it('cast numeric strings to numbers', async () => {
      const doc = await insert({ amount: '12.5', price: '1e3', rate: '-0.25' });
      expect(doc.amount).to.equal(12.5);
      expect(doc.price).to.equal(1000);
      expect(doc.rate).to.equal(-0.25);
    });
    it('refuse text, booleans and thousands separators', async () => {
      await refused({ amount: 'ten' }, 'amount');
      await refused({ price: true }, 'price');
      await refused({ rate: '1,000.5' }, 'rate');
    });
    it('round to the column scale (9 decimals) identically on every database', async () => {
      const doc = await insert({ amount: 0.1234567891234, price: '2.0000000005' });
      expect(doc.amount).to.equal(0.123456789);
      expect(doc.price).to.equal(2.000000001);
    });
    it('refuse values a decimal(21,9) column cannot hold', async () => {
      await refused({ amount: 1e12 }, 'amount');
      await refused({ price: '-5e15' }, 'price');
    });
  });

  describe('Check', () => {
    for (const [given, stored] of [[0, 0], [1, 1], [true, 1], [false, 0], ['0', 0], ['1', 1]] as const) {
      it(`accepts ${JSON.stringify(given)} as ${stored}`, async () => {
        expect((await insert({ flag: given })).flag).to.equal(stored);
      });
    }
    for (const given of [2, -1, 'yes', 'true', 'on', 0.5]) {
      it(`refuses ${JSON.stringify(given)}`, async () => {
        await refused({ flag: given }, 'flag');
      });
    }
  });

  describe('Rating', () => {
    it('holds a value from 0 to 1', async () => {
      expect((await insert({ stars: '0.6' })).stars).to.equal(0.6);
    });
    it('refuses values above 1, as numbers and as strings', async () => {
      await refused({ stars: 5 }, 'stars');
      await refused({ stars: '5' }, 'stars');
      await refused({ stars: '-0.5' }, 'stars');
    });
  });

  describe('Date, Datetime, Time', () => {
    it('stores a valid date as YYYY-MM-DD (leap day included)', async () => {
      expect((await insert({ day: '2024-02-29' })).day).to.equal('2024-02-29');
    });
    it('refuses impossible and malformed dates', async () => {
      for (const day of ['2025-02-30', '2025-13-01', '2023-02-29', '25-01-01', '2025/01/01', 'today'])
        await refused({ day }, 'day');
      await refused({ day: 20250101 }, 'day');
    });
    it('normalises a datetime with T, a fraction, or no time part', async () => {
      expect((await insert({ stamp: '2025-03-04T05:06:07' })).stamp).to.equal('2025-03-04 05:06:07.000000');
      expect((await insert({ stamp: '2025-03-04 05:06:07.5' })).stamp).to.equal('2025-03-04 05:06:07.500000');
      expect((await insert({ stamp: '2025-03-04 05:06' })).stamp).to.equal('2025-03-04 05:06:00.000000');
      expect((await insert({ stamp: '2025-03-04' })).stamp).to.equal('2025-03-04 00:00:00.000000');
    });
    it('converts a datetime with an offset to server local time', async () => {
      const instant = new Date(Date.UTC(2025, 0, 15, 4, 30, 0));
      const pad = (n: number) => String(n).padStart(2, '0');
      const local = `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())} ${pad(instant.getHours())}:${pad(instant.getMinutes())}:00.250000`;
      expect((await insert({ stamp: '2025-01-15T04:30:00.25Z' })).stamp).to.equal(local);
      expect((await insert({ stamp: '2025-01-15T10:00:00.25+05:30' })).stamp).to.equal(local);
      expect((await insert({ stamp: '2025-01-14T23:30:00.25-0500' })).stamp).to.equal(local);
    });
    it('refuses impossible datetimes', async () => {
      for (const stamp of ['2025-03-04 24:00:00', '2025-03-04 10:60', '2025-02-29 10:00', '2025-03-04 10:00:00 UTC'])
        await refused({ stamp }, 'stamp');
    });
    it('normalises times to HH:MM:SS', async () => {
      expect((await insert({ at: '9:05' })).at).to.equal('09:05:00');
      expect((await insert({ at: '23:59:59' })).at).to.equal('23:59:59');
    });
    it('refuses impossible times', async () => {
      for (const at of ['24:00', '12:60', '10:00:61', 'noon']) await refused({ at }, 'at');
    });
  });

  describe('JSON', () => {
    it('round-trips objects, arrays and scalars as parsed values', async () => {
      const payload = { a: 1, b: [1, 'two', null], c: { d: true, e: 'ü€' } };
      const doc = await insert({ payload });
      expect(doc.payload).to.deep.equal(payload);
      expect((await site.documents.get('VT Record', doc.name!)).payload).to.deep.equal(payload);
      expect((await insert({ payload: [3, 2, 1] })).payload).to.deep.equal([3, 2, 1]);
    });
    it('parses a string holding JSON text', async () => {
      expect((await insert({ payload: '{"x":[1,2]}' })).payload).to.deep.equal({ x: [1, 2] });
    });
    it('keeps a JSON string value a string through the second check and later saves', async () => {
      const doc = await insert({ payload: '"hello"' });
      expect(doc.payload).to.equal('hello');
      const saved = await site.documents.save('VT Record', doc.name!, { title: 'still a string' });
      expect(saved.payload).to.equal('hello');
      expect((await site.documents.save('VT Record', doc.name!, { payload: '"{\\"a\\":1}"' })).payload).to.equal('{"a":1}');
    });
    it('refuses a string that is not JSON', async () => {
      await refused({ payload: '{not json' }, 'payload');
    });
  });

  describe('the document body', () => {
    it('refuses an unknown field, naming it', async () => {
      const error = await refused({ title: 'x', colour: 'red' }, 'colour');
      expect(error.message).to.contain('colour');
    });
    it('ignores keys starting with __', async () => {
      const doc = await insert({ title: 'flags', __islocal: 1, __unsaved: true, __anything: { x: 1 } });
      expect(doc.title).to.equal('flags');
      expect(doc).to.not.have.property('__islocal');
    });
    it('refuses a body that is not an object', async () => {
      for (const body of [null, [], 'text', 5])
        await rejectsWith(site.documents.insert('VT Record', body as unknown as Record<string, unknown>), ValidationError);
    });
    it('reports every type problem in errors[], each with its field', async () => {
      const error = await refused({ count: 'x', flag: 7, day: '2025-02-30', title: { no: 1 } }, 'count');
      expect(where(error.errors)).to.deep.equal(['count', 'day', 'flag', 'title']);
    });
    it('casts Data given a number to text and refuses an object', async () => {
      expect((await insert({ title: 42 })).title).to.equal('42');
      await refused({ title: ['a'] }, 'title');
    });
  });

  describe('child rows', () => {
    it('name the row (idx) and the table (parentfield) in the error', async () => {
      const error = await refused({ lines: [{ qty: 1 }, { qty: 'lots' }, { qty: 2, shade: 'x' }] }, 'qty');
      expect(where(error.errors)).to.deep.equal(['lines/2/qty', 'lines/3/shade']);
      expect(await countRows(site, 'VT Line'), 'no child rows written').to.equal(0);
    });
    it('refuse a row that is not an object, and a table that is not a list', async () => {
      await refused({ lines: ['row'] }, 'lines');
      await refused({ lines: { qty: 1 } }, 'lines');
    });
    it('cast row values like the parent', async () => {
      const doc = await insert({ lines: [{ qty: '4', note: 5 }] });
      const [line] = doc.lines as Record<string, unknown>[];
      expect(line).to.include({ qty: 4, note: '5', idx: 1, parentfield: 'lines' });
    });
  });

  describe('on save', () => {
    it('applies the same type checks and leaves the stored document unchanged', async () => {
      const doc = await insert({ count: 1 });
      const error = await rejectsWith(site.documents.save('VT Record', doc.name!, { count: 'many', flag: 'yes' }), ValidationError);
      expect(where(error.errors)).to.deep.equal(['count', 'flag']);
      const stored = await site.documents.get('VT Record', doc.name!);
      expect(stored.count).to.equal(1);
      expect(stored.modified).to.equal(doc.modified);
    });
  });
});
