// The report's parameters block read back: what parametersOf writes rebuilds the very Settings
// the run used, so `fundgap verify` re-runs a report as it was made; and a block that is not
// what it writes is refused, naming the field.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { resolveSettings } from '../../src/cli/resolve-settings.js';
import { FundgapError } from '../../src/errors.js';
import { money, percent } from '../../src/money.js';
import { parametersOf, readParameters, settingsFromParameters } from '../../src/report/parameters.js';
import { defaultSettings } from '../../src/settings.js';

/** Through the report file and back: JSON text, as verify reads it. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const RICH_CONFIG = parseConfig(
  JSON.stringify({
    key: ['乡镇', '项目名称'],
    ledgers: {
      allocated: { sheet: '分配表', unit: '万元', headerRow: 3, columns: { amount: ['中央资金', '省级资金'], date: '下达日期' }, headings: [5, 9], lastRow: 40 },
      disbursed: { encoding: 'GBK', columns: { project: '项目' }, headings: 'none' },
      landed: { status: { success: ['已入账'], failed: ['退回'] }, columns: { payee: '户主姓名', idNumber: '身份证号码' } },
    },
    tolerance: { absolute: '1.00', percent: '0.5', notLanded: { absolute: '10.00' }, overLanded: { percent: '2' } },
    lateDays: 30,
    failOn: 'warning',
    lang: 'en',
    severity: { retained: 'error', 'late-disbursement': 'info' },
    materiality: '1000.00',
    duplicateWindowDays: 3,
    groupBy: ['乡镇'],
    mergeSimilar: 0.9,
    roster: { sheet: '名单', encoding: 'gb18030', headerRow: 2, columns: { idNumber: '身份证号码' } },
  }),
  'fundgap.config.json',
);

describe('parametersOf and settingsFromParameters', () => {
  it('give back the same Settings for a rich set of options from the config and the command line', () => {
    const settings = resolveSettings(RICH_CONFIG, {
      tolerance: ['D-L=2.50'],
      tolerancePct: ['retained=0.25', 'over-disbursed=1.50'],
      unit: ['disbursed=元'],
      encoding: ['landed=utf-16le'],
      asOf: '2019年12月31日',
      duplicateWindow: '5',
      groupBy: ['村'],
      mergeSimilar: '0.85',
    });
    const params = throughJson(parametersOf(settings, { path: 'fundgap.config.json', sha256: 'a'.repeat(64) }, { path: '名单.xlsx', sheet: '名单', sha256: 'b'.repeat(64) }));
    expect(settingsFromParameters(params)).toStrictEqual(settings);
    expect(readParameters(params)).toMatchObject({ config: { path: 'fundgap.config.json' }, roster: { path: '名单.xlsx', sheet: '名单' } });
  });

  it('give back the defaults, with nothing set', () => {
    const settings = resolveSettings({}, {});
    expect(settingsFromParameters(throughJson(parametersOf(settings, null)))).toStrictEqual(settings);
  });

  it('record where each value came from: the command line over the config over the default', () => {
    const settings = resolveSettings(RICH_CONFIG, { tolerance: ['D-L=2.50'], unit: ['disbursed=元'], asOf: '2019-12-31' });
    const { sources } = throughJson(parametersOf(settings, null)) as { sources: Record<string, string> };
    expect(sources).toMatchObject({
      key: 'config',
      'tolerance.retained.absolute': 'config',
      'tolerance.notLanded.absolute': 'cli',
      'tolerance.overLanded.absolute': 'cli',
      'tolerance.overLanded.percent': 'config',
      asOf: 'cli',
      lateDays: 'config',
      'ledgers.allocated.unit': 'config',
      'ledgers.disbursed.unit': 'cli',
      'ledgers.disbursed.encoding': 'config',
      'ledgers.landed.status': 'config',
      'roster.columns': 'config',
    });
    expect(throughJson(parametersOf(resolveSettings({}, {}), null))).toMatchObject({ sources: { key: 'default', materiality: 'default', 'tolerance.notLanded.percent': 'default' } });
  });

  it('keep exact tolerances and amounts: a percentage written 0.50 is the 0.5 it was', () => {
    const settings = defaultSettings();
    settings.tolerance.notLanded = { absolute: money('0.01'), percent: percent('0.50') };
    settings.materiality = money('12345678901234567.89');
    const back = settingsFromParameters(throughJson(parametersOf(settings, null)));
    expect(back.tolerance.notLanded).toStrictEqual({ absolute: 1n, percent: { coef: 5n, scale: 1 } });
    expect(back.materiality).toBe(1234567890123456789n);
  });

  it('refuse a block that is not what parametersOf writes, naming the field', () => {
    const good = throughJson(parametersOf(defaultSettings(), null)) as Record<string, unknown>;
    const failure = (params: unknown) => {
      try {
        settingsFromParameters(params, 'report.json');
      } catch (e) {
        return e instanceof FundgapError ? { code: e.code, message: e.message, file: e.at?.file } : e;
      }
      return null;
    };
    expect(failure({ ...good, tolerance: { ...(good.tolerance as object), retained: { absolute: '1e3', percent: null } } })).toMatchObject({
      code: 'REPORT_INVALID',
      message: expect.stringContaining('parameters.tolerance.retained.absolute'),
      file: 'report.json',
    });
    expect(failure({ ...good, newSetting: true })).toMatchObject({ code: 'REPORT_INVALID', message: expect.stringContaining('newSetting') });
    expect(failure({ ...good, lang: 'fr' })).toMatchObject({ code: 'REPORT_INVALID', message: expect.stringContaining('parameters.lang') });
    expect(failure(null)).toMatchObject({ code: 'REPORT_INVALID' });
  });
});
