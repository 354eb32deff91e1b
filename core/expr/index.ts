/**
 * DocField condition expressions (`depends_on`, `mandatory_depends_on`, `read_only_depends_on`).
 *
 * Supported forms:
 *   - empty / null / undefined      -> always true
 *   - `eval:<expression>`           -> safe JS-subset expression with `doc` and `parent` in scope
 *   - `fn:<method>`                 -> a client-script method; cannot be evaluated here (treated as true)
 *   - `<fieldname>`                 -> true when doc[fieldname] is truthy (an empty array is false)
 *
 * Pure TypeScript (no eval / Function / Node APIs): shared by the server and the browser UI.
 */
import { evaluateNode, getMember, isConditionTruthy, type ExprScope } from './evaluate';
import { parseExpression, type Node } from './parser';
import { ExpressionError } from './tokenizer';

export { ExpressionError } from './tokenizer';
export type { ExprScope } from './evaluate';

export type ConditionKind = 'always' | 'field' | 'eval' | 'method';

export interface CompiledCondition {
  /** The condition string as given ('' for null/undefined). */
  readonly source: string;
  readonly kind: ConditionKind;
  /** Evaluate against a document. `method` conditions evaluate to true. */
  evaluate(scope: ExprScope): boolean;
}

const EVAL_PREFIX = 'eval:';
const METHOD_PREFIX = 'fn:';
const FIELDNAME_RE = /^[A-Za-z0-9_]+$/;
const CACHE_LIMIT = 5000;

const conditionCache = new Map<string, CompiledCondition>();
const expressionCache = new Map<string, Node>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function withContext(error: unknown, source: string): unknown {
  if (error instanceof ExpressionError) {
    return new ExpressionError(`${error.message} in ${JSON.stringify(source)}`, error.position);
  }
  return error;
}

const ALWAYS: CompiledCondition = Object.freeze({
  source: '',
  kind: 'always' as const,
  evaluate: (): boolean => true,
});

function build(source: string): CompiledCondition {
  const lead = source.length - source.trimStart().length;
  const trimmed = source.trim();

  if (trimmed === '') {
    return Object.freeze({ source, kind: 'always' as const, evaluate: (): boolean => true });
  }

  if (trimmed.startsWith(EVAL_PREFIX)) {
    const bodyOffset = lead + EVAL_PREFIX.length;
    const body = source.slice(bodyOffset);
    if (body.trim() === '') {
      throw new ExpressionError(`Empty expression after "eval:" in ${JSON.stringify(source)}`, bodyOffset);
    }
    let ast: Node;
    try {
      ast = parseExpression(body, bodyOffset);
    } catch (error) {
      throw withContext(error, source);
    }
    return Object.freeze({
      source,
      kind: 'eval' as const,
      evaluate(scope: ExprScope): boolean {
        try {
          return isConditionTruthy(evaluateNode(ast, scope));
        } catch (error) {
          throw withContext(error, source);
        }
      },
    });
  }

  if (trimmed.startsWith(METHOD_PREFIX)) {
    if (trimmed.slice(METHOD_PREFIX.length).trim() === '') {
      throw new ExpressionError(`Missing method name after "fn:" in ${JSON.stringify(source)}`, lead + METHOD_PREFIX.length);
    }
    return Object.freeze({ source, kind: 'method' as const, evaluate: (): boolean => true });
  }

  if (!FIELDNAME_RE.test(trimmed)) {
    throw new ExpressionError(
      `Invalid condition ${JSON.stringify(source)}: expected "eval:<expression>", "fn:<method>" or a fieldname`,
      lead,
    );
  }
  const fieldname = trimmed;
  return Object.freeze({
    source,
    kind: 'field' as const,
    evaluate(scope: ExprScope): boolean {
      return isConditionTruthy(getMember(scope.doc, fieldname));
    },
  });
}

/**
 * Compile a condition string. Throws ExpressionError on a syntax error.
 * Results are cached by string.
 */
export function compileCondition(condition: string | undefined | null): CompiledCondition {
  if (condition === undefined || condition === null || condition === '') return ALWAYS;
  const cached = conditionCache.get(condition);
  if (cached) return cached;
  return remember(conditionCache, condition, build(condition));
}

/** Compile (cached) and evaluate a condition. `fn:` conditions are treated as satisfied (true). */
export function evaluateCondition(condition: string | undefined | null, scope: ExprScope): boolean {
  return compileCondition(condition).evaluate(scope);
}

/** Returns null if the condition is valid, else the error message. */
export function checkConditionSyntax(condition: string): string | null {
  try {
    compileCondition(condition);
    return null;
  } catch (error) {
    if (error instanceof ExpressionError) return error.message;
    throw error;
  }
}

/** Evaluate a raw expression (no `eval:` prefix) and return its value. */
export function evaluateExpression(source: string, scope: ExprScope): unknown {
  let ast = expressionCache.get(source);
  if (!ast) {
    try {
      ast = remember(expressionCache, source, parseExpression(source));
    } catch (error) {
      throw withContext(error, source);
    }
  }
  try {
    return evaluateNode(ast, scope);
  } catch (error) {
    throw withContext(error, source);
  }
}
