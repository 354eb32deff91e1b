/**
 * Recursive-descent parser producing an AST for the safe expression subset.
 *
 * Grammar (lowest to highest precedence, as in JavaScript):
 *   program     := conditional ';'? EOF
 *   conditional := or ('?' conditional ':' conditional)?
 *   or          := and ('||' and)*
 *   and         := equality ('&&' equality)*
 *   equality    := relational (('==' | '!=' | '===' | '!==') relational)*
 *   relational  := additive (('<' | '<=' | '>' | '>=') additive)*
 *   additive    := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/' | '%') unary)*
 *   unary       := ('!' | '-' | '+') unary | postfix
 *   postfix     := primary ( ('.' | '?.') name | ('.' | '?.')? '[' conditional ']' | '(' args ')' )*
 *   primary     := number | string | true | false | null | undefined | identifier
 *                | '[' (conditional (',' conditional)* ','?)? ']' | '(' conditional ')'
 *
 * Calls are only accepted for whitelisted helper functions (`in_list(...)`) and whitelisted
 * method names (`x.includes(...)`); anything else is rejected here, at parse time.
 */
import { ExpressionError, tokenize, type Token } from './tokenizer';

export type LiteralValue = string | number | boolean | null | undefined;
export type UnaryOperator = '!' | '-' | '+';
export type BinaryOperator =
  | '*' | '/' | '%' | '+' | '-'
  | '<' | '<=' | '>' | '>='
  | '==' | '!=' | '===' | '!==';
export type LogicalOperator = '&&' | '||';

export const HELPER_FUNCTIONS = ['in_list', 'cint', 'flt', 'cstr', 'is_null'] as const;
export type HelperName = (typeof HELPER_FUNCTIONS)[number];

export const METHOD_NAMES = [
  'includes', 'indexOf', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export type Node =
  | { readonly type: 'literal'; readonly value: LiteralValue; readonly pos: number }
  | { readonly type: 'array'; readonly elements: readonly Node[]; readonly pos: number }
  | { readonly type: 'identifier'; readonly name: string; readonly pos: number }
  | { readonly type: 'member'; readonly object: Node; readonly property: Node; readonly pos: number }
  | { readonly type: 'helperCall'; readonly name: HelperName; readonly args: readonly Node[]; readonly pos: number }
  | {
      readonly type: 'methodCall';
      readonly object: Node;
      readonly name: MethodName;
      readonly args: readonly Node[];
      readonly pos: number;
    }
  | { readonly type: 'unary'; readonly operator: UnaryOperator; readonly argument: Node; readonly pos: number }
  | {
      readonly type: 'binary';
      readonly operator: BinaryOperator;
      readonly left: Node;
      readonly right: Node;
      readonly pos: number;
    }
  | {
      readonly type: 'logical';
      readonly operator: LogicalOperator;
      readonly left: Node;
      readonly right: Node;
      readonly pos: number;
    }
  | {
      readonly type: 'conditional';
      readonly test: Node;
      readonly consequent: Node;
      readonly alternate: Node;
      readonly pos: number;
    };

/** Maximum nesting depth, so hostile input cannot overflow the call stack. */
const MAX_DEPTH = 100;

const KEYWORD_LITERALS: ReadonlyMap<string, LiteralValue> = new Map<string, LiteralValue>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
]);

function isHelperName(name: string): name is HelperName {
  return (HELPER_FUNCTIONS as readonly string[]).includes(name);
}

function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

