import { describe, expect, it } from 'vitest';
import { isDateFormatCode, isoCellText, serialToIso } from '../../src/sheets/xlsx/dates.js';

describe('Excel date serials', () => {
  it('shows the day Excel shows, across its fictitious 1900-02-29', () => {
    const days: [string, string][] = [
      ['1', '1900-01-01'],
      ['59', '1900-02-28'],
      ['60', '1900-02-28'], // Excel's 1900-02-29, which never existed
      ['61', '1900-03-01'],
      ['43738', '2019-09-30'],
      ['43738.5', '2019-09-30T12:00:00'],
      ['43738.99999999', '2019-10-01'], // rounds to the second, which is midnight
      ['2958465', '9999-12-31'],
    ];
    for (const [serial, iso] of days) expect(serialToIso(serial, false), serial).toBe(iso);
  });

  it('counts the 1904 system from 1904-01-01', () => {
    expect(serialToIso('0', true)).toBe('1904-01-01');
    expect(serialToIso('42276', true)).toBe('2019-09-30');
  });

  it('refuses serials no calendar shows, so the cell stays a number', () => {
    for (const bad of ['-1', '2958466', '1E+300', 'abc']) expect(serialToIso(bad, false), bad).toBeUndefined();
  });

  it('drops a midnight time from an ISO date cell', () => {
    expect(isoCellText('2019-09-30T00:00:00Z')).toBe('2019-09-30');
    expect(isoCellText('2019-09-30T00:00:00.000')).toBe('2019-09-30');
    expect(isoCellText('2019-09-30T08:00:00')).toBe('2019-09-30T08:00:00');
  });
});

describe('number formats that show a date', () => {
  it('recognises date and time codes, including Chinese ones and elapsed time', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'yyyy年m月d日', '[$-804]yyyy/m/d;@', '[DBNum1][$-804]yyyy"年"m"月"', 'h:mm AM/PM', '[h]:mm:ss', 'mm:ss']) {
      expect(isDateFormatCode(code), code).toBe(true);
    }
  });

  it('does not take letters in literals, colours, padding or locales for a date', () => {
    for (const code of ['General', '@', '0.00', '#,##0.00_);[Red](#,##0.00)', '0.00"万元 d"', '\\d0', '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', '[$¥-804]#,##0.00', '0.00E+00']) {
      expect(isDateFormatCode(code), code).toBe(false);
    }
  });
});
