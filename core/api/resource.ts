/**
 * Frappe's REST resources: /api/resource/{doctype}[/{name}], answered as `{data}`. Names may contain
 * `/` and spaces (the rest of the path is the name). POST with `run_method` calls a controller method
 * the controller marks callable.
 */
import { Router, type Request } from 'express';
import { ValidationError } from '../errors';
import type { ApiState } from './context';
import { ctxOf } from './context';
import { listRequestOf, reportTruncation, runList, shapeRows } from './lists';
import { argsOf, flagArg, type Args } from './params';

function docBody(req: Request): Record<string, unknown> {
  let body = req.body as unknown;
  // Frappe also accepts the document as JSON text in a `data` form field.
  if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as Args).data === 'string') {
    try {
      body = JSON.parse((body as Args).data as string);
    } catch {
      throw new ValidationError('data is not valid JSON', [{ fieldname: 'data', message: 'must be a JSON object' }]);
    }
  }
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('The request body must be a JSON object (the document)', [{ fieldname: 'body', message: 'expected a JSON object' }]);
  const doc = { ...(body as Args) };
  delete doc.doctype; // the path names the DocType
  return doc;
}

function nameOf(req: Request): string {
  const parts = (req.params as Record<string, string | string[]>).name;
  return Array.isArray(parts) ? parts.join('/') : String(parts);
}

function doctypeOf(req: Request): string {
  return String((req.params as Record<string, string>).doctype);
}

export function resourceRoutes(state: ApiState): Router {
  const router = Router();

  router.get('/resource/:doctype', async (req, res) => {
    const ctx = ctxOf(res);
    const args = argsOf(req);
    const result = await runList(state, ctx, doctypeOf(req), listRequestOf(args));
    res.json({ data: shapeRows(result, flagArg(args, 'as_dict', true)), ...reportTruncation(res, result) });
  });

  router.post('/resource/:doctype', async (req, res) => {
    const ctx = ctxOf(res);
    res.json({ data: await ctx.documents.insert(doctypeOf(req), docBody(req)) });
  });

  router.get('/resource/:doctype/*name', async (req, res) => {
    const ctx = ctxOf(res);
    const args = argsOf(req);
    const method = typeof args.run_method === 'string' ? args.run_method : undefined;
    if (method) {
      delete args.run_method;
      res.json({ data: await ctx.documents.runMethod(doctypeOf(req), nameOf(req), method, args) });
      return;
    }
    res.json({ data: await ctx.documents.get(doctypeOf(req), nameOf(req)) });
  });

  router.post('/resource/:doctype/*name', async (req, res) => {
    const ctx = ctxOf(res);
    const args = argsOf(req);
    const method = typeof args.run_method === 'string' ? args.run_method : undefined;
    if (!method) throw new ValidationError('POST on a document needs ?run_method=<method>; use PUT to update it', [{ fieldname: 'run_method', message: 'required' }]);
    delete args.run_method;
    // Calling a method that may change the document needs write permission, as in Frappe.
    res.json({ data: await ctx.documents.runMethod(doctypeOf(req), nameOf(req), method, args, 'write') });
  });

  router.put('/resource/:doctype/*name', async (req, res) => {
    const ctx = ctxOf(res);
    res.json({ data: await ctx.documents.save(doctypeOf(req), nameOf(req), docBody(req)) });
  });

  router.delete('/resource/:doctype/*name', async (req, res) => {
    const ctx = ctxOf(res);
    await ctx.documents.delete(doctypeOf(req), nameOf(req));
    // Current Frappe answers `data`, older Frappe (and the JS SDK's README) `message`: send both.
    res.status(202).json({ data: 'ok', message: 'ok' });
  });

  return router;
}
