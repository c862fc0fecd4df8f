// Ledgers as they really arrive: one fixture per shape (fixtures/<shape>/), reconciled through
// the CLI, checking what a user relies on — the figures and statuses, which rows were skipped
// and why, each input's unit and where it came from, its encoding and delimiter, the footing
// verdicts, and for unreadable input exit code 2 with file, sheet, row, column and text.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure, reconcileJson, runCli, type ReportJson, type Role } from '../helpers.js';

type Report = ReportJson;

const files = (dir: string, a = 'allocated.csv', d = 'disbursed.csv', l = 'landed.csv') => ['-a', join('fixtures', dir, a), '-d', join('fixtures', dir, d), '-l', join('fixtures', dir, l)];

const reconcile = (args: string[]) => reconcileJson<Report>(args, { passes: true });

const input = (r: Report, role: Role) => r.inputs.find((i) => i.role === role)!;
const key = (r: Report, k: string) => r.keys.find((x) => x.key === k)!;
/** Each key's three figures and statuses, by key. */
const figures = (r: Report) => Object.fromEntries(r.keys.map((k) => [k.key, [k.allocated, k.disbursed, k.landed, k.status.join(',')]]));
/** Every input's rows read = used + skipped, and the skipped rows listed. */
function accountedFor(r: Report): void {
  for (const i of r.inputs) {
    expect(i.rows.read, i.path).toBe(i.rows.used + i.rows.skipped);
    expect(i.skipped, i.path).toHaveLength(i.rows.skipped);
  }
}

/** Runs with `--lang en`: these tests check the English wording of the error. */
const fails = failure;

const PINGAN = {
  三合镇村组道路硬化项目: ['1200000.00', '1200000.00', '1200000.00', 'matched'],
  小峡镇特色种植项目: ['679071.20', '679071.20', '679071.20', 'matched'],
  古城乡人饮安全巩固提升工程: ['455000.00', '455000.00', '455000.00', 'matched'],
};

describe('title rows, a note, a 单位 line and blank rows above the header', () => {
  it('are skipped with their reasons, the unit is taken from the line, and 67.90712 万元 is 679,071.20 元', async () => {
    const r = await reconcile(files('title-and-unit-line'));
    const a = input(r, 'allocated');
    expect(a.header.rows).toEqual([5]);
    expect(a.skipped).toEqual([
      { row: 1, reason: 'title' },
      { row: 2, reason: 'note' },
      { row: 3, reason: 'unit' },
      { row: 4, reason: 'blank' },
      { row: 5, reason: 'header' },
      // 制表人：李明    审核人：王芳 under the data signs the table off.
      { row: 9, reason: 'sign-off' },
    ]);
    expect(a.rows).toEqual({ read: 9, used: 3, skipped: 6 });
    expect([a.unit, a.unitSource]).toEqual(['万元', 'sheet']);
    expect(figures(r)).toEqual({ ...PINGAN, 古城乡人饮安全巩固提升工程: ['455000.00', '400000.00', '400000.00', 'retained'] });
    expect(key(r, '小峡镇特色种植项目').evidence).toEqual({ allocated: [7], disbursed: [3], landed: [3, 4] });
    accountedFor(r);
  });

  it('the text report lists them by reason', async () => {
    const out = (await runCli(['reconcile', ...files('title-and-unit-line'), '--fail-on', 'none'])).stdout;
    expect(out).toContain('单位 万元（表中“单位”行注明）');
    expect(out).toContain('跳过: 标题 第 1 行; 说明文字 第 2 行; 单位行 第 3 行; 空行 第 4 行; 表头 第 5 行; 表尾签署行（制表人、审核人等） 第 9 行');
  });
});

