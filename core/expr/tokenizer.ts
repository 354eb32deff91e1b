/**
 * Tokenizer for the safe expression subset used by DocField conditions
 * (`depends_on`, `mandatory_depends_on`, `read_only_depends_on`).
 *
 * Pure TypeScript, no Node or DOM APIs: it runs on the server and in the browser.
 */

/** Error raised for syntax errors and unsupported constructs in expressions. */
export class ExpressionError extends Error {
  /** Offset (0-based) in the source string where the problem was found, if known. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}

export type TokenType = 'number' | 'string' | 'identifier' | 'punct' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** For punct/identifier: the text. For string: the decoded value. For number: the source text. */
  readonly value: string;
  /** Numeric value for number tokens. */
  readonly num?: number;
  /** Offset (0-based) of the first character of the token in the source string. */
  readonly pos: number;
}

/** Punctuators, longest first so that greedy matching works. */
const PUNCTUATORS: readonly string[] = [
  '===', '!==',
  '==', '!=', '<=', '>=', '&&', '||', '?.',
  '!', '<', '>', '+', '-', '*', '/', '%', '?', ':', '(', ')', '[', ']', ',', '.', ';',
];

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0',
};

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isIdentStart(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_' || ch === '$');
}

function isIdentPart(ch: string | undefined): boolean {
  return isIdentStart(ch) || isDigit(ch);
}

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v'
    || ch === '\u00a0' || ch === '\ufeff' || ch === '\u2028' || ch === '\u2029';
}

function isHex(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9a-fA-F]$/.test(ch);
}

/** Quote a character for use in an error message. */
function show(ch: string): string {
  return JSON.stringify(ch);
}

/**
 * Split `source` into tokens. `offset` is added to every reported position, so that
 * positions refer to the full condition string (e.g. including an `eval:` prefix).
 */
export function tokenize(source: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;

  function fail(message: string, at: number): never {
    throw new ExpressionError(`${message} at position ${at + offset}`, at + offset);
  }

  while (i < n) {
    const ch = source.charAt(i);

    if (isWhitespace(ch)) {
      i++;
      continue;
    }

    // Numbers: 12, 1.5, .5, 1e3, 2.5E-2
    if (isDigit(ch) || (ch === '.' && isDigit(source[i + 1]))) {
      const start = i;
      while (isDigit(source[i])) i++;
      if (source[i] === '.') {
        i++;
        while (isDigit(source[i])) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        let j = i + 1;
        if (source[j] === '+' || source[j] === '-') j++;
        if (!isDigit(source[j])) fail('Invalid number exponent', i);
        i = j;
        while (isDigit(source[i])) i++;
      }
      if (isIdentPart(source[i])) fail(`Unexpected character ${show(source.charAt(i))} after number`, i);
      const text = source.slice(start, i);
      tokens.push({ type: 'number', value: text, num: Number(text), pos: start + offset });
      continue;
    }

    if (ch === '"' || ch === "'") {
      const start = i;
      const quote = ch;
      let value = '';
      i++;
      for (;;) {
        if (i >= n) fail('Unterminated string literal', start);
        const c = source.charAt(i);
        if (c === quote) {
          i++;
          break;
        }
        if (c === '\n' || c === '\r') fail('Unterminated string literal (line break inside string)', start);
        if (c === '\\') {
          const e = source[i + 1];
          if (e === undefined) return fail('Unterminated string literal', start);
          const esc = e;
          const simple = SIMPLE_ESCAPES[esc];
          if (simple !== undefined && !(esc === '0' && isDigit(source[i + 2]))) {
            value += simple;
            i += 2;
          } else if (esc === 'x') {
            const hex = source.slice(i + 2, i + 4);
            if (hex.length !== 2 || !isHex(hex[0]) || !isHex(hex[1])) fail('Invalid \\x escape in string', i);
            value += String.fromCharCode(parseInt(hex, 16));
            i += 4;
          } else if (esc === 'u') {
            const hex = source.slice(i + 2, i + 6);
            if (hex.length !== 4 || ![...hex].every((h) => isHex(h))) fail('Invalid \\u escape in string', i);
            value += String.fromCharCode(parseInt(hex, 16));
            i += 6;
          } else if (isDigit(esc)) {
            fail('Octal escapes are not allowed in strings', i);
          } else if (esc === '\n') {
            // line continuation
            i += 2;
          } else {
            // \' \" \\ and any other character stand for themselves
            value += esc;
            i += 2;
          }
          continue;
        }
        value += c;
        i++;
      }
      tokens.push({ type: 'string', value, pos: start + offset });
      continue;
    }

    if (isIdentStart(ch)) {
      const start = i;
      while (isIdentPart(source[i])) i++;
      tokens.push({ type: 'identifier', value: source.slice(start, i), pos: start + offset });
      continue;
    }

    let matched: string | undefined;
    for (const p of PUNCTUATORS) {
      if (source.startsWith(p, i)) {
        matched = p;
        break;
      }
    }
    // `?.` followed by a digit is a ternary `?` then a number (as in JS: `a?.5:1`).
    if (matched === '?.' && isDigit(source[i + 2])) matched = '?';
    if (matched !== undefined) {
      tokens.push({ type: 'punct', value: matched, pos: i + offset });
      i += matched.length;
      continue;
    }

    if (ch === '=') fail('Assignment is not allowed (use == or ===)', i);
    if (ch === '&' || ch === '|') fail(`Bitwise operator ${show(ch)} is not supported (use && or ||)`, i);
    if (ch === '`') fail('Template literals are not supported', i);
    fail(`Unexpected character ${show(ch)}`, i);
  }

  tokens.push({ type: 'eof', value: '', pos: n + offset });
  return tokens;
}
