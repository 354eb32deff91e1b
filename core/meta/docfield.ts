/** A frozen DocField: the JSON definition plus what the field type registry says about it. */
import { fieldTypeInfo, type FieldTypeInfo } from './fieldtypes';
import { flag, type DocFieldDef } from './types';

export class DocField {
  readonly fieldname: string;
  readonly fieldtype: string;
  readonly label: string;
  readonly options: string;
  readonly type: FieldTypeInfo;
  /** Added by the framework (name, owner, modified, parent ...), not written in the JSON. */
  readonly standard: boolean;
  readonly def: Readonly<DocFieldDef>;

  constructor(def: DocFieldDef, standard = false) {
    this.def = Object.freeze({ ...def });
    this.fieldname = def.fieldname;
    this.fieldtype = def.fieldtype;
    this.label = def.label || def.fieldname;
    this.options = (def.options ?? '').toString();
    this.type = fieldTypeInfo(def.fieldtype);
    this.standard = standard;
    Object.freeze(this);
  }

  get hasColumn(): boolean {
    return this.type.column !== null;
  }
  get reqd(): boolean {
    return flag(this.def.reqd);
  }
  get unique(): boolean {
    return flag(this.def.unique);
  }
  get readOnly(): boolean {
    return flag(this.def.read_only);
  }
  get hidden(): boolean {
    return flag(this.def.hidden);
  }
  get permlevel(): number {
    return Number(this.def.permlevel ?? 0);
  }
  /** Select choices, in order; a leading blank line means the field may stay empty. */
  get selectOptions(): string[] {
    return this.options.split('\n').map((o) => o.trim()).filter((o) => o !== '');
  }
  /** varchar length: the field's `length`, else 140. */
  get length(): number {
    const length = Number(this.def.length ?? 0);
    return length > 0 ? length : 140;
  }
  is(key: keyof DocFieldDef): boolean {
    return flag(this.def[key]);
  }
}