describe('two-row headers with merged parent cells', () => {
  const expected = {
    瞿昙镇马营村产业发展项目: ['1500000.00', '1500000.00', '1500000.00', 'matched'],
    高庙镇村组道路硬化项目: ['1200000.00', '1200000.00', '1200000.00', 'matched'],
    雨露计划职业教育补助: ['675000.00', '675000.00', '660000.00', 'not-landed'],
  };

  it.each([
    ['XLSX, merged cells', 'allocated.xlsx', 'E'],
    ['CSV, the parent written once', 'allocated.csv', '5'],
  ])('%s: one name per column, the 小计 under 资金规模（万元） is the amount, in 万元', async (_what, file, amountRef) => {
    const r = await reconcile(files('two-row-header', file));
    const a = input(r, 'allocated');
    expect(a.header.rows).toEqual([2, 3]);
    expect(a.header.columns.map((c) => c.header)).toEqual([
      '序号', '项目名称', '建设地点', '建设内容及规模', '资金规模(万元)/小计', '资金规模(万元)/中央资金', '资金规模(万元)/省级资金', '责任单位',
    ]);
    expect(a.header.amount).toBe(amountRef);
    expect([a.unit, a.unitSource]).toEqual(['万元', 'header']);
    expect(a.skipped).toEqual([
      { row: 1, reason: 'title' },
      { row: 2, reason: 'header' },
      { row: 3, reason: 'header' },
      { row: 7, reason: 'total' },
    ]);
    expect(a.footing.map((f) => [f.row, f.stated, f.computed, f.foots])).toEqual([[7, '3375000.00', '3375000.00', true]]);
    expect(figures(r)).toEqual(expected);
    accountedFor(r);
  });
});

describe('units', () => {
  it('from the header: 投资规模 with (万元) on a second line of the cell, 拨付金额（元）, 结算金额(万元)', async () => {
    const r = await reconcile(files('units-in-header', 'allocated.xlsx'));
    expect(r.inputs.map((i) => [i.header.columns.find((c) => c.field === 'amount')!.header, i.unit, i.unitSource])).toEqual([
      ['投资规模(万元)', '万元', 'header'],
      ['拨付金额(元)', '元', 'header'],
      ['结算金额(万元)', '万元', 'header'],
    ]);
    expect(figures(r)).toEqual(PINGAN);
  });

  it('mixed: 万元 by a 单位 line in one file, 元 by its header in the next, and a unit in each cell (45.45万元 + 500元) in the third', async () => {
    const r = await reconcile(files('units-mixed'));
    expect(r.inputs.map((i) => [i.unit, i.unitSource])).toEqual([
      ['万元', 'sheet'],
      ['元', 'header'],
      ['万元', 'cell'],
    ]);
    expect(figures(r)).toEqual(PINGAN);
    expect(key(r, '古城乡人饮安全巩固提升工程').evidence.landed).toEqual([5, 6]);
  });

  it('unstated: inferred as 万元 because, so read, it agrees with the ledgers that state theirs; a finding gives both readings', async () => {
    const r = await reconcile(files('unit-unstated'));
    const a = input(r, 'allocated');
    expect([a.unit, a.unitSource, a.unitComparedWith]).toEqual(['万元', 'inferred', ['disbursed', 'landed']]);
    expect(figures(r)).toEqual(PINGAN);
    const inferred = r.findings.filter((f) => f.rule === 'unit-inferred');
    expect(inferred.map((f) => [f.severity, f.evidence.map((e) => [e.role, e.row])])).toEqual([['warning', [['allocated', 1]]]]);
    expect(inferred[0]!.message).toContain('2,334,071.20');
    expect(inferred[0]!.message).toMatch(/若按元读取，合计只有 233\.4\d* 元/);
    const text = (await runCli(['reconcile', ...files('unit-unstated')])).stdout;
    expect(text).toContain('单位 万元（未注明，按万元读取时与其他台账相符，据此推断，对照 拨付、落地）');
    // The decision is listed under the summary figures it scaled, not only among the findings.
    const summary = text.slice(text.indexOf('汇总'), text.indexOf('逐项比对'));
    expect(summary).toContain('金额单位系推断：上级下达台账未注明金额单位，已按万元读取');
  });

  it('unstated: a partial 一卡通 export of a few households in 元 is not scaled to 万元; its shortfall stands and the gap in magnitude is a warning', async () => {
    const r = await reconcile(files('unit-unstated-households'));
    expect([input(r, 'landed').unit, input(r, 'landed').unitSource]).toEqual(['元', 'default']);
    expect(figures(r)).toEqual({ 雨露计划职业教育补助: ['2000000.00', '2000000.00', '1480.50', 'not-landed'] });
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['not-landed', 'error'],
      ['units-far-apart', 'warning'],
    ]);
    expect(r.findings[1]!.message).toContain('--unit landed=万元');
  });

  it('unstated: --unit allocated=万元 or the config sets it, and the report says it was set', async () => {
    for (const extra of [['--unit', 'allocated=万元'], ['-c', 'fixtures/unit-unstated/fundgap.config.json']]) {
      const r = await reconcile([...files('unit-unstated'), ...extra]);
      expect([input(r, 'allocated').unit, input(r, 'allocated').unitSource], extra.join(' ')).toEqual(['万元', 'config']);
      expect(figures(r)).toEqual(PINGAN);
    }
  });

  it('unstated: --unit allocated=元 wins over inference, and every project is then over-disbursed', async () => {
    const r = await reconcile([...files('unit-unstated'), '--unit', 'allocated=元']);
    expect([input(r, 'allocated').unit, input(r, 'allocated').unitSource]).toEqual(['元', 'config']);
    // 67.90712 元 has digits past the fen: it is read as 67.91, and the rounding is a finding.
    expect(r.totals.allocated).toBe('233.41');
    const rounded = r.findings.filter((f) => f.rule === 'amount-rounded');
    expect(rounded.map((f) => f.evidence.map((e) => e.row))).toEqual([[3]]);
    expect(rounded[0]!.message).toContain('0.00288');
    expect(r.keys.every((k) => k.status.includes('over-disbursed'))).toBe(true);
  });
});

