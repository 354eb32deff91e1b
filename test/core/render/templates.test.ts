/**
 * core/render templates and helpers, without a database: Handlebars escapes every value (markup in
 * data never reaches the page raw), templates that would write unescaped output or call unknown
 * helpers are refused, `<style>` blocks become the style part, the helpers format by field meta
 * (currency from the row, the document or the company), and the isolated Handlebars instance leaves
 * the global one untouched.
 */
import { expect } from 'chai';
import Handlebars from 'handlebars';
import { DocTypeMeta, type DocTypeDef } from '../../../core/meta';
import { compileTemplate, createPrintHandlebars, PrintTemplateError, type RenderState } from '../../../core/render';

const ORDER: DocTypeDef = {
  name: 'Tpl Order',
  fields: [
    { fieldname: 'customer', fieldtype: 'Data', label: 'Customer' },
    { fieldname: 'currency', fieldtype: 'Data', label: 'Currency' },
    { fieldname: 'total', fieldtype: 'Currency', label: 'Grand Total', options: 'currency' },
    { fieldname: 'base_total', fieldtype: 'Currency', label: 'Base Total', options: 'Tpl Company:company:default_currency' },
    { fieldname: 'plain_total', fieldtype: 'Currency', label: 'Plain Total' },
    { fieldname: 'qty', fieldtype: 'Float', label: 'Qty', precision: '2' },
    { fieldname: 'due', fieldtype: 'Date', label: 'Due On' },
    { fieldname: 'notes', fieldtype: 'Small Text', label: 'Notes' },
    { fieldname: 'paid', fieldtype: 'Check', label: 'Paid' },
  ],
};
const ROW: DocTypeDef = {
  name: 'Tpl Row',
  istable: 1,
  fields: [
    { fieldname: 'rate', fieldtype: 'Currency', label: 'Rate', options: 'currency' },
    { fieldname: 'row_currency', fieldtype: 'Data', label: 'Row Currency' },
    { fieldname: 'row_rate', fieldtype: 'Currency', label: 'Row Rate', options: 'row_currency' },
  ],
};
const metas = new Map([ORDER, ROW].map((def) => [def.name, new DocTypeMeta(def, `<${def.name}>`, undefined, 'test')]));

function render(source: string, context: Record<string, unknown>, state: Partial<RenderState> = {}): string {
  const template = compileTemplate(source, 'inline.hbs');
  return template.render(context, { tabula: { meta: (d: string) => metas.get(d), ...state } });
}

function refused(source: string): string {
  try {
    compileTemplate(source, 'bad.print.hbs');
  } catch (error) {
    expect(error).to.be.instanceOf(PrintTemplateError);
    expect((error as Error).message).to.contain('bad.print.hbs');
    return (error as Error).message;
  }
  return expect.fail('expected the template to be refused');
}

