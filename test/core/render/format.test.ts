/**
 * core/render/format.ts: values as print text by field type. Currency rounding, separators and
 * signs, Float/Int/Percent, dates in dd-mm-yyyy, times, Check, Duration, Rating, rich text reduced
 * to text, and empty values printing as nothing.
 */
import { expect } from 'chai';
import {
  formatCheck,
  formatCurrency,
  formatDate,
  formatDatetime,
  formatDuration,
  formatFloat,
  formatInt,
  formatNumber,
  formatPercent,
  formatRating,
  formatTime,
  formatValue,
  htmlToText,
  roundHalfUp,
} from '../../../core/render';

describe('render: formatting values', () => {
  describe('numbers', () => {
    it('groups thousands with commas and puts a point before the decimals', () => {
      expect(formatNumber(1234567.891, 2)).to.equal('1,234,567.89');
      expect(formatNumber(999, 2)).to.equal('999.00');
      expect(formatNumber(1000, 0)).to.equal('1,000');
      expect(formatNumber(0, 2)).to.equal('0.00');
    });

    it('rounds half away from zero on the digits as written, not on the binary value', () => {
      expect(roundHalfUp(1.005, 2)).to.equal(1.01);
      expect(roundHalfUp(2.675, 2)).to.equal(2.68);
      expect(roundHalfUp(-2.5, 0)).to.equal(-3);
      expect(roundHalfUp(1.004, 2)).to.equal(1);
      expect(formatNumber(0.125, 2)).to.equal('0.13');
      expect(formatNumber(1000000.005, 2)).to.equal('1,000,000.01');
    });

    it('never prints minus zero', () => {
      expect(formatNumber(-0.001, 2)).to.equal('0.00');
      expect(formatNumber(-0, 0)).to.equal('0');
    });

    it('reads numbers given as text, and leaves text that is not a number as it is', () => {
      expect(formatNumber('1234.5', 2)).to.equal('1,234.50');
      expect(formatNumber('n/a', 2)).to.equal('n/a');
    });

    it('prints Int with separators and Float with the precision or up to 3 decimals trimmed', () => {
      expect(formatInt(1234567)).to.equal('1,234,567');
      expect(formatInt(2.5)).to.equal('3');
      expect(formatFloat(10)).to.equal('10');
      expect(formatFloat(2.5)).to.equal('2.5');
      expect(formatFloat(1.23456)).to.equal('1.235');
      expect(formatFloat(2.5, 2)).to.equal('2.50');
    });
  });

  describe('Currency', () => {
    it('prints the currency code, a space and the amount with 2 decimals', () => {
      expect(formatCurrency(1234.5, 'EUR')).to.equal('EUR 1,234.50');
      expect(formatCurrency(0, 'EUR')).to.equal('EUR 0.00');
      expect(formatCurrency(1234.5)).to.equal('1,234.50');
    });

    it('puts the minus sign after the code, as Frappe does', () => {
      expect(formatCurrency(-1234.5, 'USD')).to.equal('USD -1,234.50');
      expect(formatCurrency(-0.004, 'USD')).to.equal('USD 0.00');
    });

    it('rounds to the precision asked', () => {
      expect(formatCurrency(10.555, 'EUR')).to.equal('EUR 10.56');
      expect(formatCurrency(10.5555, 'EUR', 3)).to.equal('EUR 10.556');
      expect(formatCurrency(10.5, 'JPY', 0)).to.equal('JPY 11');
    });

    it('prints nothing for an empty value', () => {
      for (const empty of [null, undefined, '', '  ']) expect(formatCurrency(empty, 'EUR'), String(empty)).to.equal('');
    });
  });

  describe('Percent, Check, Duration and Rating', () => {
    it('prints a percentage with up to 2 decimals and a % sign', () => {
      expect(formatPercent(12.5)).to.equal('12.5%');
      expect(formatPercent(33.3333)).to.equal('33.33%');
      expect(formatPercent(100)).to.equal('100%');
      expect(formatPercent(12.5, 2)).to.equal('12.50%');
      expect(formatPercent(null)).to.equal('');
    });

    it('prints Check as Yes or No', () => {
      expect(formatCheck(1)).to.equal('Yes');
      expect(formatCheck(true)).to.equal('Yes');
      expect(formatCheck(0)).to.equal('No');
      expect(formatCheck(null)).to.equal('');
    });

    it('prints a duration in seconds as days, hours, minutes and seconds', () => {
      expect(formatDuration(93784)).to.equal('1d 2h 3m 4s');
      expect(formatDuration(3600)).to.equal('1h');
      expect(formatDuration(0)).to.equal('0s');
    });

    it("prints a rating (Frappe's 0..1 fraction) as stars", () => {
      expect(formatRating(0.6)).to.equal('★★★☆☆');
      expect(formatRating(1, 3)).to.equal('★★★');
    });
  });

  describe('dates and times', () => {
    it('prints a Date as dd-mm-yyyy', () => {
      expect(formatDate('2026-11-22')).to.equal('22-11-2026');
      expect(formatDate('2026-01-05 10:00:00')).to.equal('05-01-2026');
      expect(formatDate(new Date(2026, 10, 22, 9, 30))).to.equal('22-11-2026');
    });

    it('prints a Datetime as dd-mm-yyyy HH:MM:SS without the microseconds', () => {
      expect(formatDatetime('2026-11-22 14:05:09.123456')).to.equal('22-11-2026 14:05:09');
      expect(formatDatetime('2026-11-22T14:05')).to.equal('22-11-2026 14:05:00');
      expect(formatDatetime('2026-11-22')).to.equal('22-11-2026');
    });

    it('prints a Time as HH:MM:SS', () => {
      expect(formatTime('9:05')).to.equal('09:05:00');
      expect(formatTime('14:05:09.5')).to.equal('14:05:09');
    });

    it('prints empty dates as nothing and text that is not a date as it is', () => {
      expect(formatDate(null)).to.equal('');
      expect(formatDatetime('')).to.equal('');
      expect(formatDate('next week')).to.equal('next week');
    });
  });

  describe('text', () => {
    it('reduces Text Editor HTML to plain text: tags and scripts dropped, entities decoded, paragraphs on their own lines', () => {
      expect(htmlToText('<p>Hello <b>world</b></p><script>alert(1)</script><p>A &amp; B &lt;C&gt;</p>')).to.equal('Hello world\nA & B <C>');
      expect(formatValue('<p>x<br>y</p>', { fieldtype: 'Text Editor' })).to.equal('x\ny');
    });

    it('never prints a Password or a Signature', () => {
      expect(formatValue('secret', { fieldtype: 'Password' })).to.equal('');
      expect(formatValue('data:image/png;base64,AAAA', { fieldtype: 'Signature' })).to.equal('');
    });

    it('prints JSON values as JSON text and other types as their text', () => {
      expect(formatValue({ a: 1 }, { fieldtype: 'JSON' })).to.equal('{\n  "a": 1\n}');
      expect(formatValue('North', { fieldtype: 'Link' })).to.equal('North');
      expect(formatValue(undefined, { fieldtype: 'Data' })).to.equal('');
      expect(formatValue(42, { fieldtype: 'Data' })).to.equal('42');
    });

    it('formats by field type through formatValue', () => {
      expect(formatValue(1234.5, { fieldtype: 'Currency', currency: 'EUR' })).to.equal('EUR 1,234.50');
      expect(formatValue('2026-11-22', { fieldtype: 'Date' })).to.equal('22-11-2026');
      expect(formatValue(12.5, { fieldtype: 'Percent' })).to.equal('12.5%');
      expect(formatValue(1, { fieldtype: 'Check' })).to.equal('Yes');
      expect(formatValue(7, { fieldtype: 'Int' })).to.equal('7');
    });
  });
});
