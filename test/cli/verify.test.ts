// `fundgap verify`: a report still matches the files it names (exit 0), or it says which file
// changed or which figure differs (exit 1); a missing file or a report it cannot read is
// exit 2. Reports are made by reconcile in temporary folders, copied fixtures changed there.

import { cpSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { formatExact, money } from '../../src/money.js';
import { ledgers, readJson, runCli, tempDir, type ReportJson } from '../helpers.js';

const DEMO = ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

/** A copy of a fixture folder in a fresh temporary folder. */
function copyOf(fixture: string): string {
  const dir = scratch();
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function reconcileTo(out: string, args: string[]): Promise<ReportJson> {
  const r = await runCli(['reconcile', ...args, '-f', 'json', '-o', out, '--fail-on', 'none']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return readJson(out) as ReportJson;
}

const verify = (report: string, ...extra: string[]) => runCli(['verify', report, '--lang', 'en', ...extra]);

/** The line of verify's output that lists this file. */
const lineOf = (stdout: string, path: string) => stdout.split('\n').find((l) => l.includes(`  ${path}  `));

/** Rewrites one key's or finding's line of a JSON report as reconcile laid it out. */
function editLine(report: string, match: (item: Record<string, unknown>) => boolean, edit: (item: Record<string, unknown>) => Record<string, unknown> | null): void {
  const lines = readFileSync(report, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('    {"') && match(JSON.parse(l.replace(/,$/, '')) as Record<string, unknown>));
  expect(at).toBeGreaterThan(0);
  const line = lines[at]!;
  const edited = edit(JSON.parse(line.replace(/,$/, '')) as Record<string, unknown>);
  if (edited === null) {
    // Dropping a line that is not the last of its list keeps the commas right.
    expect(line.endsWith(',')).toBe(true);
    lines.splice(at, 1);
  } else {
    lines[at] = `    ${JSON.stringify(edited)}${line.endsWith(',') ? ',' : ''}`;
  }
  writeFileSync(report, lines.join('\n'));
}

describe('fundgap verify on an untouched report', () => {
  it('passes on the demo: every ledger hashes the same and the re-run gives the same figures', async () => {
    const out = join(scratch(), 'report.json');
    const report = await reconcileTo(out, DEMO);
    const r = await verify(out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const input of report.inputs) expect(lineOf(r.stdout, input.path)).toContain('SHA-256 unchanged');
    expect(r.stdout).toContain(`${report.keys.length} keys and ${report.findings.length} findings are as the report states`);
  });

  it('passes on a report made with a config and options, which records where each setting came from', async () => {
    const out = join(scratch(), 'report.json');
    const config = 'fixtures/component-amount-columns/fundgap.config.json';
    const report = await reconcileTo(out, [...ledgers('fixtures/component-amount-columns'), '-c', config, '--tolerance', 'D-L=1', '--late-days', '30', '--group-by', '项目名称']);
    expect(report.parameters.sources).toMatchObject({
      'ledgers.allocated.columns': 'config',
      'tolerance.notLanded.absolute': 'cli',
      'tolerance.retained.absolute': 'default',
      lateDays: 'cli',
      groupBy: 'cli',
      key: 'default',
    });
    const r = await verify(out);
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, config)).toContain('SHA-256 unchanged');
  });

  it('passes on a report with a roster, which it hashes and reads again', async () => {
    const out = join(scratch(), 'report.json');
    const report = await reconcileTo(out, [...ledgers('fixtures/roster'), '--roster', 'fixtures/roster/roster.csv']);
    expect(report.parameters.rosterFile).toMatchObject({ path: 'fixtures/roster/roster.csv', sheet: null });
    const r = await verify(out);
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'fixtures/roster/roster.csv')).toContain('SHA-256 unchanged');
  });
});

