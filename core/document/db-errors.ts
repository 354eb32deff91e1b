/**
 * Maps the databases' duplicate-key errors to Frappe's: a clash on `name` is DuplicateEntryError (409),
 * a clash on a unique field is UniqueValidationError naming the field. Checks before writing catch
 * most clashes; this catches the ones concurrent writers race past them.
 */
import { DuplicateEntryError, UniqueValidationError, type TabulaError } from '../errors';
import type { DocTypeMeta } from '../meta';

interface DriverError {
  errno?: number;
  code?: string;
  message?: string;
}

export function translateDuplicate(error: unknown, meta: DocTypeMeta, name: unknown): TabulaError | undefined {
  const e = error as DriverError;
  const mysqlDuplicate = e?.errno === 1062;
  const sqliteDuplicate = e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!mysqlDuplicate && !sqliteDuplicate) return undefined;
  const message = e.message ?? '';
  const onName = e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /for key '(?:[^']*\.)?PRIMARY'/.test(message) || /\.name$/.test(message.trim());
  if (onName) return new DuplicateEntryError(`${meta.name} ${String(name)} already exists`, [{ fieldname: 'name', message: `${meta.name} ${String(name)} already exists` }]);
  const field = meta.fields.find((f) => f.unique && (message.includes(`unique_${f.fieldname}`) || message.includes(`.${f.fieldname}`)));
  const label = field?.label ?? 'A unique field';
  return new UniqueValidationError(`${label} must be unique`, [{ fieldname: field?.fieldname, message: `${label} must be unique` }]);
}
