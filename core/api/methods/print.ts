/**
 * Printing, under Frappe's name: `frappe.www.printview.get_html_and_style` answers
 * `{message: {html, style}}` for a saved document. Arguments: `doc` (the DocType, as Frappe names it)
 * or `doctype`, `name`, `print_format` (a named format, `Standard`, or none for the DocType's default)
 * and `no_letterhead` (ignored: there are no letterheads). Needs the `print` right on the DocType
 * (its if_owner scope included) and read access to the document.
 */
import { PermissionError, ValidationError } from '../../errors';
import type { DocTypeMeta } from '../../meta';
import { renderPrint } from '../../render';
import { optionalText, requiredText } from '../params';
import { read, type MethodCall, type MethodTable } from './types';

function noPrint(meta: DocTypeMeta, why = `No permission to print ${meta.name}`) {
  return new PermissionError(why, [{ fieldname: 'doctype', message: why }]);
}

async function getHtmlAndStyle({ ctx, args, state }: MethodCall) {
  const doctype = optionalText(args, 'doctype') ?? requiredText(args, 'doc');
  if (doctype.trim().startsWith('{'))
    throw new ValidationError('Only saved documents can be printed: pass doc (the DocType) and name', [{ fieldname: 'doc', message: 'expected a DocType name' }]);
  const meta = state.site.registry.get(doctype);
  if (meta.istable) throw new ValidationError(`${meta.name} is a child table: print its parent document`, [{ fieldname: 'doctype', message: 'child tables are printed with their parent' }]);
  const name = meta.issingle ? (optionalText(args, 'name') ?? meta.name) : requiredText(args, 'name');
  if (!ctx.access.can(meta, 'print')) throw noPrint(meta);
  return renderPrint({
    store: ctx.documents,
    doctype: meta.name,
    name,
    printFormat: optionalText(args, 'print_format'),
    async authorize(docMeta, doc) {
      const scope = await ctx.access.scope(docMeta, 'print');
      if (scope.owner && String(doc.owner ?? '') !== scope.owner) throw noPrint(docMeta, `No permission to print ${docMeta.name} ${String(doc.name)}: you may print only your own documents`);
    },
  });
}

export const PRINT_METHODS: MethodTable = {
  'frappe.www.printview.get_html_and_style': read(getHtmlAndStyle),
};