describe('render: templates and helpers', () => {
  describe('escaping', () => {
    it('escapes markup in every value written with {{ }}', () => {
      const html = render('<p title="{{doc.customer}}">{{doc.customer}}</p>', { doc: { customer: '<script>alert(1)</script>" onclick="x' } });
      expect(html).to.not.contain('<script>');
      expect(html).to.not.contain('" onclick');
      expect(html).to.equal('<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onclick&#x3D;&quot;x">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onclick&#x3D;&quot;x</p>');
    });

    it('escapes what the helpers answer too, keeping only the <br> between lines of multi-line text', () => {
      const doctype = 'Tpl Order';
      const html = render('{{field doc "notes"}}|{{field doc "customer"}}|{{multiline doc.customer}}', { doc: { doctype, notes: 'one <b>\ntwo & three', customer: '<i>x</i>' } });
      expect(html).to.equal('one &lt;b&gt;<br>two &amp; three|&lt;i&gt;x&lt;/i&gt;|&lt;i&gt;x&lt;/i&gt;');
    });

    it('refuses a template that writes a value unescaped, with {{{ }}} or {{& }}', () => {
      expect(refused('<div>{{{doc.customer}}}</div>')).to.match(/line 1 .*unescaped/);
      expect(refused('<div>\n{{& doc.customer}}</div>')).to.match(/line 2 .*unescaped/);
      expect(refused('{{#each doc.items}}{{{this.name}}}{{/each}}')).to.contain('unescaped');
    });

    it('refuses partials, helpers it does not know, and broken syntax, naming the file', () => {
      expect(refused('{{> header}}')).to.contain('partial');
      expect(refused('{{shout doc.customer}}')).to.contain('shout');
      refused('{{#if doc.customer}}never closed');
    });

    it('does not reach properties of the prototype', () => {
      expect(render('[{{doc.constructor}}][{{doc.__proto__}}]', { doc: {} })).to.equal('[][]');
    });

    it('registers its helpers on its own Handlebars instance, not the global one', () => {
      const isolated = createPrintHandlebars();
      expect(isolated.helpers).to.have.property('currency');
      expect(Handlebars.helpers).to.not.have.property('currency');
    });
  });

  describe('style', () => {
    it('takes the <style> blocks out of the template as its style part', () => {
      const template = compileTemplate('<style>\n.a { color: red; }\n</style><p class="a">{{doc.customer}}</p><style media="print">.b{}</style>', 'styled.hbs');
      expect(template.style).to.equal('.a { color: red; }\n\n.b{}');
      expect(template.render({ doc: { customer: 'Ann' } }, {})).to.equal('<p class="a">Ann</p>');
    });
  });

  describe('field helpers', () => {
    const doc = {
      doctype: 'Tpl Order',
      customer: 'Ann',
      currency: 'EUR',
      total: 1234.5,
      base_total: -99.999,
      plain_total: 5,
      qty: 2,
      due: '2026-11-22',
      paid: 1,
      items: [{ doctype: 'Tpl Row', rate: 10, row_currency: 'CHF', row_rate: 3 }],
    };

    it("formats a field by its meta: Currency in the currency its options name, Float with the field's precision, Date, Check", () => {
      const html = render('{{field doc "total"}}|{{field doc "qty"}}|{{field doc "due"}}|{{field doc "paid"}}', { doc });
      expect(html).to.equal('EUR 1,234.50|2.00|22-11-2026|Yes');
    });

    it('takes the currency of a child row from the row, else from the document', () => {
      const html = render('{{#each doc.items}}{{field this "rate"}}|{{field this "row_rate"}}{{/each}}', { doc });
      expect(html).to.equal('EUR 10.00|CHF 3.00');
    });

    it("reads `DocType:link:field` currency options from the company, and otherwise uses the document's currency", () => {
      const html = render('{{field doc "base_total"}}|{{field doc "plain_total"}}', { doc }, { currency: 'EUR', company: { name: 'Acme', default_currency: 'GBP' }, companyDoctype: 'Tpl Company' });
      expect(html).to.equal('GBP -100.00|EUR 5.00');
    });

    it('answers labels from the meta, for a document or a DocType name', () => {
      expect(render('{{label doc "total"}}/{{label "Tpl Order" "due"}}/{{label doc "nope"}}', { doc })).to.equal('Grand Total/Due On/nope');
    });

    it('prints an unknown field or a document without doctype as escaped text', () => {
      expect(render('{{field doc "extra"}}|{{field doc "missing"}}', { doc: { extra: '<b>' } })).to.equal('&lt;b&gt;|');
    });
  });

  describe('value helpers', () => {
    it('formats money, dates, numbers and checks', () => {
      const html = render(
        '{{currency 1234.5}}|{{currency -5 "USD"}}|{{currency null}}|{{date "2026-11-22"}}|{{datetime "2026-11-22 14:05:09.000000"}}|{{time "14:05"}}|{{percent 12.5}}|{{int 1234}}|{{float 1.5 2}}|{{check 0}}|{{duration 90}}',
        {},
        { currency: 'EUR' },
      );
      expect(html).to.equal('EUR 1,234.50|USD -5.00||22-11-2026|22-11-2026 14:05:09|14:05:00|12.5%|1,234|1.50|No|1m 30s');
    });

    it('formats a value as a field type with `format`, with precision and currency as options', () => {
      expect(render('{{format 2.5 "Currency"}}|{{format 2.5 "Currency" currency="JPY" precision=0}}|{{format "2026-01-02" "Date"}}', {}, { currency: 'EUR' })).to.equal('EUR 2.50|JPY 3|02-01-2026');
    });

    it('compares values with eq', () => {
      expect(render('{{#if (eq doc.docstatus 1)}}submitted{{else}}draft{{/if}}', { doc: { docstatus: 1 } })).to.equal('submitted');
      expect(render('{{#if (eq doc.docstatus 1)}}submitted{{else}}draft{{/if}}', { doc: { docstatus: 0 } })).to.equal('draft');
    });
  });
});
