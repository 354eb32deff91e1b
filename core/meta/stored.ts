/** A virtual DocType has no table: every path that would read or write its rows refuses it the same way. */
import { ValidationError } from '../errors';
import type { DocTypeMeta } from './doctype';

/** Throws when `meta` is virtual; `action` says what was asked ("list", "search", "hold documents"). */
export function assertStored(meta: DocTypeMeta, action: string): void {
  if (meta.isVirtual) throw new ValidationError(`${meta.name} is virtual: it has no table to ${action}`, [{ fieldname: 'doctype', message: `${meta.name} is a virtual DocType` }]);
}
