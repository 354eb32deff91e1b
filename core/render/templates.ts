/**
 * Finding and compiling print templates. A DocType's print formats are Handlebars files beside its
 * JSON: `<folder>/<scrub(name)>.print.hbs` is its default, `<folder>/<scrub(format)>.print.hbs` a
 * named one. `Standard` (core/render/templates/standard.hbs) prints any DocType from its meta.
 *
 * A template's `<style>` blocks are its CSS: they are taken out before it is compiled and answered
 * as the `style` part. Templates may not use unescaped output (`{{{ }}}` or `{{& }}`): the file is
 * refused, so no value ever reaches the page unescaped.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DoesNotExistError } from '../errors';
import { scrub, type DocTypeMeta } from '../meta';
import { createPrintHandlebars, HELPER_NAMES } from './helpers';

export const STANDARD_FORMAT = 'Standard';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'templates');
export const STANDARD_TEMPLATE = join(TEMPLATE_DIR, 'standard.hbs');
export const BASE_STYLE_FILE = join(TEMPLATE_DIR, 'print.css');

export interface CompiledTemplate {
  file: string;
  render(context: unknown, data: Record<string, unknown>): string;
  /** The CSS from the template's `<style>` blocks. */
  style: string;
}

const hbs = createPrintHandlebars();
const KNOWN_HELPERS = Object.fromEntries(HELPER_NAMES.map((name) => [name, true]));
const cache = new Map<string, { mtimeMs: number; template: CompiledTemplate }>();

/** A template file that cannot be used: names the file and the reason (a server error, not the caller's). */
export class PrintTemplateError extends Error {
  constructor(file: string, reason: string) {
    super(`print template ${file}: ${reason}`);
    this.name = 'PrintTemplateError';
  }
}

/** The folder holding a DocType's JSON file, when it was loaded from one. */
function doctypeFolder(meta: DocTypeMeta): string | undefined {
  if (meta.controllerFile) return dirname(meta.controllerFile);
  if (!meta.file.endsWith('.json')) return undefined;
  const file = resolve(meta.file);
  return existsSync(file) ? dirname(file) : undefined;
}

/** The template file of a print format: the DocType's default when no format is named, else `Standard`. */
export function templateFileFor(meta: DocTypeMeta, printFormat?: string): string {
  const format = printFormat?.trim();
  if (format && format.toLowerCase() === STANDARD_FORMAT.toLowerCase()) return STANDARD_TEMPLATE;
  const folder = doctypeFolder(meta);
  const base = scrub(format || meta.name);
  const file = folder && /^[a-z0-9_]+$/.test(base) ? join(folder, `${base}.print.hbs`) : undefined;
  if (file && existsSync(file)) return file;
  if (!format) return STANDARD_TEMPLATE;
  throw new DoesNotExistError(`Print Format ${format} not found for ${meta.name}`, [{ fieldname: 'print_format', message: `no print format "${format}" for ${meta.name}` }]);
}

/** Walks a template's syntax tree and refuses unescaped output. */
function refuseUnescaped(node: unknown, file: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) refuseUnescaped(child, file);
    return;
  }
  const n = node as { type?: string; escaped?: boolean; loc?: { start?: { line?: number } } };
  if (n.type === 'MustacheStatement' && n.escaped === false)
    throw new PrintTemplateError(file, `line ${n.loc?.start?.line ?? '?'} writes a value unescaped ({{{ }}} or {{& }}); use {{ }}`);
  if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') throw new PrintTemplateError(file, `line ${n.loc?.start?.line ?? '?'} uses a partial; print templates have none`);
  for (const [key, child] of Object.entries(node)) if (key !== 'loc') refuseUnescaped(child, file);
}

const STYLE_BLOCK = /<style[^>]*>([\s\S]*?)<\/style\s*>/gi;

export function compileTemplate(source: string, file: string): CompiledTemplate {
  const styles: string[] = [];
  const body = source.replace(STYLE_BLOCK, (_, css: string) => {
    styles.push(css.trim());
    return '';
  });
  const options = { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, strict: false, preventIndent: true };
  let compiled: ReturnType<typeof hbs.compile>;
  try {
    refuseUnescaped(hbs.parse(body), file);
    hbs.precompile(body, options); // compiles now (compile is lazy), so an unknown helper is reported for the file at once
    compiled = hbs.compile(body, options);
  } catch (error) {
    if (error instanceof PrintTemplateError) throw error;
    throw new PrintTemplateError(file, (error as Error).message);
  }
  return {
    file,
    style: styles.join('\n\n'),
    render: (context, data) => compiled(context, { data, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }),
  };
}

/** A template file, compiled once and again whenever the file changes. */
export function loadTemplate(file: string): CompiledTemplate {
  const mtimeMs = statSync(file).mtimeMs;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.template;
  const template = compileTemplate(readFileSync(file, 'utf8'), file);
  cache.set(file, { mtimeMs, template });
  return template;
}

let baseStyle: string | undefined;

/** The CSS every print format starts from (page size, fonts, tables). */
export function printBaseStyle(): string {
  baseStyle ??= readFileSync(BASE_STYLE_FILE, 'utf8').trim();
  return baseStyle;
}
