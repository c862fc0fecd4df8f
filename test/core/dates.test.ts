import { describe, expect, it } from 'vitest';
import { parseDateCell } from '../../src/ledger/dates.js';

const text = (v: string) => parseDateCell({ t: 'text', v }, false);

describe('dates as ledgers hold them', () => {
  it.each([
    ['2019-04-14', '2019-04-14'],
    ['2019/4/14', '2019-04-14'],
    ['2019.04.14', '2019-04-14'],
    ['2019年4月14日', '2019-04-14'],
    ['20190414', '2019-04-14'],
    ['2019-09-30 08:15:00', '2019-09-30'],
    ['43555', '2019-03-31'],
  ])('%s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each([
    ['2019年4月', '2019-04-01'],
    ['2019-04', '2019-04-01'],
    ['2019.4', '2019-04-01'],
  ])('a month alone counts as its first day: %s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each(['2019-02-30', '2019年13月', '下旬', '2019.13', '2019', '365'])('%s is not a date', (input) => {
    expect(text(input)).toBeNull();
  });

  it('a date cell whose ISO text is not a real day is not a date', () => {
    expect(parseDateCell({ t: 'date', v: '2019-13-45', serial: '' }, false)).toBeNull();
  });

  it('a year alone in a number cell is not read as a day in 1905', () => {
    expect(parseDateCell({ t: 'number', v: '2019' }, false)).toBeNull();
  });

  it('reads a serial number in a date column, in either date system', () => {
    expect(parseDateCell({ t: 'number', v: '43555' }, false)).toBe('2019-03-31');
    expect(parseDateCell({ t: 'number', v: '42093' }, true)).toBe('2019-03-31');
  });
});
