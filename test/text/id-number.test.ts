import { describe, expect, it } from 'vitest';
import { checkDigit, checkIdNumber } from '../../src/text/id-number.js';

describe('checkIdNumber (GB 11643)', () => {
  it.each([
    ['632122196503170424', '18'],
    ['11010519491231002X', '18'],
    ['11010519491231002x', '18'],
    ['６３２１２２１９６５０３１７０４２４', '18'],
    ['632123551230291', '15'],
  ])('accepts %s', (id, kind) => {
    expect(checkIdNumber(id, false)).toEqual({ ok: true, kind });
  });

  it.each([
    ['430281197105264011', 'check-digit'],
    ['430281200102317933', 'birth-date'],
    ['632127200102290011', 'birth-date'],
    ['18000019900101001X', 'region'],
    ['4.30281E+17', 'scientific'],
    ['430281199411057000', 'trailing-zeros'],
    ['63212219880808', 'format'],
    ['63212219880808064A', 'format'],
    ['632123551332291', 'birth-date'],
  ])('rejects %s: %s', (id, problem) => {
    expect(checkIdNumber(id, false)).toEqual({ ok: false, problem });
  });

  it('treats an 18-digit ID the spreadsheet stored as a number as damaged, even if it looks right', () => {
    expect(checkIdNumber('632122196503170424', true)).toEqual({ ok: false, problem: 'stored-as-number' });
  });

  it('refuses a birth date after the report date', () => {
    const id = `63212220200101001`;
    const full = id + checkDigit(id);
    expect(checkIdNumber(full, false)).toEqual({ ok: true, kind: '18' });
    expect(checkIdNumber(full, false, '2019-12-31')).toEqual({ ok: false, problem: 'birth-date' });
  });
});