describe('total and subtotal rows', () => {
  it('小计 groups and a 合计; 小計/合計 in traditional characters; "XX合计" groups under a 总计: skipped as such and footed', async () => {
    const r = await reconcile(files('subtotals'));
    for (const i of r.inputs) {
      expect(i.skipped, i.path).toEqual([
        { row: 1, reason: 'header' },
        { row: 4, reason: 'subtotal' },
        { row: 7, reason: 'subtotal' },
        { row: 8, reason: 'total' },
      ]);
    }
    expect(r.inputs.map((i) => i.footing.map((f) => [f.row, f.label, f.foots]))).toEqual([
      [[4, '瞿昙镇小计', true], [7, '高庙镇小计', true], [8, '合计', true]],
      [[4, '小計', true], [7, '小計', true], [8, '合計', true]],
      [[4, '瞿昙镇合计', true], [7, '高庙镇合计', true], [8, '总计', true]],
    ]);
    expect(r.findings.filter((f) => f.rule === 'footing-mismatch')).toEqual([]);
    // The totals are never added to the figures.
    expect(r.totals).toMatchObject({ allocated: '2050000.00', disbursed: '2050000.00', landed: '2040000.00' });
    expect(key(r, '新庄村人饮工程')).toMatchObject({ landed: '240000.00', notLanded: '10000.00', status: ['not-landed'] });
  });

  it('a 合计 that does not equal its rows is a footing-mismatch finding naming the row, the stated total, the sum and the difference', async () => {
    const r = await reconcile(files('footing-mismatch'));
    expect(input(r, 'allocated').footing).toEqual([
      {
        row: 7,
        kind: 'total',
        label: '合计',
        stated: '2255000.00',
        computed: '2355000.00',
        difference: '-100000.00',
        foots: false,
        formula: null,
        covers: { first: 4, last: 6, count: 3 },
        // Nothing carried in from an earlier page, and no amount rounded to allow for.
        base: null,
        roundedRows: 0,
        allowance: '0.00',
        withinRounding: false,
      },
    ]);
    const found = r.findings.filter((f) => f.rule === 'footing-mismatch');
    expect(found).toEqual([
      {
        rule: 'footing-mismatch',
        severity: 'error',
        key: null,
        amount: '-100000.00',
        message: expect.any(String),
        evidence: [{ role: 'allocated', file: 'fixtures/footing-mismatch/allocated.csv', sheet: null, row: 7 }],
        details: { rule: 'footing-mismatch', role: 'allocated', row: 7, label: '合计', stated: '2255000.00', computed: '2355000.00', first: 4, last: 6, count: 3 },
      },
    ]);
    for (const s of ['第 7 行', '“合计”', '2,255,000.00', '2,355,000.00', '-100,000.00']) expect(found[0]!.message).toContain(s);
    // The figures come from the rows, not the stated total.
    expect(r.totals.allocated).toBe('2355000.00');
    expect((await runCli(['reconcile', ...files('footing-mismatch')])).code).toBe(1);
  });
});