describe('fundgap verify when something changed', () => {
  it('fails naming the file after one amount changes in it, and the total it moved', async () => {
    const dir = copyOf('fixtures/every-status');
    const out = join(scratch(), 'report.json');
    const report = await reconcileTo(out, ledgers(dir));
    const landed = join(dir, 'landed.csv');
    writeFileSync(landed, readFileSync(landed, 'utf8').replace('水利公司,720000.00', '水利公司,720000.50'));

    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, landed)).toContain('SHA-256 changed');
    expect(lineOf(r.stdout, join(dir, 'allocated.csv'))).toContain('SHA-256 unchanged');
    expect(lineOf(r.stdout, join(dir, 'disbursed.csv'))).toContain('SHA-256 unchanged');
    const now = formatExact(money(report.totals.landed!) + 50n);
    expect(r.stdout).toContain(`First difference: total Landed (L): the report has ${report.totals.landed}, the re-run ${now}`);
  });

  it('fails naming the key and the figure edited by hand in the report, with both values', async () => {
    const out = join(scratch(), 'report.json');
    const report = await reconcileTo(out, DEMO);
    const index = report.keys.findIndex((k) => k.key === '五十镇人饮安全巩固提升工程');
    const was = report.keys[index]!.landed;
    editLine(out, (k) => k.key === '五十镇人饮安全巩固提升工程', (k) => ({ ...k, landed: '800000.00' }));

    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`First difference: key ${index + 1} "五十镇人饮安全巩固提升工程", Landed (L): the report has 800000.00, the re-run ${was}`);
    expect(r.stdout).toContain('None of the files changed');
  });

  it('names a total before any key, and a rule whose findings are missing after the keys', async () => {
    const out = join(scratch(), 'report.json');
    const report = await reconcileTo(out, ledgers('fixtures/every-status'));
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.replace(`"gap": "${report.totals.gap}"`, '"gap": "0.00"'));
    expect((await verify(out)).stdout).toContain(`First difference: total Gap A−L: the report has 0.00, the re-run ${report.totals.gap}`);

    writeFileSync(out, text);
    editLine(out, (f) => f.rule === 'retained' && 'severity' in f, () => null);
    const r = await verify(out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('First difference: findings of "retained funds" (retained): the report has 0, the re-run 1');
  });

  it('names a changed roster, and a changed config while re-running with the parameters the report records', async () => {
    const dir = copyOf('fixtures/roster');
    const config = join(dir, 'fundgap.config.json');
    writeFileSync(config, JSON.stringify({ tolerance: { absolute: '0.00' } }));
    const out = join(scratch(), 'report.json');
    await reconcileTo(out, [...ledgers(dir), '--roster', join(dir, 'roster.csv'), '-c', config]);
    expect((await verify(out)).code).toBe(0);

    // A tolerance that would change nothing here: the figures still match, the file does not.
    writeFileSync(config, JSON.stringify({ tolerance: { absolute: '5000.00' } }));
    let r = await verify(out);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, config)).toContain('SHA-256 changed');
    expect(r.stdout).toContain('The re-run uses the parameters the report records, not what the config file holds now.');
    expect(r.stdout).not.toContain('First difference');

    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('缺技术', '缺资金'));
    r = await verify(out);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, roster)).toContain('SHA-256 changed');
  });
});

