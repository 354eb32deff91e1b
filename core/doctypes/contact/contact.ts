/**
 * Contact (Frappe's frappe/contacts/doctype/contact): the full name follows the name parts; at most one
 * primary email, primary phone and primary mobile number, each copied into its header field (cleared
 * when there is none); a sole email is the primary one. Named "<full name>-<first link name>", numbered
 * "-1", "-2", ... when taken.
 */
import { ValidationError, type FieldErrorDetail } from '../../errors';
import { defineController, rowsOf, textOf, type Doc, type Executor } from '../../document';

type Row = Record<string, unknown>;

function fullNameOf(doc: Doc): string {
  return [doc.first_name, doc.middle_name, doc.last_name].map(textOf).filter(Boolean).join(' ');
}

/** `base` if no document of the table has it, else the first free "base-1", "base-2", ... (Frappe's append_number_if_name_exists). */
export async function uniqueName(db: Executor, table: string, base: string): Promise<string> {
  const taken = async (name: string) => Boolean(await db(table).where('name', name).first('name'));
  if (!(await taken(base))) return base;
  for (let n = 1; ; n++) if (!(await taken(`${base}-${n}`))) return `${base}-${n}`;
}

/** Checks that at most one row carries `flag`; answers that row's `valueField` (or null). */
function primaryOf(rows: Row[], tablefield: string, flag: string, valueField: string, label: string, problems: FieldErrorDetail[]): string | null {
  let primary: Row | undefined;
  rows.forEach((row, i) => {
    if (!Number(row[flag] ?? 0)) return;
    if (primary) problems.push({ fieldname: tablefield, parentfield: tablefield, idx: i + 1, message: `Only one ${label} can be set as primary (row ${i + 1})` });
    else primary = row;
  });
  return primary ? textOf(primary[valueField]) || null : null;
}

export default defineController({
  async autoname(doc, ctx) {
    const base = fullNameOf(doc) || textOf(doc.company_name);
    if (!base) return undefined; // first_name is mandatory: the framework's check answers it
    const link = rowsOf(doc, 'links').map((row) => textOf(row.link_name)).find(Boolean);
    return uniqueName(ctx.db, ctx.meta.tableName, link ? `${base}-${link}` : base);
  },

  validate(doc) {
    doc.full_name = fullNameOf(doc);
    const emails = rowsOf(doc, 'email_ids');
    if (emails.length === 1) emails[0]!.is_primary = 1;
    const phones = rowsOf(doc, 'phone_nos');
    const problems: FieldErrorDetail[] = [];
    doc.email_id = primaryOf(emails, 'email_ids', 'is_primary', 'email_id', 'email', problems);
    doc.phone = primaryOf(phones, 'phone_nos', 'is_primary_phone', 'phone', 'phone number', problems);
    doc.mobile_no = primaryOf(phones, 'phone_nos', 'is_primary_mobile_no', 'phone', 'mobile number', problems);
    if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
  },
});
