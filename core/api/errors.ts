/**
 * Errors as Frappe answers them: the status of the exception class, `exc_type`, `exception`,
 * `_server_messages` (a JSON string holding JSON strings), plus a plain `message` and the field-level
 * `errors[]` Frappe lacks. Stack traces (`exc`) only in development mode; a real bug is a 500 with a
 * generic message, and its stack goes to the server log.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { TabulaError, ValidationError } from '../errors';

const TITLES: Record<number, string> = { 401: 'Not Permitted', 403: 'Not Permitted', 404: 'Not Found', 409: 'Duplicate Entry', 429: 'Too Many Requests' };

export interface ErrorBody {
  exc_type: string;
  exception: string;
  message: string;
  _server_messages: string;
  errors: unknown[];
  exc?: string;
}

export function errorBody(error: TabulaError, devMode: boolean): ErrorBody {
  const title = TITLES[error.httpStatus] ?? 'Message';
  const serverMessage = JSON.stringify({ message: error.message, title, indicator: 'red', raise_exception: 1 });
  return {
    exc_type: error.excType,
    exception: `frappe.exceptions.${error.excType}: ${error.message}`,
    message: error.message,
    _server_messages: JSON.stringify([serverMessage]),
    errors: error.errors,
    ...(devMode && error.stack ? { exc: JSON.stringify([error.stack]) } : {}),
  };
}

export function sendError(res: Response, error: TabulaError, devMode: boolean): void {
  if (res.headersSent) return;
  res.status(error.httpStatus).json(errorBody(error, devMode));
}

/** A malformed body from express's parsers (bad JSON, too large) is the client's fault: a 4xx naming it. */
function fromParser(error: unknown): TabulaError | undefined {
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return new BadRequestError(`The request body is not valid JSON: ${e.message}`, [{ fieldname: 'body', message: 'not valid JSON' }]);
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError('The request body is too large', [{ fieldname: 'body', message: 'too large' }]);
  if (e?.status && e.status >= 400 && e.status < 500) return new BadRequestError(e.message ?? 'Bad request');
  return undefined;
}

export class BadRequestError extends ValidationError {
  override readonly excType = 'ValidationError';
  override readonly httpStatus = 400;
}

class PayloadTooLargeError extends ValidationError {
  override readonly httpStatus = 413;
}

class InternalError extends TabulaError {}

export function errorHandler(devMode: boolean): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof TabulaError) return sendError(res, error, devMode);
    const parsed = fromParser(error);
    if (parsed) return sendError(res, parsed, devMode);
    console.error(`[api] ${req.method} ${req.originalUrl}:`, error);
    const internal = new InternalError(devMode && error instanceof Error ? error.message : 'Internal Server Error');
    if (error instanceof Error && devMode) internal.stack = error.stack;
    sendError(res, internal, devMode);
  };
}
