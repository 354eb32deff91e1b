/**
 * DocPerm rights (core/permissions/rights.ts): the OR of the permlevel-0 rows of the user's roles, a
 * missing key meaning 0, if_owner rows granting only own documents, submit/cancel/amend only on
 * submittable DocTypes, import only with allow_import, and permlevel-N rows opening fields of level N.
 * Pure: the meta is built in memory, so these run the same on both databases.
 */
import { expect } from 'chai';
import { DocTypeMeta, type DocPermDef, type DocTypeDef } from '../../../core/meta';
import { rightsFor, RIGHTS, type DocTypeRights } from '../../../core/permissions';

function metaOf(permissions: DocPermDef[], extra: Partial<DocTypeDef> = {}): DocTypeMeta {
  return new DocTypeMeta(
    {
      name: 'RT Doc',
      fields: [
        { fieldname: 'title', fieldtype: 'Data' },
        { fieldname: 'secret', fieldtype: 'Data', permlevel: 1 },
        { fieldname: 'top_secret', fieldtype: 'Data', permlevel: 2 },
      ],
      permissions,
      ...extra,
    },
    'rights.test.ts',
    undefined,
    'test',
  );
}

const roles = (...names: string[]) => new Set(names);

/** The grants as a plain object, for deep equality. */
function grantsOf(rights: DocTypeRights): Record<string, string> {
  return Object.fromEntries([...rights.grants.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function levels(set: ReadonlySet<number>): number[] {
  return [0, 1, 2, 3].filter((l) => set.has(l));
}

describe('permissions: DocPerm rights', () => {
  describe('permlevel-0 rows', () => {
    it('ORs the rows of every role the user has, and ignores the rows of roles they lack', () => {
      const meta = metaOf([
        { role: 'Reader', read: 1 },
        { role: 'Writer', write: 1, create: 1 },
        { role: 'Deleter', delete: 1 },
      ]);
      expect(grantsOf(rightsFor(meta, roles('Reader', 'Writer')))).to.deep.equal({ create: 'all', read: 'all', write: 'all' });
      expect(grantsOf(rightsFor(meta, roles('Deleter')))).to.deep.equal({ delete: 'all' });
      expect(grantsOf(rightsFor(meta, roles('Someone Else')))).to.deep.equal({});
    });

    it('reads a key missing from a row as 0: a select-only row grants select and nothing else', () => {
      const rights = rightsFor(metaOf([{ role: 'Picker', select: 1 }]), roles('Picker'));
      expect(grantsOf(rights)).to.deep.equal({ select: 'all' });
      expect(levels(rights.readLevels)).to.deep.equal([0]);
      expect(levels(rights.writeLevels)).to.deep.equal([]);
    });

    it('treats 0 and false as not granted, 1 and true as granted', () => {
      const rights = rightsFor(metaOf([{ role: 'R', read: true, write: 0, delete: false, export: 1 }]), roles('R'));
      expect(grantsOf(rights)).to.deep.equal({ export: 'all', read: 'all' });
    });

    it('opens level 0 for reading with read or select, and for writing with write or create', () => {
      const reader = rightsFor(metaOf([{ role: 'R', read: 1 }]), roles('R'));
      expect([levels(reader.readLevels), levels(reader.writeLevels)]).to.deep.equal([[0], []]);
      const writer = rightsFor(metaOf([{ role: 'W', read: 1, write: 1 }]), roles('W'));
      expect([levels(writer.readLevels), levels(writer.writeLevels)]).to.deep.equal([[0], [0]]);
      const reporter = rightsFor(metaOf([{ role: 'X', report: 1 }]), roles('X'));
      expect([levels(reporter.readLevels), levels(reporter.writeLevels)]).to.deep.equal([[], []]);
    });

    it('uses the rows it is given instead of the DocType\'s own (custom DocPerms replace them)', () => {
      const meta = metaOf([{ role: 'R', read: 1, write: 1 }]);
      expect(grantsOf(rightsFor(meta, roles('R'), [{ role: 'R', read: 1 }]))).to.deep.equal({ read: 'all' });
      expect(grantsOf(rightsFor(meta, roles('R'), []))).to.deep.equal({});
    });
  });

  describe('if_owner', () => {
    it('gives "owner" for a right that only if_owner rows grant', () => {
      const rights = rightsFor(metaOf([{ role: 'Mine', if_owner: 1, read: 1, write: 1 }]), roles('Mine'));
      expect(grantsOf(rights)).to.deep.equal({ read: 'owner', write: 'owner' });
    });

    it('gives "all" when another row grants the same right without if_owner, whatever the row order', () => {
      const ownerFirst = metaOf([
        { role: 'Mine', if_owner: 1, read: 1, write: 1 },
        { role: 'Reader', read: 1 },
      ]);
      const ownerLast = metaOf([
        { role: 'Reader', read: 1 },
        { role: 'Mine', if_owner: 1, read: 1, write: 1 },
      ]);
      for (const meta of [ownerFirst, ownerLast]) expect(grantsOf(rightsFor(meta, roles('Mine', 'Reader')))).to.deep.equal({ read: 'all', write: 'owner' });
    });

    it('keeps "owner" when only rows of roles the user lacks would grant more', () => {
      const meta = metaOf([
        { role: 'Mine', if_owner: 1, read: 1 },
        { role: 'Manager', read: 1 },
      ]);
      expect(grantsOf(rightsFor(meta, roles('Mine')))).to.deep.equal({ read: 'owner' });
    });
  });

  describe('rights that depend on the DocType', () => {
    const everything: DocPermDef = Object.fromEntries([['role', 'Boss'], ...RIGHTS.map((r) => [r, 1])]) as DocPermDef;

    it('grants submit, cancel and amend only on a submittable DocType', () => {
      const plain = rightsFor(metaOf([everything]), roles('Boss'));
      for (const right of ['submit', 'cancel', 'amend'] as const) expect(plain.grants.has(right), right).to.equal(false);
      const submittable = rightsFor(metaOf([everything], { is_submittable: 1 }), roles('Boss'));
      for (const right of ['submit', 'cancel', 'amend'] as const) expect(submittable.grants.get(right), right).to.equal('all');
    });

    it('grants import only where allow_import is set', () => {
      expect(rightsFor(metaOf([everything]), roles('Boss')).grants.has('import')).to.equal(false);
      expect(rightsFor(metaOf([everything], { allow_import: 1 }), roles('Boss')).grants.get('import')).to.equal('all');
    });

    it('grants every other right where a row sets it', () => {
      const rights = rightsFor(metaOf([everything]), roles('Boss'));
      for (const right of RIGHTS.filter((r) => !['submit', 'cancel', 'amend', 'import'].includes(r))) expect(rights.grants.get(right), right).to.equal('all');
    });
  });

  describe('permlevel N rows', () => {
    it('open fields of level N for reading (read) or reading and writing (write)', () => {
      const meta = metaOf([
        { role: 'R', read: 1, write: 1 },
        { role: 'Auditor', permlevel: 1, read: 1 },
        { role: 'Editor', permlevel: 2, write: 1 },
      ]);
      const auditor = rightsFor(meta, roles('R', 'Auditor'));
      expect([levels(auditor.readLevels), levels(auditor.writeLevels)]).to.deep.equal([[0, 1], [0]]);
      const editor = rightsFor(meta, roles('R', 'Editor'));
      expect([levels(editor.readLevels), levels(editor.writeLevels)]).to.deep.equal([[0, 2], [0, 2]]);
      const plain = rightsFor(meta, roles('R'));
      expect([levels(plain.readLevels), levels(plain.writeLevels)]).to.deep.equal([[0], [0]]);
    });

    it('grant no document rights: a level-1 row with every right set adds no right', () => {
      const meta = metaOf([
        { role: 'R', read: 1 },
        { role: 'R', permlevel: 1, read: 1, write: 1, create: 1, delete: 1, export: 1 },
      ]);
      expect(grantsOf(rightsFor(meta, roles('R')))).to.deep.equal({ read: 'all' });
    });

    it('read a level given as text ("1") as the number', () => {
      const rights = rightsFor(metaOf([{ role: 'R', read: 1 }, { role: 'R', permlevel: '1' as unknown as number, read: 1 }]), roles('R'));
      expect(levels(rights.readLevels)).to.deep.equal([0, 1]);
    });
  });
});