describe('encodings', () => {
  it('GBK is detected (and read as its superset GB18030), next to a UTF-8 file', async () => {
    const r = await reconcile(files('gbk-encoded'));
    expect(r.inputs.map((i) => [i.encoding, i.encodingSource])).toEqual([
      ['gb18030', 'detected'],
      ['gb18030', 'detected'],
      ['utf-8', 'detected'],
    ]);
    expect(figures(r)).toEqual({
      榔梨街道新安村产业扶贫项目: ['800000.00', '800000.00', '800000.00', 'matched'],
      黄兴镇光明村饮水安全工程: ['350000.00', '350000.00', '350000.00', 'matched'],
      跳马镇扶贫车间建设项目: ['1200000.00', '1000000.00', '1000000.00', 'retained'],
    });
    expect(input(r, 'allocated').skipped[0]).toEqual({ row: 1, reason: 'title' });
  });

  it('--encoding overrides detection and is reported as given; the wrong one is an error naming the cell', async () => {
    const r = await reconcile([...files('gbk-encoded'), '--encoding', 'allocated=gbk']);
    expect([input(r, 'allocated').encoding, input(r, 'allocated').encodingSource]).toEqual(['gb18030', 'option']);
    const err = await fails([...files('gbk-encoded'), '--encoding', 'allocated=utf-8']);
    expect(err).toMatch(/^fundgap: \[ENCODING_INVALID\] fixtures\/gbk-encoded\/allocated\.csv:1:1: this text is not valid utf-8: /);
  });

  it('UTF-16LE with BOM and tabs (Excel "Unicode 文本"), UTF-16BE with BOM, UTF-8 with BOM', async () => {
    const r = await reconcile(files('utf16-bom'));
    expect(r.inputs.map((i) => [i.encoding, i.encodingSource, i.delimiter])).toEqual([
      ['utf-16le', 'bom', '\t'],
      ['utf-16be', 'bom', ','],
      ['utf-8', 'bom', ','],
    ]);
    // The BOM does not stick to the first header.
    expect(r.inputs.map((i) => i.header.columns[0]!.header)).toEqual(['序号', '凭证号', '项目名称']);
    expect(figures(r)).toEqual({
      官庄镇贫困村危桥改造: ['2510000.00', '2510000.00', '2478000.00', 'not-landed'],
      枫林镇彰仙岭廊桥建设项目: ['1200000.00', '1200000.00', '1200000.00', 'matched'],
    });
  });
});

