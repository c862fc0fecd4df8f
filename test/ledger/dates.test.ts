import { describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { badDate, parseDateCell } from '../../src/ledger/dates.js';

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

describe('dates as systems export them', () => {
  it.each([
    ['2019年06月10日 09:10:33', '2019-06-10'],
    ['2019年6月10日9时10分', '2019-06-10'],
    ['2019 年 6 月 10 日', '2019-06-10'],
    ['2019-06-10 09:10:33', '2019-06-10'],
    ['2019-06-10 09:10:33.0', '2019-06-10'],
    ['2019-06-10T09:10:33+08:00', '2019-06-10'],
    ['2019/6/10 9:10', '2019-06-10'],
    ['2019/6/10 下午 3:10', '2019-06-10'],
    ['2019.06.10', '2019-06-10'],
    ['２０１９－０６－１０', '2019-06-10'],
    ['20190610 09:10:33', '2019-06-10'],
    ['20190610091033', '2019-06-10'],
    ['201906', '2019-06-01'],
  ])('text %s', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each(['2019-06-10 下旬', '2019-06-10 25:00', '2019-06-10 09:75', '2019年06月10日 补', '20190610999999', '201913'])(
    'a date followed by something that is not a time of day is no date: %s',
    (input) => {
      expect(text(input)).toBeNull();
    },
  );

  const num = (v: string, date1904 = false) => parseDateCell({ t: 'number', v }, date1904);

  it('a number cell holding yyyymmdd is that day, not a serial far past 9999', () => {
    expect(num('20190405')).toBe('2019-04-05');
    expect(num('20190610091033')).toBe('2019-06-10');
    expect(num('201904')).toBe('2019-04-01');
  });

  it('serials and yyyymmdd never overlap: each number has one reading or none', () => {
    // The last serial read is 2200-12-31 (109939); the first yyyymm is 190001.
    expect(num('109939')).toBe('2200-12-31');
    expect(num('109940')).toBeNull();
    expect(num('150000')).toBeNull();
    // Text holding the same digits reads the same way.
    expect(text('109939')).toBe('2200-12-31');
    expect(text('20190405')).toBe('2019-04-05');
  });

  it.each(['20191345', '20190230', '2019.1', '2019.10', '12', '99999999', '2958465', '20190405.5'])('number %s is not a date', (v) => {
    expect(num(v)).toBeNull();
  });

  it('says why a number like 2019.1 cannot be a month: its trailing 0 may be gone', () => {
    const hint = (v: string) => new FundgapError({ code: 'DATE_INVALID', at: { file: 'a.csv' }, text: v, ...badDate({ t: 'number', v }) }).hint;
    expect(badDate({ t: 'number', v: '2019.1' })).toEqual({ problem: 'year-month', year: '2019', month: '1' });
    expect(hint('2019.1')).toContain('2019-01 or 2019-10');
    expect(hint('20191345')).toContain('neither a yyyymmdd date');
  });
});
