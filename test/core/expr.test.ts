import { expect } from 'chai';
import {
  ExpressionError,
  checkConditionSyntax,
  compileCondition,
  evaluateCondition,
  evaluateExpression,
  type ExprScope,
} from '../../core/expr/index';

const ev = (source: string, doc: Record<string, unknown> = {}, parent?: Record<string, unknown>): unknown =>
  evaluateExpression(source, parent ? { doc, parent } : { doc });

const cond = (condition: string | null | undefined, doc: Record<string, unknown> = {}, parent?: Record<string, unknown>): boolean =>
  evaluateCondition(condition, parent ? { doc, parent } : { doc });

function expressionError(fn: () => unknown): ExpressionError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ExpressionError);
    return error as ExpressionError;
  }
  expect.fail('expected an ExpressionError to be thrown');
}

describe('core/expr', () => {
  describe('real-world ERPNext conditions', () => {
    it('eval:doc.status==\'Lost\'', () => {
      expect(cond("eval:doc.status=='Lost'", { status: 'Lost' })).to.equal(true);
      expect(cond("eval:doc.status=='Lost'", { status: 'Open' })).to.equal(false);
      expect(cond("eval:doc.status=='Lost'", {})).to.equal(false);
    });

    it('eval:doc.opportunity_from=="Customer" && doc.party_name', () => {
      const c = 'eval:doc.opportunity_from=="Customer" && doc.party_name';
      expect(cond(c, { opportunity_from: 'Customer', party_name: 'ACME' })).to.equal(true);
      expect(cond(c, { opportunity_from: 'Customer', party_name: '' })).to.equal(false);
      expect(cond(c, { opportunity_from: 'Lead', party_name: 'ACME' })).to.equal(false);
      expect(ev('doc.opportunity_from=="Customer" && doc.party_name', { opportunity_from: 'Customer', party_name: 'ACME' }))
        .to.equal('ACME');
    });

    it('eval:!doc.__islocal', () => {
      expect(cond('eval:!doc.__islocal', { __islocal: 1 })).to.equal(false);
      expect(cond('eval:!doc.__islocal', {})).to.equal(true);
    });

    it('eval:in_list(["Customer","Lead"], doc.quotation_to)', () => {
      const c = 'eval:in_list(["Customer","Lead"], doc.quotation_to)';
      expect(cond(c, { quotation_to: 'Lead' })).to.equal(true);
      expect(cond(c, { quotation_to: 'Supplier' })).to.equal(false);
      expect(cond(c, {})).to.equal(false);
    });

    it('eval:doc.docstatus===0 && !doc.is_return', () => {
      const c = 'eval:doc.docstatus===0 && !doc.is_return';
      expect(cond(c, { docstatus: 0, is_return: 0 })).to.equal(true);
      expect(cond(c, { docstatus: 0, is_return: 1 })).to.equal(false);
      expect(cond(c, { docstatus: '0', is_return: 0 })).to.equal(false); // strict
      expect(cond(c, { docstatus: 1 })).to.equal(false);
    });

    it('eval:(doc.grand_total > 0) || doc.items.length', () => {
      const c = 'eval:(doc.grand_total > 0) || doc.items.length';
      expect(cond(c, { grand_total: 10, items: [] })).to.equal(true);
      expect(cond(c, { grand_total: 0, items: [{ item_code: 'X' }] })).to.equal(true);
      expect(cond(c, { grand_total: 0, items: [] })).to.equal(false);
      expect(cond(c, { grand_total: 0 })).to.equal(false); // items undefined -> .length undefined
      expect(ev('(doc.grand_total > 0) || doc.items.length', { grand_total: 0, items: [1, 2] })).to.equal(2);
    });

    it('eval:parent.is_return', () => {
      expect(cond('eval:parent.is_return', { idx: 1 }, { is_return: 1 })).to.equal(true);
      expect(cond('eval:parent.is_return', { idx: 1 }, { is_return: 0 })).to.equal(false);
      expect(cond('eval:parent.is_return', { idx: 1 })).to.equal(false); // no parent
    });

    it('eval: doc.customer_type == \'Company\' (leading space)', () => {
      expect(cond("eval: doc.customer_type == 'Company'", { customer_type: 'Company' })).to.equal(true);
      expect(cond("eval: doc.customer_type == 'Company'", { customer_type: 'Individual' })).to.equal(false);
    });

    it('eval:doc.x ? 1 : 0', () => {
      expect(cond('eval:doc.x ? 1 : 0', { x: 'yes' })).to.equal(true);
      expect(cond('eval:doc.x ? 1 : 0', { x: '' })).to.equal(false);
      expect(ev('doc.x ? 1 : 0', { x: 5 })).to.equal(1);
      expect(ev('doc.x ? 1 : 0', {})).to.equal(0);
    });

    it('eval:["A","B"].includes(doc.status)', () => {
      expect(cond('eval:["A","B"].includes(doc.status)', { status: 'B' })).to.equal(true);
      expect(cond('eval:["A","B"].includes(doc.status)', { status: 'C' })).to.equal(false);
    });

    it('eval:doc.status!=="Draft"', () => {
      expect(cond('eval:doc.status!=="Draft"', { status: 'Draft' })).to.equal(false);
      expect(cond('eval:doc.status!=="Draft"', { status: 'Submitted' })).to.equal(true);
      expect(cond('eval:doc.status!=="Draft"', {})).to.equal(true);
    });

    it('eval:frappe.boot.sysdefaults.country == \'India\' (unknown globals are undefined)', () => {
      expect(cond("eval:frappe.boot.sysdefaults.country == 'India'", { country: 'India' })).to.equal(false);
      expect(ev('frappe')).to.equal(undefined);
      expect(ev('frappe.boot.sysdefaults.country')).to.equal(undefined);
      expect(ev("frappe.boot.sysdefaults.country != 'India'")).to.equal(true);
    });
  });

  describe('condition kinds', () => {
    it('empty, null and undefined conditions are always true', () => {
      for (const c of [undefined, null, '', '   ']) {
        expect(compileCondition(c).kind).to.equal('always');
        expect(cond(c)).to.equal(true);
      }
    });

    it('bare fieldname uses truthiness, with empty array and 0 false', () => {
      expect(compileCondition('is_group').kind).to.equal('field');
      expect(cond('is_group', { is_group: 1 })).to.equal(true);
      expect(cond('is_group', { is_group: 0 })).to.equal(false);
      expect(cond('is_group', { is_group: '0' })).to.equal(true); // JS truthiness: non-empty string
      expect(cond('is_group', { is_group: '' })).to.equal(false);
      expect(cond('is_group', { is_group: null })).to.equal(false);
      expect(cond('is_group', {})).to.equal(false);
      expect(cond('items', { items: [] })).to.equal(false);
      expect(cond('items', { items: [{ a: 1 }] })).to.equal(true);
      expect(cond('details', { details: {} })).to.equal(true);
    });

    it('bare fieldname does not read inherited properties', () => {
      expect(cond('constructor', {})).to.equal(false);
      expect(cond('toString', {})).to.equal(false);
      expect(cond('__proto__', {})).to.equal(false);
    });

    it('eval: results use JS truthiness except an empty array is false', () => {
      expect(cond('eval:doc.items', { items: [] })).to.equal(false);
      expect(cond('eval:doc.items', { items: [0] })).to.equal(true);
      expect(cond('eval:doc.n', { n: 0 })).to.equal(false);
      expect(cond('eval:doc.n', { n: Number.NaN })).to.equal(false);
      expect(cond('eval:doc.o', { o: {} })).to.equal(true);
      expect(cond('eval:"0"')).to.equal(true);
      expect(cond('eval:""')).to.equal(false);
    });

    it('fn: conditions are kind "method" and evaluate to true', () => {
      const compiled = compileCondition('fn:toggle_fields');
      expect(compiled.kind).to.equal('method');
      expect(compiled.source).to.equal('fn:toggle_fields');
      expect(compiled.evaluate({ doc: {} })).to.equal(true);
      expect(cond('fn:some_method', { x: 0 })).to.equal(true);
      expect(checkConditionSyntax('fn:some_method')).to.equal(null);
      expect(checkConditionSyntax('fn:')).to.be.a('string');
    });

    it('eval: conditions are kind "eval" and keep their source', () => {
      const compiled = compileCondition('eval:doc.a');
      expect(compiled.kind).to.equal('eval');
      expect(compiled.source).to.equal('eval:doc.a');
    });

    it('caches compiled conditions by string', () => {
      expect(compileCondition('eval:doc.a == 1')).to.equal(compileCondition('eval:doc.a == 1'));
      expect(compileCondition('is_group')).to.equal(compileCondition('is_group'));
    });

    it('rejects something that is neither eval:, fn: nor a fieldname', () => {
      expressionError(() => compileCondition("doc.status=='Open'"));
      expect(checkConditionSyntax("doc.status=='Open'")).to.match(/fieldname/);
    });
  });

  describe('literals', () => {
    it('numbers', () => {
      expect(ev('42')).to.equal(42);
      expect(ev('3.25')).to.equal(3.25);
      expect(ev('.5')).to.equal(0.5);
      expect(ev('1e3')).to.equal(1000);
      expect(ev('2.5E-1')).to.equal(0.25);
    });

    it('strings with both quote styles and escapes', () => {
      expect(ev("'abc'")).to.equal('abc');
      expect(ev('"abc"')).to.equal('abc');
      expect(ev("'it\\'s'")).to.equal("it's");
      expect(ev('"say \\"hi\\""')).to.equal('say "hi"');
      expect(ev("'a\\nb'")).to.equal('a\nb');
      expect(ev("'back\\\\slash'")).to.equal('back\\slash');
      expect(ev('"it\'s"')).to.equal("it's");
      expect(ev("'\\u0041\\x42'")).to.equal('AB');
    });

    it('keywords and arrays', () => {
      expect(ev('true')).to.equal(true);
      expect(ev('false')).to.equal(false);
      expect(ev('null')).to.equal(null);
      expect(ev('undefined')).to.equal(undefined);
      expect(ev('[1, "a", [true], doc.x]', { x: 9 })).to.deep.equal([1, 'a', [true], 9]);
      expect(ev('[]')).to.deep.equal([]);
      expect(ev('[1, 2,]')).to.deep.equal([1, 2]);
    });

    it('allows whitespace anywhere and a trailing semicolon', () => {
      expect(ev('  doc . a  ==  1 ;  ', { a: 1 })).to.equal(true);
      expect(cond('eval:doc.a==1;', { a: 1 })).to.equal(true);
      expect(ev('\n\tdoc.a\n', { a: 'x' })).to.equal('x');
    });
  });

  describe('operators', () => {
    it('follows JS precedence', () => {
      expect(ev('1 + 2 * 3')).to.equal(7);
      expect(ev('(1 + 2) * 3')).to.equal(9);
      expect(ev('10 - 4 - 3')).to.equal(3); // left associative
      expect(ev('20 / 5 / 2')).to.equal(2);
      expect(ev('7 % 4 * 2')).to.equal(6);
      expect(ev('-2 * 3')).to.equal(-6);
      expect(ev('1 + 2 > 2')).to.equal(true);
      expect(ev('1 < 2 == true')).to.equal(true);
      expect(ev('true || false && false')).to.equal(true); // && binds tighter
      expect(ev('(true || false) && false')).to.equal(false);
      expect(ev('1 == 1 && 2 == 3')).to.equal(false);
      expect(ev('!0 + 1')).to.equal(2); // unary binds tighter than +
      expect(ev('false ? 1 : true ? 2 : 3')).to.equal(2); // right associative ternary
      expect(ev('1 ? 0 ? "a" : "b" : "c"')).to.equal('b');
      expect(ev('doc.a || doc.b ? "y" : "n"', { a: 0, b: 1 })).to.equal('y');
    });

    it('unary operators', () => {
      expect(ev('!true')).to.equal(false);
      expect(ev('!!"x"')).to.equal(true);
      expect(ev('!![]')).to.equal(true); // JS semantics inside the expression
      expect(ev('-"3"')).to.equal(-3);
      expect(ev('+"4.5"')).to.equal(4.5);
      expect(ev('+true')).to.equal(1);
      expect(ev('- -1')).to.equal(1);
      expect(Number.isNaN(ev('+"abc"'))).to.equal(true);
    });

    it('+ concatenates strings and adds numbers like JS', () => {
      expect(ev('"a" + 1')).to.equal('a1');
      expect(ev('1 + 2 + "3"')).to.equal('33');
      expect(ev('"3" + 1 + 2')).to.equal('312');
      expect(ev('true + 1')).to.equal(2);
      expect(ev('null + 1')).to.equal(1);
      expect(ev('[1,2] + ""')).to.equal('1,2');
      expect(ev('"5" - 2')).to.equal(3);
      expect(ev('"6" * "2"')).to.equal(12);
    });

    it('relational comparisons', () => {
      expect(ev('"b" > "a"')).to.equal(true);
      expect(ev('"10" < "9"')).to.equal(true); // string comparison
      expect(ev('"10" < 9')).to.equal(false); // numeric comparison
      expect(ev('doc.x > 0', {})).to.equal(false);
      expect(ev('doc.x <= 0', {})).to.equal(false); // undefined -> NaN
      expect(ev('null >= 0')).to.equal(true);
      expect(ev('2 >= 2 && 2 <= 2')).to.equal(true);
    });

    it('loose vs strict equality', () => {
      expect(ev('1 == "1"')).to.equal(true);
      expect(ev('1 === "1"')).to.equal(false);
      expect(ev('0 == ""')).to.equal(true);
      expect(ev('0 === ""')).to.equal(false);
      expect(ev('0 == false')).to.equal(true);
      expect(ev('"1" == true')).to.equal(true);
      expect(ev('"true" == true')).to.equal(false);
      expect(ev('null == undefined')).to.equal(true);
      expect(ev('null === undefined')).to.equal(false);
      expect(ev('null == 0')).to.equal(false);
      expect(ev('undefined == false')).to.equal(false);
      expect(ev('doc.missing == null', {})).to.equal(true);
      expect(ev('"a" != "b"')).to.equal(true);
      expect(ev('1 != "1"')).to.equal(false);
      expect(ev('1 !== "1"')).to.equal(true);
      expect(ev('["A"] == "A"')).to.equal(true);
      expect(ev('doc.a == doc.a', { a: [1] })).to.equal(true); // same reference
      expect(ev('[1] == [1]')).to.equal(false); // different references
      expect(ev('0/0 == 0/0')).to.equal(false); // NaN
      expect(cond('eval:doc.docstatus == "1"', { docstatus: 1 })).to.equal(true);
      expect(cond('eval:doc.docstatus === "1"', { docstatus: 1 })).to.equal(false);
    });

    it('&& and || short-circuit and return operand values', () => {
      expect(ev('0 || "x"')).to.equal('x');
      expect(ev('"a" || "b"')).to.equal('a');
      expect(ev('"a" && "b"')).to.equal('b');
      expect(ev('0 && "b"')).to.equal(0);
      expect(ev('null || undefined')).to.equal(undefined);
      // The right side would throw (method on a number) if it were evaluated.
      expect(ev('false && doc.n.trim()', { n: 5 })).to.equal(false);
      expect(ev('true || doc.n.trim()', { n: 5 })).to.equal(true);
      expect(() => ev('true && doc.n.trim()', { n: 5 })).to.throw(ExpressionError);
      // ternary evaluates only the chosen branch
      expect(ev('doc.a ? doc.n.trim() : "no"', { a: 0, n: 5 })).to.equal('no');
    });
  });

  describe('member access', () => {
    const doc = { a: { b: { c: 3 } }, list: ['x', 'y'], name: 'Hello', 'odd key': 7 };

    it('dot, bracket and index access', () => {
      expect(ev('doc.a.b.c', doc)).to.equal(3);
      expect(ev('doc["a"]["b"].c', doc)).to.equal(3);
      expect(ev('doc.list[1]', doc)).to.equal('y');
      expect(ev('doc.list[5]', doc)).to.equal(undefined);
      expect(ev('doc["odd key"]', doc)).to.equal(7);
      expect(ev('doc.name[0]', doc)).to.equal('H');
      expect(ev('doc["li" + "st"][0]', doc)).to.equal('x');
    });

    it('length of arrays and strings', () => {
      expect(ev('doc.list.length', doc)).to.equal(2);
      expect(ev('doc.name.length', doc)).to.equal(5);
      expect(ev('doc.a.length', doc)).to.equal(undefined);
      expect(ev('doc.num.length', { num: 5 })).to.equal(undefined);
    });

    it('member access on undefined / null yields undefined', () => {
      expect(ev('doc.missing.deeper.still', doc)).to.equal(undefined);
      expect(ev('doc.n.x', { n: null })).to.equal(undefined);
      expect(ev('doc.missing[0]', doc)).to.equal(undefined);
      expect(ev('parent.x.y', doc)).to.equal(undefined);
      expect(ev('doc.missing.includes("a")', doc)).to.equal(undefined);
    });

    it('refuses __proto__, prototype and constructor', () => {
      expect(ev('doc.constructor', doc)).to.equal(undefined);
      expect(ev('doc["constructor"]', doc)).to.equal(undefined);
      expect(ev('doc["__proto__"]', doc)).to.equal(undefined);
      expect(ev('doc.__proto__', doc)).to.equal(undefined);
      expect(ev('doc.name.constructor', doc)).to.equal(undefined);
      expect(ev('doc.list.constructor', doc)).to.equal(undefined);
      expect(ev('doc.a.prototype', doc)).to.equal(undefined);
      expect(ev('doc.constructor.constructor', doc)).to.equal(undefined);
      expect(ev('doc["constr" + "uctor"]', doc)).to.equal(undefined);
      // even when the data has such an own key
      const own = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}') as Record<string, unknown>;
      expect(ev('doc.__proto__', own)).to.equal(undefined);
      expect(ev('doc.constructor', own)).to.equal(undefined);
    });

    it('reads only own properties', () => {
      expect(ev('doc.toString', doc)).to.equal(undefined);
      expect(ev('doc.hasOwnProperty', doc)).to.equal(undefined);
      expect(ev('doc.list.map', doc)).to.equal(undefined);
      expect(ev('doc.name.toUpperCase', doc)).to.equal(undefined);
      const inherited = Object.create({ secret: 1 }) as Record<string, unknown>;
      expect(ev('doc.secret', inherited)).to.equal(undefined);
    });

    it('optional chaining is accepted', () => {
      expect(ev('doc.a?.b?.c', doc)).to.equal(3);
      expect(ev('doc.x?.y', doc)).to.equal(undefined);
      expect(ev('doc.list?.[0]', doc)).to.equal('x');
      expect(ev('doc.a?.5:1', { a: 1 })).to.equal(0.5); // ternary, not optional chaining
    });
  });

  describe('calls', () => {
    it('helper functions', () => {
      expect(ev('in_list(["a", "b"], "b")')).to.equal(true);
      expect(ev('in_list(["a", "b"], "c")')).to.equal(false);
      expect(ev('in_list(doc.missing, "c")')).to.equal(false);
      expect(ev('cint("12abc")')).to.equal(12);
      expect(ev('cint("x")')).to.equal(0);
      expect(ev('cint(true)')).to.equal(1);
      expect(ev('cint(3.9)')).to.equal(3);
      expect(ev('flt("1,234.5")')).to.equal(1234.5);
      expect(ev('flt(doc.x)', {})).to.equal(0);
      expect(ev('flt("2.5") + 1')).to.equal(3.5);
      expect(ev('cstr(null)')).to.equal('');
      expect(ev('cstr(12)')).to.equal('12');
      expect(ev('is_null(doc.x)', {})).to.equal(true);
      expect(ev('is_null("")')).to.equal(true);
      expect(ev('is_null(0)')).to.equal(false);
      expect(ev('is_null("a")')).to.equal(false);
      expect(cond('eval:cint(doc.qty) > 0', { qty: '3' })).to.equal(true);
    });

    it('whitelisted array and string methods', () => {
      const doc = { list: ['A', 'B'], s: '  Hello World  ', t: 'Sales Invoice' };
      expect(ev('doc.list.includes("A")', doc)).to.equal(true);
      expect(ev('doc.list.indexOf("B")', doc)).to.equal(1);
      expect(ev('doc.list.indexOf("Z")', doc)).to.equal(-1);
      expect(ev('doc.t.includes("Invoice")', doc)).to.equal(true);
      expect(ev('doc.t.startsWith("Sales")', doc)).to.equal(true);
      expect(ev('doc.t.endsWith("Order")', doc)).to.equal(false);
      expect(ev('doc.t.indexOf("Inv")', doc)).to.equal(6);
      expect(ev('doc.t.toLowerCase()', doc)).to.equal('sales invoice');
      expect(ev('doc.t.toUpperCase()', doc)).to.equal('SALES INVOICE');
      expect(ev('doc.s.trim()', doc)).to.equal('Hello World');
      expect(ev('doc.s.trim().toLowerCase().startsWith("hello")', doc)).to.equal(true);
      expect(ev('"abc".includes("b")')).to.equal(true);
    });

    it('disallowed calls throw ExpressionError', () => {
      expressionError(() => ev('alert(1)'));
      expressionError(() => ev('doc.name.split(",")', { name: 'a,b' }));
      expressionError(() => ev('doc.constructor("x")'));
      expressionError(() => ev('doc["includes"]("x")', { }));
      expressionError(() => ev('(doc.f)()'));
      expressionError(() => ev('in_list([1], 1)()'));
      expressionError(() => ev('frappe.user.has_role("System Manager")'));
      expressionError(() => compileCondition('eval:eval("1")'));
      expressionError(() => compileCondition('eval:Function("return 1")()'));
      expect(checkConditionSyntax('eval:doc.items.map(x)')).to.match(/Method "map" is not allowed/);
    });

    it('a whitelisted method on the wrong type throws ExpressionError', () => {
      expressionError(() => ev('doc.n.startsWith("1")', { n: 12 }));
      expressionError(() => ev('doc.list.trim()', { list: [] }));
      expressionError(() => cond('eval:doc.o.includes("a")', { o: {} }));
    });
  });

  describe('syntax errors', () => {
    it('report the position', () => {
      const e1 = expressionError(() => evaluateExpression('doc.a ==', { doc: {} }));
      expect(e1.message).to.match(/end of expression at position 8/);
      expect(e1.position).to.equal(8);

      const e2 = expressionError(() => evaluateExpression('(doc.a > 1', { doc: {} }));
      expect(e2.message).to.contain('Expected ")"');
      expect(e2.message).to.contain('position 10');

      const e3 = expressionError(() => evaluateExpression('doc.a = 1', { doc: {} }));
      expect(e3.message).to.match(/Assignment is not allowed.*position 6/);

      const e4 = expressionError(() => evaluateExpression('doc.a # 1', { doc: {} }));
      expect(e4.message).to.match(/Unexpected character "#" at position 6/);
    });

    it('positions in conditions count the eval: prefix', () => {
      const error = expressionError(() => compileCondition('eval:doc.a ) 1'));
      expect(error.position).to.equal(11);
      expect(error.message).to.contain('at position 11');
      expect(error.message).to.contain('eval:doc.a ) 1');
    });

    it('checkConditionSyntax returns null or the message', () => {
      expect(checkConditionSyntax('eval:doc.a == 1 && doc.b')).to.equal(null);
      expect(checkConditionSyntax('is_group')).to.equal(null);
      expect(checkConditionSyntax('')).to.equal(null);
      expect(checkConditionSyntax('eval:doc.a ==')).to.match(/position 13/);
      expect(checkConditionSyntax("eval:'unterminated")).to.match(/Unterminated string literal at position 5/);
      expect(checkConditionSyntax('eval:')).to.match(/Empty expression/);
      expect(checkConditionSyntax('eval:[1,,2]')).to.be.a('string');
      expect(checkConditionSyntax('eval:doc.a & 1')).to.match(/Bitwise/);
      expect(checkConditionSyntax('eval:doc.a ? 1')).to.match(/Expected ":"/);
      expect(checkConditionSyntax('eval:1 2')).to.match(/Unexpected number 2 at position 7/);
      expect(checkConditionSyntax('eval:`x`')).to.match(/Template literals/);
      expect(checkConditionSyntax('eval:typeof doc.a')).to.match(/not supported/);
    });

    it('rejects absurdly deep nesting instead of overflowing the stack', () => {
      const deep = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
      expressionError(() => evaluateExpression(deep, { doc: {} }));
      expect(ev(`${'('.repeat(20)}1${')'.repeat(20)}`)).to.equal(1);
    });
  });

  describe('scope', () => {
    it('exposes doc and parent only', () => {
      const scope: ExprScope = { doc: { a: 1 }, parent: { b: 2 } };
      expect(evaluateExpression('doc.a + parent.b', scope)).to.equal(3);
      expect(evaluateExpression('window', scope)).to.equal(undefined);
      expect(evaluateExpression('globalThis', scope)).to.equal(undefined);
      expect(evaluateExpression('process', scope)).to.equal(undefined);
      expect(evaluateExpression('this', scope)).to.equal(undefined);
    });
  });
});