describe('CSV delimiters and quoting', () => {
  it('tab-separated text, with thousands separators and commas in the text left unquoted', async () => {
    const r = await reconcile(files('tab-delimited', 'allocated.csv', 'disbursed.txt'));
    const d = input(r, 'disbursed');
    expect(d.delimiter).toBe('\t');
    expect(d.header.columns.map((c) => c.header)).toEqual(['凭证号', '拨付日期', '项目名称', '收款单位', '拨付金额(元)', '摘要']);
    expect(figures(r)).toEqual({ ...PINGAN, 古城乡人饮安全巩固提升工程: ['455000.00', '455000.00', '400000.00', 'not-landed'] });
  });

  it('semicolon-separated, with thousands separators unquoted', async () => {
    const r = await reconcile(files('semicolon-delimited'));
    expect(r.inputs.map((i) => i.delimiter)).toEqual([',', ',', ';']);
    expect(figures(r)).toEqual(PINGAN);
  });

  it('quoted fields with line breaks: a header on two lines, a key split over two lines, rows numbered by the line they start on', async () => {
    const r = await reconcile(files('quoted-line-breaks'));
    const d = input(r, 'disbursed');
    expect(d.header.columns.find((c) => c.field === 'amount')!.header).toBe('拨付金额(元)');
    expect([d.unit, d.unitSource]).toEqual(['元', 'header']);
    expect(d.rows).toEqual({ read: 4, used: 3, skipped: 1 });
    expect(r.keys.map((k) => [k.key, k.evidence.disbursed])).toEqual(
      expect.arrayContaining([
        ['三合镇村组道路硬化项目', [3]],
        ['小峡镇特色种植项目', [5]],
        ['古城乡人饮安全巩固提升工程', [7]],
      ]),
    );
    expect(figures(r)).toEqual(PINGAN);
  });
});

describe('headers as people type them', () => {
  it('spaces inside (项 目 名 称), ideographic spaces, line breaks and full-width brackets are normalised before matching', async () => {
    const r = await reconcile(files('header-spelling'));
    expect(r.inputs.map((i) => i.header.columns.map((c) => [c.header, c.field]))).toEqual([
      [['序号', null], ['项目名称', 'project'], ['下达金额', 'amount'], ['下达日期', 'date']],
      [['凭证号', 'voucher'], ['项目名称', 'project'], ['拨付金额(元)', 'amount'], ['拨付时间', 'date']],
      [['项目名称', 'project'], ['收款单位', 'payee'], ['结算金额(元)', 'amount'], ['结算日期', 'date']],
    ]);
    expect(figures(r)).toEqual({ 三合镇村组道路硬化项目: PINGAN.三合镇村组道路硬化项目, 小峡镇特色种植项目: PINGAN.小峡镇特色种植项目 });
    // -k with the header text as it should be finds the column however it was typed.
    const k = await reconcile([...files('header-spelling'), '-k', '项目名称']);
    expect(k.keys).toHaveLength(2);
  });
});

describe('XLSX cells', () => {
  const xlsx = files('xlsx-cells', 'allocated.xlsx', 'disbursed.xlsx', 'landed.xlsx');

  it('numbers as text, a formula with its saved result, rich text, merged key and amount cells: all to the fen', async () => {
    const r = await reconcile(xlsx);
    expect(figures(r)).toEqual({ ...PINGAN, 马营村产业发展项目: ['300000.00', '300000.00', '300000.00', 'matched'] });
    // The project merged over two disbursement rows applies to both.
    expect(key(r, '三合镇村组道路硬化项目').evidence.disbursed).toEqual([2, 3]);
    // The settlement merged over two payee rows counts once.
    expect(key(r, '小峡镇特色种植项目').evidence.landed).toEqual([3]);
    expect(input(r, 'landed').skipped).toEqual([
      { row: 1, reason: 'header' },
      { row: 4, reason: 'merged-amount' },
    ]);
    expect(input(r, 'allocated').footing.map((f) => [f.row, f.stated, f.foots])).toEqual([[6, '2634071.20', true]]);
    accountedFor(r);
  });

  it('a hidden row is read, and listed as hidden', async () => {
    const r = await reconcile(xlsx);
    expect(input(r, 'allocated').hiddenRows).toEqual([5]);
    expect(key(r, '马营村产业发展项目').evidence.allocated).toEqual([5]);
    expect((await runCli(['reconcile', ...xlsx])).stdout).toContain('隐藏行: 第 5 行');
  });

  it('a hidden sheet is read when named, and the report says it is hidden', async () => {
    const args = ['-a', 'fixtures/xlsx-cells/allocated.xlsx#底稿', ...xlsx.slice(2)];
    const r = await reconcile(args);
    expect([input(r, 'allocated').sheet, input(r, 'allocated').sheetState]).toEqual(['底稿', 'hidden']);
    expect(key(r, '小峡镇特色种植项目').allocated).toBe('679071.20');
    expect((await runCli(['reconcile', ...args, '--fail-on', 'none'])).stdout).toContain('该工作表在 Excel 中为隐藏状态');
  });
});

