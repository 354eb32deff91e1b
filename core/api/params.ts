/**
 * Request arguments as Frappe's form_dict: the query string and the body (JSON or form-encoded)
 * merged, body winning. Values that are JSON text (filters, fields, doc) are parsed where used.
 */
import type { Request } from 'express';
import { ValidationError } from '../errors';

export type Args = Record<string, unknown>;

export function argsOf(req: Request): Args {
  const args: Args = {};
  for (const [key, value] of Object.entries(req.query)) args[key.replace(/\[\]$/, '')] = value;
  const body = req.body as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(args, body as Args);
  return args;
}

/** A required text argument; a 417 naming it when missing or not text. */
export function requiredText(args: Args, key: string): string {
  const value = args[key];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${key} is required`, [{ fieldname: key, message: `${key} is required` }]);
  return value;
}

export function optionalText(args: Args, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ValidationError(`${key} must be text`, [{ fieldname: key, message: `${key} must be text` }]);
  return value;
}

/** An object argument given as JSON text (query string, form) or as an object (JSON body). */
export function jsonObject(args: Args, key: string, required = true): Record<string, unknown> | undefined {
  let value = args[key];
  if (typeof value === 'string') {
    if (value.trim() === '' && !required) return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      throw new ValidationError(`${key} is not valid JSON`, [{ fieldname: key, message: `${key} must be a JSON object` }]);
    }
  }
  if (value === undefined || value === null) {
    if (!required) return undefined;
    throw new ValidationError(`${key} is required`, [{ fieldname: key, message: `${key} is required` }]);
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(`${key} must be an object`, [{ fieldname: key, message: `${key} must be a JSON object` }]);
  return value as Record<string, unknown>;
}

/** Booleans arrive as true/false, 1/0 or their text. */
export function flagArg(args: Args, key: string, fallback: boolean): boolean {
  const value = args[key];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  throw new ValidationError(`${key} must be true or false`, [{ fieldname: key, message: `${key} must be true or false, got ${JSON.stringify(value)}` }]);
}
