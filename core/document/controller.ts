/**
 * Controllers: an optional TypeScript module beside a DocType's JSON that adds behaviour through
 * Frappe's hook names. Hooks run in Frappe's order (see write.ts) inside the document's transaction.
 */
import { pathToFileURL } from 'node:url';
import type { DocTypeMeta } from '../meta';
import type { Doc } from './doc';
import type { HookContext } from './hook-context';

export type Hook = (doc: Doc, ctx: HookContext) => void | Promise<void>;

export const HOOK_NAMES = [
  'before_insert',
  'before_naming',
  'before_validate',
  'validate',
  'before_save',
  'before_submit',
  'before_cancel',
  'before_update_after_submit',
  'after_insert',
  'on_update',
  'on_submit',
  'on_cancel',
  'on_update_after_submit',
  'on_trash',
  'after_delete',
  'on_change',
] as const;

export type HookName = (typeof HOOK_NAMES)[number];

/** A method a client may call on a document (`run_method`), marked callable by the controller. */
export interface DocumentMethod {
  /** Only methods marked callable are reachable from the API, like Frappe's @whitelist. */
  callable: boolean;
  /** Shown as a button on the document's form (the desk reads it from the meta). */
  label?: string;
  handler: (doc: Doc, args: Record<string, unknown>, ctx: HookContext) => unknown | Promise<unknown>;
}

export type Controller = Partial<Record<HookName, Hook>> & {
  /** Names the document; answer the name (or set doc.name). Overrides the DocType's autoname. */
  autoname?: (doc: Doc, ctx: HookContext) => string | void | Promise<string | void>;
  methods?: Record<string, DocumentMethod>;
};

/** Gives a controller module its type; the module's default export is the controller. */
export function defineController(controller: Controller): Controller {
  return controller;
}

/** Loads each DocType's controller once (TypeScript modules run through tsx). */
export class ControllerRegistry {
  private readonly loaded = new Map<string, Controller>();

  static async load(metas: DocTypeMeta[], extra: Record<string, Controller> = {}): Promise<ControllerRegistry> {
    const registry = new ControllerRegistry();
    for (const meta of metas) {
      if (!meta.controllerFile) continue;
      const module = (await loadModule(meta.controllerFile)) as { default?: Controller };
      if (!module.default || typeof module.default !== 'object')
        throw new Error(`${meta.controllerFile}: a controller must export default defineController({...})`);
      registry.loaded.set(meta.name, module.default);
    }
    const known = new Set(metas.map((m) => m.name));
    for (const [doctype, controller] of Object.entries(extra)) {
      // A controller under a misspelt name would never run: refuse it rather than ignore its hooks.
      if (!known.has(doctype)) throw new Error(`A controller was given for "${doctype}", which is not a loaded DocType`);
      registry.loaded.set(doctype, controller);
    }
    return registry;
  }

  get(doctype: string): Controller {
    return this.loaded.get(doctype) ?? {};
  }
}

/**
 * Loads a TypeScript module the way the running code was loaded: when this file runs as CommonJS
 * (tsx's require hook, as under mocha) through `require`, else through `import()`. Mixing the two
 * would give the controller its own copy of every framework module, so an error class it throws
 * would not be the one the API's error handler knows.
 */
export async function loadModule(file: string): Promise<unknown> {
  if (typeof require === 'function') return require(file) as unknown;
  return import(pathToFileURL(file).href);
}
