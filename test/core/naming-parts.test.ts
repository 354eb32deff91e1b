/** The pure parts of naming: rule parsing, amended names, validate_name, and finding a name's counter. */
import { expect } from 'chai';
import { amendedName, hashName, namingRule, seriesPartsOf, validateName } from '../../core/document/naming';
import { InvalidNameError, NameError } from '../../core/errors';
import { DocTypeMeta, type DocFieldDef } from '../../core/meta';

function meta(autoname: string, fields: DocFieldDef[] = []): DocTypeMeta {
  return new DocTypeMeta({ name: 'Part Test', autoname, fields }, 'part-test.json', undefined, 'test');
}

describe('naming: parts', () => {
  describe('namingRule', () => {
    it('reads every autoname form, case-insensitively', () => {
      expect(namingRule(meta('field:title'))).to.deep.equal({ kind: 'field', fieldname: 'title' });
      expect(namingRule(meta('Field: title '))).to.deep.equal({ kind: 'field', fieldname: 'title' });
      expect(namingRule(meta('naming_series:'))).to.deep.equal({ kind: 'naming_series' });
      expect(namingRule(meta('format:A-{##}'))).to.deep.equal({ kind: 'format', pattern: 'A-{##}' });
      expect(namingRule(meta('Prompt')).kind).to.equal('prompt');
      expect(namingRule(meta('HASH')).kind).to.equal('hash');
      expect(namingRule(meta('autoincrement')).kind).to.equal('autoincrement');
      expect(namingRule(meta('PRE-.YYYY.-.#####'))).to.deep.equal({ kind: 'expression', pattern: 'PRE-.YYYY.-.#####' });
      expect(namingRule(meta('')).kind).to.equal('script');
    });
  });

  describe('hashName', () => {
    it('gives lowercase base32hex of the asked length', () => {
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const name = hashName();
        expect(name).to.match(/^[0-9a-v]{10}$/);
        for (const c of name) seen.add(c);
      }
      expect(seen.size).to.equal(32);
      expect(hashName(6)).to.match(/^[0-9a-v]{6}$/);
    });
  });

  describe('amendedName', () => {
    it('appends -1 to an original and counts up an amendment', () => {
      expect(amendedName('SO-00001', false)).to.equal('SO-00001-1');
      expect(amendedName('SO-00001-1', true)).to.equal('SO-00001-2');
      expect(amendedName('SO-00001-9', true)).to.equal('SO-00001-10');
    });
  });

  describe('validateName', () => {
    const m = meta('Prompt');
    it('trims, and refuses empty, <, >, the DocType name and more than 140 characters', () => {
      expect(validateName(m, '  ok  ')).to.equal('ok');
      expect(() => validateName(m, '   ')).to.throw(NameError);
      expect(() => validateName(m, 'a>b')).to.throw(InvalidNameError);
      expect(() => validateName(m, ' Part Test ')).to.throw(NameError);
      expect(validateName(m, 'part test')).to.equal('part test');
      expect(() => validateName(m, 'x'.repeat(141))).to.throw(InvalidNameError);
    });
  });

  describe('seriesPartsOf', () => {
    it('splits a plain series name', () => {
      expect(seriesPartsOf('INV-00042', meta('INV-.#####'))).to.deep.equal({ prefix: 'INV-', value: 42 });
    });

    it('keeps digits of the prefix out of the counter', () => {
      expect(seriesPartsOf('INV-202500007', meta('INV-.YYYY..#####'))).to.deep.equal({ prefix: 'INV-2025', value: 7 });
      const byField = meta('OF-.branch.-.###', [{ fieldname: 'branch', fieldtype: 'Data' }]);
      expect(seriesPartsOf('OF-B2-001', byField)).to.deep.equal({ prefix: 'OF-B2-', value: 1 });
      expect(seriesPartsOf('OF-branch-004', byField)).to.deep.equal({ prefix: 'OF-branch-', value: 4 });
    });

    it('finds the counter in a format: pattern with text after it', () => {
      const m = meta('format:FS-{###}-{branch}-{YY}', [{ fieldname: 'branch', fieldtype: 'Data' }]);
      expect(seriesPartsOf('FS-012-north-25', m)).to.deep.equal({ prefix: 'FS-', value: 12 });
      expect(seriesPartsOf('FS-012--25', m)).to.deep.equal({ prefix: 'FS-', value: 12 });
    });

    it('reads a counter that outgrew its width', () => {
      expect(seriesPartsOf('SM-1000', meta('SM-.##'))).to.deep.equal({ prefix: 'SM-', value: 1000 });
    });

    it('tries each naming_series option', () => {
      const m = meta('naming_series:', [{ fieldname: 'naming_series', fieldtype: 'Select', options: 'SO-\nSQ-.YYYY.-\nSR-.###' }]);
      expect(seriesPartsOf('SO-00003', m)).to.deep.equal({ prefix: 'SO-', value: 3 });
      expect(seriesPartsOf('SQ-2024-00005', m)).to.deep.equal({ prefix: 'SQ-2024-', value: 5 });
      expect(seriesPartsOf('SR-017', m)).to.deep.equal({ prefix: 'SR-', value: 17 });
    });

    it('answers nothing for amendments and for names not made by a series', () => {
      expect(seriesPartsOf('SO-00001-1', meta('SO-.#####'))).to.equal(undefined);
      expect(seriesPartsOf('abc123', meta('hash'))).to.equal(undefined);
      expect(seriesPartsOf('Alpha 2', meta('field:title', [{ fieldname: 'title', fieldtype: 'Data' }]))).to.equal(undefined);
      expect(seriesPartsOf('OTHER-00001', meta('INV-.#####'))).to.equal(undefined);
    });
  });
});
