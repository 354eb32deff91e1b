/** /api/method/<dotted.name>: the whitelisted methods, answered as `{message}`. */
import { Router } from 'express';
import { DoesNotExistError, PermissionError } from '../errors';
import { ctxOf, type ApiState } from './context';
import { appMethod } from './app-methods';
import { ASSIGN_TO_METHODS } from './methods/assign_to';
import { BULK_METHODS } from './methods/bulk';
import { CLIENT_METHODS } from './methods/client';
import { DESK_METHODS } from './methods/desk';
import { META_METHODS } from './methods/meta';
import { PRINT_METHODS } from './methods/print';
import { SESSION_METHODS } from './methods/session';
import { REPORT_METHODS } from './methods/report';
import { ANSWERED, WholeBody, type MethodTable } from './methods/types';
import { argsOf } from './params';

export const METHODS: MethodTable = { ...SESSION_METHODS, ...CLIENT_METHODS, ...DESK_METHODS, ...BULK_METHODS, ...META_METHODS, ...PRINT_METHODS, ...REPORT_METHODS, ...ASSIGN_TO_METHODS };

const READ_VERBS = new Set(['GET', 'HEAD']);

export function methodRoutes(state: ApiState): Router {
  const router = Router();
  router.all('/method/:method', async (req, res) => {
    const name = String((req.params as Record<string, string>).method);
    const method = Object.hasOwn(METHODS, name) ? METHODS[name] : await appMethod(state.site.config.apps, name);
    if (!method) throw new DoesNotExistError(`Method ${name} not found`, [{ fieldname: 'method', message: `no method "${name}"` }]);
    if (method.kind === 'write' && READ_VERBS.has(req.method))
      throw new PermissionError(`${name} changes data: call it with POST`, [{ fieldname: 'method', message: 'POST, PUT or DELETE required' }]);
    const result = await method.run({ ctx: ctxOf(res), args: argsOf(req), req, res, state });
    if (result === ANSWERED) return;
    if (result instanceof WholeBody) res.json(result.body);
    else res.json(result === undefined ? {} : { message: result });
  });
  return router;
}