function describe(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'end of expression';
    case 'string':
      return `string ${JSON.stringify(token.value)}`;
    case 'number':
      return `number ${token.value}`;
    default:
      return `"${token.value}"`;
  }
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parseProgram(): Node {
    if (this.peek().type === 'eof') this.error('Empty expression', this.peek());
    const node = this.parseConditional();
    this.matchPunct(';');
    const rest = this.peek();
    if (rest.type !== 'eof') this.error(`Unexpected ${describe(rest)}`, rest);
    return node;
  }

  // ---- token helpers -------------------------------------------------------

  private peek(): Token {
    // The token list always ends with an eof token, which is never consumed.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.value === value;
  }

  private matchPunct(value: string): boolean {
    if (this.isPunct(value)) {
      this.index++;
      return true;
    }
    return false;
  }

  private expectPunct(value: string, context: string): Token {
    const token = this.peek();
    if (token.type !== 'punct' || token.value !== value) {
      this.error(`Expected "${value}" ${context} but found ${describe(token)}`, token);
    }
    return this.next();
  }

  private error(message: string, token: Token): never {
    throw new ExpressionError(`${message} at position ${token.pos}`, token.pos);
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) this.error('Expression is nested too deeply', token);
  }

  private leave(): void {
    this.depth--;
  }

  // ---- grammar -------------------------------------------------------------

  private parseConditional(): Node {
    const start = this.peek();
    this.enter(start);
    try {
      const test = this.parseOr();
      if (!this.isPunct('?')) return test;
      this.next();
      const consequent = this.parseConditional();
      this.expectPunct(':', 'in conditional (?:) expression');
      const alternate = this.parseConditional();
      return { type: 'conditional', test, consequent, alternate, pos: start.pos };
    } finally {
      this.leave();
    }
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.isPunct('||')) {
      const op = this.next();
      const right = this.parseAnd();
      left = { type: 'logical', operator: '||', left, right, pos: op.pos };
    }
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseEquality();
    while (this.isPunct('&&')) {
      const op = this.next();
      const right = this.parseEquality();
      left = { type: 'logical', operator: '&&', left, right, pos: op.pos };
    }
    return left;
  }

  private parseBinaryLevel(operators: readonly BinaryOperator[], operand: () => Node): Node {
    let left = operand();
    for (;;) {
      const token = this.peek();
      const operator = operators.find((o) => token.type === 'punct' && token.value === o);
      if (operator === undefined) return left;
      this.next();
      const right = operand();
      left = { type: 'binary', operator, left, right, pos: token.pos };
    }
  }

  private parseEquality(): Node {
    return this.parseBinaryLevel(['===', '!==', '==', '!='], () => this.parseRelational());
  }

  private parseRelational(): Node {
    return this.parseBinaryLevel(['<=', '>=', '<', '>'], () => this.parseAdditive());
  }

  private parseAdditive(): Node {
    return this.parseBinaryLevel(['+', '-'], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Node {
    return this.parseBinaryLevel(['*', '/', '%'], () => this.parseUnary());
  }

  private parseUnary(): Node {
    const token = this.peek();
    if (token.type === 'punct' && (token.value === '!' || token.value === '-' || token.value === '+')) {
      this.next();
      this.enter(token);
      try {
        const argument = this.parseUnary();
        return { type: 'unary', operator: token.value, argument, pos: token.pos };
      } finally {
        this.leave();
      }
    }
    if (token.type === 'identifier' && (token.value === 'typeof' || token.value === 'new'
      || token.value === 'void' || token.value === 'delete')) {
      this.error(`"${token.value}" is not supported`, token);
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Node {
    let node = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'punct') return node;
      if (token.value === '.' || token.value === '?.') {
        this.next();
        if (this.isPunct('[') && token.value === '?.') {
          node = this.parseComputedMember(node);
          continue;
        }
        const name = this.peek();
        if (name.type !== 'identifier') {
          this.error(`Expected a property name after "${token.value}" but found ${describe(name)}`, name);
        }
        this.next();
        if (this.isPunct('(')) {
          node = this.parseMethodCall(node, name);
          continue;
        }
        node = { type: 'member', object: node, property: { type: 'literal', value: name.value, pos: name.pos }, pos: name.pos };
      } else if (token.value === '[') {
        node = this.parseComputedMember(node);
      } else if (token.value === '(') {
        this.error('Only whitelisted functions (in_list, cint, flt, cstr, is_null) and methods '
          + `(${METHOD_NAMES.join(', ')}) can be called`, token);
      } else {
        return node;
      }
    }
  }

  private parseComputedMember(object: Node): Node {
    const open = this.expectPunct('[', 'for member access');
    const property = this.parseConditional();
    this.expectPunct(']', 'to close member access');
    if (this.isPunct('(')) {
      this.error('Calling a computed member is not allowed', this.peek());
    }
    return { type: 'member', object, property, pos: open.pos };
  }

  private parseMethodCall(object: Node, name: Token): Node {
    if (!isMethodName(name.value)) {
      this.error(`Method "${name.value}" is not allowed (allowed: ${METHOD_NAMES.join(', ')})`, name);
    }
    const args = this.parseArguments();
    return { type: 'methodCall', object, name: name.value, args, pos: name.pos };
  }

  private parseArguments(): Node[] {
    this.expectPunct('(', 'to start the argument list');
    const args: Node[] = [];
    if (this.matchPunct(')')) return args;
    for (;;) {
      args.push(this.parseConditional());
      if (this.matchPunct(')')) return args;
      this.expectPunct(',', 'or ")" in argument list');
      if (this.matchPunct(')')) return args; // trailing comma
    }
  }

  private parsePrimary(): Node {
    const token = this.peek();
    switch (token.type) {
      case 'number':
        this.next();
        return { type: 'literal', value: token.num ?? Number(token.value), pos: token.pos };
      case 'string':
        this.next();
        return { type: 'literal', value: token.value, pos: token.pos };
      case 'identifier': {
        this.next();
        if (KEYWORD_LITERALS.has(token.value)) {
          return { type: 'literal', value: KEYWORD_LITERALS.get(token.value), pos: token.pos };
        }
        if (this.isPunct('(')) {
          if (!isHelperName(token.value)) {
            this.error(`Function "${token.value}" is not allowed (allowed: ${HELPER_FUNCTIONS.join(', ')})`, token);
          }
          const args = this.parseArguments();
          return { type: 'helperCall', name: token.value, args, pos: token.pos };
        }
        return { type: 'identifier', name: token.value, pos: token.pos };
      }
      case 'punct':
        if (token.value === '(') {
          this.next();
          const inner = this.parseConditional();
          this.expectPunct(')', 'to close parenthesis');
          return inner;
        }
        if (token.value === '[') return this.parseArrayLiteral();
        return this.error(`Unexpected ${describe(token)}`, token);
      case 'eof':
        return this.error('Unexpected end of expression', token);
    }
  }

  private parseArrayLiteral(): Node {
    const open = this.expectPunct('[', 'to start array');
    const elements: Node[] = [];
    while (!this.matchPunct(']')) {
      if (this.isPunct(',')) this.error('Empty array elements are not supported', this.peek());
      elements.push(this.parseConditional());
      if (this.matchPunct(']')) break;
      this.expectPunct(',', 'or "]" in array literal');
    }
    return { type: 'array', elements, pos: open.pos };
  }
}

/**
 * Parse an expression (without any `eval:` prefix) into an AST.
 * `offset` is added to reported positions (e.g. the length of a stripped prefix).
 * Throws ExpressionError on syntax errors and on calls outside the whitelist.
 */
export function parseExpression(source: string, offset = 0): Node {
  return new Parser(tokenize(source, offset)).parseProgram();
}