describe('amounts as people write them', () => {
  it('￥, spaces, full-width digits and capitals are read exactly; -, — and an empty cell are blank rows, listed', async () => {
    const r = await reconcile(files('amounts-as-written'));
    const l = input(r, 'landed');
    expect(l.skipped).toEqual([
      { row: 1, reason: 'header' },
      { row: 6, reason: 'no-amount' },
      { row: 7, reason: 'no-amount' },
      { row: 8, reason: 'no-amount' },
    ]);
    expect(key(r, '雨露计划职业教育补助')).toMatchObject({ landed: '15000.00', notLanded: '12000.00', evidence: { landed: [2, 3, 4, 5, 9, 10] } });
  });
});

describe('ID numbers stay text', () => {
  it('keyed by 身份证号: IDs (one ending in X, some written ="…") keep every digit; one Excel stored as a number shows the digits it lost', async () => {
    const r = await reconcile([...files('id-numbers-as-text', 'allocated.csv', 'disbursed.csv', 'landed.xlsx'), '-k', '身份证号']);
    expect(figures(r)).toEqual({
      '430281196507121234': ['3000.00', '3000.00', '3000.00', 'matched'],
      '43028119720303452X': ['3000.00', '3000.00', '3000.00', 'matched'],
      '430281199411057176': ['3000.00', '3000.00', '0.00', 'not-landed'],
      '430281199411057000': ['0.00', '0.00', '3000.00', 'unallocated,over-landed'],
    });
  });
});

describe('unreadable input: exit 2, one message with file, sheet, row, column and the text', () => {
  const A = 'fixtures/every-status/allocated.csv';
  const D = 'fixtures/every-status/disbursed.csv';
  const L = 'fixtures/every-status/landed.csv';

  it('a formula with no saved result names the cell and the formula', async () => {
    const err = await fails(['-a', 'fixtures/errors/CELL_NO_RESULT/allocated.xlsx', '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/CELL_NO_RESULT/allocated.xlsx[分配表]:3:D (下达金额(元)): the cell is a formula with no saved result: "=B3*C3"');
  });

  it('an Excel error value names the cell and the error', async () => {
    const err = await fails(['-a', 'fixtures/errors/CELL_ERROR/allocated.xlsx', '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/CELL_ERROR/allocated.xlsx[分配表]:3:B (下达金额(元)): the cell holds the Excel error #DIV/0!, not an amount: "#DIV/0!"');
  });

  it('a key that is an Excel error (a VLOOKUP that found nothing) names the cell, rather than pooling rows under "#N/A"', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/CELL_ERROR/disbursed.xlsx', '-l', L]);
    expect(err).toContain('fixtures/errors/CELL_ERROR/disbursed.xlsx[拨付台账]:3:B (项目名称): the cell holds the Excel error #N/A, not a key: "#N/A"');
  });

  it('a CSV line with too few cells names its line and the missing column', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/CSV_ROW_WIDTH/short-row.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/CSV_ROW_WIDTH/short-row.csv:3:3 (拨付金额(元)): this line has 2 cells but the header has 4: "三合镇道路硬化项目,平安区交通运输局"');
  });

  it('a CSV line with too many cells names its line and the extra column', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/CSV_ROW_WIDTH/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/CSV_ROW_WIDTH/disbursed.csv:3:4: this line has 5 cells but the header has 3');
  });
});
