/**
 * Reads DocType JSON files from app folders and extra folders, validates each, and builds the
 * registry. Any error means no registry: the app refuses to start rather than half-load.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { MetaError, type MetaProblem } from '../errors';
import { checkDocType } from './check-doctype';
import { DocTypeMeta } from './doctype';
import { checkDocTypeShape } from './metaschema';
import { MetaRegistry } from './registry';
import type { DocTypeDef } from './types';

export interface DocTypeSource {
  /** The app the folder belongs to (`core`, `crm`, or `paths` for TABULA_DOCTYPE_PATHS). */
  app: string;
  folder: string;
}

export interface LoadResult {
  registry: MetaRegistry;
  problems: MetaProblem[];
  errors: MetaProblem[];
  warnings: MetaProblem[];
}

interface FoundFile {
  app: string;
  file: string;
}

/** A DocType lives in `<folder>/<name>/<name>.json`, possibly below module folders (as Frappe lays apps out). */
export function findDocTypeFiles(folder: string, depth = 3): string[] {
  if (!existsSync(folder)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const dir = join(folder, entry.name);
    const json = join(dir, `${entry.name}.json`);
    if (existsSync(json) && statSync(json).isFile()) files.push(json);
    else if (depth > 1) files.push(...findDocTypeFiles(dir, depth - 1));
  }
  return files;
}

export function loadDocTypes(sources: DocTypeSource[], extraDefs: { app: string; def: DocTypeDef; file?: string }[] = []): LoadResult {
  const problems: MetaProblem[] = [];
  const metas: DocTypeMeta[] = [];
  const origin = new Map<string, { file: string; name: string }>();

  // Keyed by lower-case name: as in Frappe (whose tabDocType compares names without case), "Note" and
  // "NOTE" are the same DocType; on SQLite their tables would be the same table, too.
  const accept = (def: DocTypeDef, file: string, app: string, absoluteFile?: string) => {
    const previous = origin.get(def.name.toLowerCase());
    if (previous) {
      const as = previous.name === def.name ? '' : ` (as "${previous.name}"; DocType names are compared without case)`;
      problems.push({ file, doctype: def.name, field: 'name', severity: 'error', message: `DocType "${def.name}" is defined twice: here and in ${previous.file}${as}` });
      return;
    }
    origin.set(def.name.toLowerCase(), { file, name: def.name });
    metas.push(new DocTypeMeta(def, file, absoluteFile && controllerBeside(absoluteFile), app));
  };

  const found: FoundFile[] = sources.flatMap(({ app, folder }) => findDocTypeFiles(folder).map((file) => ({ app, file })));
  for (const { app, file } of found) {
    const def = readDefinition(file, problems);
    if (def) accept(def, displayPath(file), app, resolve(file));
  }
  for (const { app, def, file } of extraDefs) {
    const shape = checkDocTypeShape(def);
    const where = file ?? `<${def.name ?? 'unnamed'}>`;
    if (shape.length) problems.push(...shape.map((p) => ({ file: where, doctype: def.name, ...p, severity: 'error' as const })));
    else accept(def, where, app);
  }

  const lookup = new MetaRegistry(metas);
  for (const meta of metas) problems.push(...checkDocType(meta, lookup));
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return { registry: lookup, problems, errors, warnings };
}

/** Loads and refuses to go on if any file has an error. */
export function loadDocTypesOrThrow(sources: DocTypeSource[], extraDefs: Parameters<typeof loadDocTypes>[1] = []): LoadResult {
  const result = loadDocTypes(sources, extraDefs);
  if (result.errors.length) throw new MetaError(result.errors);
  return result;
}

function readDefinition(file: string, problems: MetaProblem[]): DocTypeDef | undefined {
  const shown = displayPath(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push({ file: shown, severity: 'error', message: `not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
  const shape = checkDocTypeShape(json);
  if (shape.length) {
    const doctype = typeof (json as { name?: unknown })?.name === 'string' ? (json as { name: string }).name : undefined;
    problems.push(...shape.map((p) => ({ file: shown, doctype, ...p, severity: 'error' as const })));
    return undefined;
  }
  return json as DocTypeDef;
}

function controllerBeside(file: string): string | undefined {
  const ts = file.replace(/\.json$/, '.ts');
  return existsSync(ts) ? ts : undefined;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') && rel.split('/').filter((p) => p === '..').length > 2 ? file : rel || basename(file);
}
