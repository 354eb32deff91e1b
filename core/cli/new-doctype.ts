/** `tabula new-doctype <Name>`: scaffolds `<folder>/<name>/<name>.json` and its controller. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, readConfig } from '../config';
import { checkDocTypeShape, loadDocTypes, scrub, type DocTypeDef } from '../meta';
import { doctypeSources } from '../site';

export async function newDoctypeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      module: { type: 'string', default: 'Custom' },
      folder: { type: 'string', default: join(PROJECT_ROOT, 'doctypes') },
      submittable: { type: 'boolean', default: false },
      child: { type: 'boolean', default: false },
    },
  });
  const name = positionals.join(' ').trim();
  if (!name) {
    console.error('Usage: tabula new-doctype <Name> [--module M] [--folder F] [--submittable] [--child]');
    return 1;
  }
  const def = scaffold(name, values.module!, values.submittable!, values.child!);
  const shape = checkDocTypeShape(def);
  if (shape.length) {
    console.error(`"${name}" cannot be a DocType name: ${shape.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    return 1;
  }
  const folder = resolve(values.folder!);
  // DocType names are compared without case (the loader refuses "Note" beside "NOTE"), in the site's
  // folders and in the target folder, whose module subfolders the plain file check below cannot see.
  const existing = loadDocTypes([...doctypeSources(readConfig()), { app: 'folder', folder }]).registry.findIgnoringCase(name);
  if (existing) {
    console.error(`DocType "${existing.name}" already exists in ${existing.file}`);
    return 1;
  }
  const dir = join(folder, scrub(name));
  const jsonFile = join(dir, `${scrub(name)}.json`);
  if (existsSync(jsonFile)) {
    console.error(`${jsonFile} already exists`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(jsonFile, JSON.stringify(def, null, 1) + '\n');
  const created = [jsonFile];
  // Child rows run no hooks of their own (their parent's controller sees them): no controller to scaffold.
  if (!values.child) {
    const controllerFile = join(dir, `${scrub(name)}.ts`);
    writeFileSync(controllerFile, controllerSource(name, dir));
    created.push(controllerFile);
    const esm = ensureEsModules(folder, dir);
    if (esm) created.push(esm);
  }
  console.log(`Created ${created.map((f) => relative(process.cwd(), f)).join(', ')}.\nAdd fields to the JSON, then run: npx tabula migrate`);
  return 0;
}

function scaffold(name: string, module: string, submittable: boolean, child: boolean): DocTypeDef {
  const prefix = name.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase() || 'DOC';
  const def: DocTypeDef = {
    doctype: 'DocType',
    name,
    module,
    fields: [{ fieldname: 'title', fieldtype: 'Data', label: 'Title', reqd: 1, in_list_view: 1 }],
    field_order: ['title'],
    permissions: child ? [] : [{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1, report: 1, export: 1, ...(submittable ? { submit: 1, cancel: 1, amend: 1 } : {}) }],
    sort_field: 'modified',
    sort_order: 'DESC',
  };
  if (child) def.istable = 1;
  else {
    def.autoname = `${prefix}-.YYYY.-.#####`;
    def.title_field = 'title';
  }
  if (submittable && !child) def.is_submittable = 1;
  return def;
}

function controllerSource(name: string, dir: string): string {
  const documentModule = relative(dir, join(PROJECT_ROOT, 'core/document')).split('\\').join('/');
  return `/** ${name}: business rules. Hooks run in Frappe's order inside the document's transaction. */
import { defineController } from '${documentModule.startsWith('.') ? documentModule : `./${documentModule}`}';

export default defineController({
  validate(doc) {
    if (typeof doc.title === 'string') doc.title = doc.title.trim();
  },
});
`;
}

/**
 * The controller is an ES module (`import` / `export default`). Outside this project (whose
 * package.json says "type": "module") a .ts file would be loaded as CommonJS, and its import of the
 * framework would fail (require() of an ES module already being loaded). When the package.json that
 * governs `dir` does not make it ESM, write one that does: at the folder root if it has none, else in
 * the DocType's own folder (never touching a package.json that is already there). Answers its path.
 */
function ensureEsModules(folder: string, dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const pkg = join(at, 'package.json');
    if (existsSync(pkg)) {
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type;
      } catch {
        type = undefined;
      }
      if (type === 'module') return undefined;
      break;
    }
    if (dirname(at) === at) break;
  }
  const target = existsSync(join(folder, 'package.json')) ? join(dir, 'package.json') : join(folder, 'package.json');
  writeFileSync(target, JSON.stringify({ private: true, type: 'module' }, null, 2) + '\n');
  return target;
}
