/** A whitelisted method: /api/method/<name> answers `{message: <result>}` (no key when it answers nothing). */
import type { Request, Response } from 'express';
import type { ApiState, RequestContext } from '../context';
import type { Args } from '../params';

export interface MethodCall {
  ctx: RequestContext;
  args: Args;
  req: Request;
  res: Response;
  state: ApiState;
}

export interface ApiMethod {
  /** `write` methods change data and accept only POST, PUT or DELETE (so the CSRF check covers them). */
  kind: 'read' | 'write';
  run(call: MethodCall): unknown | Promise<unknown>;
}

export type MethodTable = Record<string, ApiMethod>;

export const read = (run: ApiMethod['run']): ApiMethod => ({ kind: 'read', run });
export const write = (run: ApiMethod['run']): ApiMethod => ({ kind: 'write', run });

/** A method answer sent as the whole body rather than as `message` (login answers Frappe's shape). */
export class WholeBody {
  constructor(readonly body: Record<string, unknown>) {}
}

/** A method that wrote its own answer (a file download): the router sends nothing more. */
export const ANSWERED = Symbol('answered');