describe('fundgap verify when it cannot check', () => {
  it('exits 2 naming a missing ledger, and finds ledgers moved with the report under --base', async () => {
    const bundle = scratch();
    mkdirSync(join(bundle, 'fixtures'));
    cpSync('fixtures/haidong-demo', join(bundle, 'fixtures', 'haidong-demo'), { recursive: true });
    const out = join(bundle, 'report.json');
    await reconcileTo(out, DEMO);
    expect((await verify(out, '--base', bundle)).code).toBe(0);

    const landed = join(bundle, 'fixtures', 'haidong-demo', 'landed.xlsx');
    unlinkSync(landed);
    const r = await verify(out, '--base', bundle);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`fundgap: ${landed}: the landed ledger the report names is not there`);
    expect(r.stderr).toContain('--base');
  });

  it('exits 2 in Chinese by default, naming the file', async () => {
    const dir = copyOf('fixtures/every-status');
    const out = join(scratch(), 'report.json');
    await reconcileTo(out, ledgers(dir));
    unlinkSync(join(dir, 'disbursed.csv'));
    const r = await runCli(['verify', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'disbursed.csv')}: 找不到报告所列的拨付台账`);
  });

  it('exits 2 on a file that is not a fundgap report it can read, saying why', async () => {
    const dir = scratch();
    const out = join(dir, 'report.json');
    const report = await reconcileTo(out, ledgers('fixtures/every-status'));
    const text = readFileSync(out, 'utf8');
    const cases: [string, string | Buffer, string][] = [
      ['other.json', '{"name": "package", "version": "1.0.0"}', 'this is not a fundgap report'],
      ['ledger.csv', readFileSync('fixtures/every-status/allocated.csv'), 'this is not a fundgap report'],
      ['cut.json', text.slice(0, text.indexOf('"keys"') - 20), 'not valid JSON'],
      ['cut-in-keys.json', text.slice(0, text.indexOf('"findings"')), 'line'],
      ['newer.json', text.replace(report.schema, 'fundgap.report/v9'), 'fundgap.report/v9 is not one this version reads'],
      ['bad-parameters.json', text.replace('"duplicateWindowDays": 0', '"duplicateWindowDays": "0"'), 'parameters.duplicateWindowDays'],
    ];
    for (const [name, content, says] of cases) {
      writeFileSync(join(dir, name), content);
      const r = await verify(join(dir, name));
      expect({ name, code: r.code, says: r.stderr.includes(says) }).toEqual({ name, code: 2, says: true });
      expect(r.stderr).toContain(join(dir, name));
    }
    expect((await verify(join(dir, 'absent.json'))).code).toBe(2);
  });
});

describe('fundgap verify on an XLSX working paper', () => {
  /** A workbook as the XLSX report writes it: a visible sheet, and the report's head in the veryHidden `fundgap` sheet. */
  async function workingPaper(path: string, head: unknown): Promise<void> {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
    const summary = book.addWorksheet('汇总');
    summary.addRow(['上级给多少 (A)', 1]).commit();
    await summary.commit();
    const hidden = book.addWorksheet('fundgap', { state: 'veryHidden' });
    const text = JSON.stringify(head);
    // Pieces of at most 30,000 characters; smaller here, so that several rows are joined.
    for (let i = 0; i < text.length; i += 2000) hidden.addRow([text.slice(i, i + 2000)]).commit();
    await hidden.commit();
    await book.commit();
  }

  const headOf = (r: ReportJson & Record<string, unknown>) => ({ schema: r.schema, tool: r.tool, parameters: r.parameters, inputs: r.inputs, totals: r.totals, summary: r.summary });

  it('checks the inputs, the totals and the findings of each rule, and fails when one changed', async () => {
    const dir = copyOf('fixtures/every-status');
    const scratchDir = scratch();
    const report = (await reconcileTo(join(scratchDir, 'report.json'), ledgers(dir))) as ReportJson & Record<string, unknown>;
    const paper = join(scratchDir, '底稿.xlsx');
    await workingPaper(paper, headOf(report));
    let r = await verify(paper);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the totals and the number of findings of each rule are as the report states');

    await workingPaper(paper, { ...headOf(report), summary: { ...(report.summary as object), rules: { ...(report.summary as { rules: object }).rules, retained: 7 } } });
    r = await verify(paper);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('First difference: findings of "retained funds" (retained): the report has 7, the re-run 1');

    await workingPaper(paper, headOf(report));
    const allocated = join(dir, 'allocated.csv');
    writeFileSync(allocated, readFileSync(allocated, 'utf8').replace('500000.00,2019-03-01', '500001.00,2019-03-01'));
    r = await verify(paper);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, allocated)).toContain('SHA-256 changed');
    expect(r.stdout).toContain('First difference: total Allocated (A)');
  });

  it('exits 2 on a workbook with no fundgap sheet', async () => {
    const r = await verify('fixtures/haidong-demo/allocation.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a fundgap working paper');
  });
});

describe('fundgap verify on a fundgap.report/v1 report', () => {
  /** The same report as v1 wrote it: one pretty-printed object, findings without details or evidenceOf. */
  function asV1(report: ReportJson & Record<string, unknown>): unknown {
    const { sources: _s, rosterFile: _r, ...parameters } = report.parameters;
    const { rules: _rules, ...summary } = report.summary as Record<string, unknown>;
    return {
      ...report,
      schema: 'fundgap.report/v1',
      parameters,
      summary,
      findings: report.findings.map(({ details: _d, evidenceOf: _e, ...f }) => f),
    };
  }

  it('checks its files and figures', async () => {
    const dir = scratch();
    const report = (await reconcileTo(join(dir, 'v2.json'), ledgers('fixtures/every-status'))) as ReportJson & Record<string, unknown>;
    const v1 = asV1(report) as { keys: { landed: string }[] };
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1, null, 2));
    expect((await verify(join(dir, 'v1.json'))).code).toBe(0);

    v1.keys[0]!.landed = '1.00';
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1, null, 2));
    const r = await verify(join(dir, 'v1.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Landed (L): the report has 1.00');
  });
});
