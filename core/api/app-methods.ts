/**
 * Methods an app adds to /api/method, declared the way its jobs are: `fixtures/<app>/methods.ts`
 * exports `methods` (a MethodTable, e.g. `{ 'tabula.crm.customer_profile': read(...) }`). Only the
 * site's apps are loaded, once, on the first call that is not one of the framework's own; a name an
 * app declares twice, or that shadows another app's, stops the load with an error naming the file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { loadModule } from '../document';
import type { ApiMethod, MethodTable } from './methods/types';

export function methodsFile(app: string): string {
  return resolve(PROJECT_ROOT, 'fixtures', app, 'methods.ts');
}

const loaded = new Map<string, Promise<MethodTable>>();

export function loadAppMethods(apps: readonly string[]): Promise<MethodTable> {
  const key = apps.join(',');
  let table = loaded.get(key);
  if (!table) {
    table = (async () => {
      const found: MethodTable = {};
      for (const app of apps) {
        const file = methodsFile(app);
        if (!existsSync(file)) continue;
        const module = (await loadModule(file)) as { methods?: MethodTable };
        if (!module.methods || typeof module.methods !== 'object') throw new Error(`${file}: export const methods = { ... } is missing`);
        for (const [name, method] of Object.entries(module.methods)) {
          if (Object.hasOwn(found, name)) throw new Error(`${file}: method "${name}" is declared by another app too`);
          found[name] = method;
        }
      }
      return found;
    })();
    loaded.set(key, table);
    table.catch(() => loaded.delete(key));
  }
  return table;
}

export async function appMethod(apps: readonly string[], name: string): Promise<ApiMethod | undefined> {
  const table = await loadAppMethods(apps);
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
