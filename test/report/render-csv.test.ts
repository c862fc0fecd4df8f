// CSV fields as Excel and WPS will open them: keys and IDs kept as written, text that would run
// as a formula made inert, amounts (negative ones too) left as numbers.

import { describe, expect, it } from 'vitest';
import { csvField, excelWouldChange } from '../../src/report/render-csv.js';

describe('keys and IDs Excel would change', () => {
  it.each([
    ['430281199411057176', '18-digit ID: shown as 4.30281E+17, digits after the 15th lost'],
    ['6217995550001234567', 'bank card number'],
    ['123456789012', 'twelve digits: shown in E notation'],
    ['00123', 'a code with leading zeros: they would go'],
    ['3-1', 'read as a date'],
    ['2019/3', 'read as a date'],
    ['3.10', 'read as 3.1'],
    ['(12)', 'read as -12'],
    ['1E5', 'read as 100000'],
    ['12%', 'read as 0.12'],
    ['8:30', 'read as a time'],
    ['-5', 'read as a number (and would start a formula)'],
  ])('%s is written as ="…" (%s)', (key) => {
    expect(excelWouldChange(key)).toBe(true);
    expect(csvField(key, 'key')).toBe(`"=""${key}"""`);
  });

  it.each([
    ['12345678901', 'eleven digits show in full'],
    ['2019', 'a short number shows as written'],
    ['0', 'a lone zero'],
    ['43028119720303452X', 'an ID ending in X is text already'],
    ['马营村产业发展项目', 'text'],
    ['三合镇 / 001', 'a composite key with text in it'],
  ])('%s is written as it is (%s)', (key) => {
    expect(excelWouldChange(key)).toBe(false);
    expect(csvField(key, 'key')).toBe(key);
  });

  it('a key with a comma in it is quoted around the formula', () => {
    expect(csvField('1,234', 'key')).toBe('"=""1,234"""');
  });
});

describe('formula neutralising', () => {
  it.each([
    ['=HYPERLINK("http://x","点此")', `"'=HYPERLINK(""http://x"",""点此"")"`],
    ['+cmd', "'+cmd"],
    ['-项目', "'-项目"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('text %j gets a leading apostrophe', (value, written) => {
    expect(csvField(value, 'text')).toBe(written);
  });

  it('applies to keys that are not numbers', () => {
    expect(csvField('=1+1', 'key')).toBe("'=1+1");
    expect(csvField('@项目', 'key')).toBe("'@项目");
  });

  it('leaves amounts alone: a negative gap stays a number', () => {
    expect(csvField('-200000.00', 'number')).toBe('-200000.00');
    expect(csvField('0.00', 'number')).toBe('0.00');
  });

  it('leaves text that starts harmlessly alone, quoting only what CSV needs', () => {
    expect(csvField('滞留、未落地', 'text')).toBe('滞留、未落地');
    expect(csvField('a "b", c', 'text')).toBe('"a ""b"", c"');
    expect(csvField('中-1', 'text')).toBe('中-1');
  });
});
