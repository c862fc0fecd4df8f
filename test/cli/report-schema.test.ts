// The JSON report against its published schema (schema/report.schema.json, JSON Schema
// 2020-12): the example in docs/, the demo's report and reports of fixtures that between them
// raise every rule, every status and every optional field, checked by ajv, a validator that
// implements the standard, so the schema is tested as any consumer will use it.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, STATUSES } from '../../src/domain.js';
import { findingRows, reconcileJson, writeFiles, type ReportJson } from '../helpers.js';

const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function problems(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const report = (args: string[]) => reconcileJson(args);

const fx = (dir: string, a = 'allocated.csv', d = 'disbursed.csv', l = 'landed.csv') => ['-a', `fixtures/${dir}/${a}`, '-d', `fixtures/${dir}/${d}`, '-l', `fixtures/${dir}/${l}`];

/** Fixtures and options that between them give every rule, status and optional field. */
function cases(): Record<string, string[]> {
  const signed = readFileSync('fixtures/sign-off-lines/allocated.csv', 'utf8').trimEnd();
  const dir = writeFiles({
    'after-end.csv': `${signed}\n3,古城乡人饮安全巩固提升工程,455000.00,2019-03-15\n`,
    'after-end.json': JSON.stringify({ ledgers: { allocated: { lastRow: 4 } } }),
    'rich.json': JSON.stringify({
      ledgers: { allocated: { sheet: '分配表', columns: { amount: '下达金额(元)' }, headings: 'none', unit: '元' }, landed: { status: false, headerRow: 1 } },
      tolerance: { notLanded: { absolute: '10.00', percent: '0.5' } },
      severity: { retained: 'error' },
      materiality: '100.00',
      lateDays: 30,
    }),
  });
  return {
    'every status': fx('every-status'),
    'haidong demo': ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'],
    'liling sample (unit inferred, duplicates, IDs)': [...fx('samples/liling-2019', 'allocation.xlsx', 'disbursement.csv', 'landed.xlsx'), '-k', '项目名称'],
    'beiguan sample (GBK)': fx('samples/beiguan-2018', 'allocation.csv', 'disbursement.csv', 'landed.csv'),
    'amounts past the fen': fx('amounts-past-the-fen', 'allocated.csv', 'disbursed.xlsx'),
    'amount in words': fx('amount-in-words'),
    'bank result status': fx('bank-result-status'),
    breakdowns: fx('breakdowns'),
    'category headings': fx('category-headings'),
    'duplicate payments': [...fx('duplicate-payments'), '--duplicate-window', '3'],
    'duplicate accusations (beneficiaries)': fx('duplicate-accusations'),
    'footing mismatch, late': [...fx('footing-mismatch'), '--late-days', '30'],
    'invalid ID numbers': [...fx('invalid-id-numbers'), '--as-of', '2020-12-31'],
    'ledgers swapped': fx('ledgers-swapped'),
    roster: [...fx('roster'), '--roster', 'fixtures/roster/roster.csv'],
    'units far apart': fx('unit-unstated-households'),
    'near miss': fx('near-miss'),
    'near miss merged': [...fx('near-miss'), '--merge-similar', '0.85'],
    'invisible differences': fx('keys-invisible-differences'),
    'rows after the end': ['-a', join(dir, 'after-end.csv'), '-d', 'fixtures/sign-off-lines/disbursed.csv', '-l', 'fixtures/sign-off-lines/landed.csv', '-c', join(dir, 'after-end.json')],
    'roll-up and ageing': [...fx('roll-up'), '--group-by', '乡镇', '--group-by', 'fundSource', '--as-of', '2020-06-30'],
    'component amount columns (config)': [...fx('component-amount-columns'), '-c', 'fixtures/component-amount-columns/fundgap.config.json'],
    'hidden columns, rich config': ['-a', 'fixtures/hidden-columns/allocated.xlsx', ...fx('hidden-columns').slice(2), '-c', join(dir, 'rich.json')],
    'unmapped ID column': fx('unmapped-id-column'),
    'HTML as .xls': fx('html-as-xls', 'allocated.xls', 'disbursed.xls'),
    'SpreadsheetML as .xls': fx('spreadsheetml-as-xls', 'allocated.xls'),
    'UTF-16 with BOM, English': [...fx('utf16-bom'), '--lang', 'en'],
  };
}

/** Every path of a JSON value, array indices as [] and each finding's details by rule. */
function paths(value: unknown, at = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) paths(v, `${at}[]`, out);
  else if (value !== null && typeof value === 'object') {
    const rule = at === '/findings[]' ? (value as { details: { rule: string; scope?: string } }).details : undefined;
    for (const [k, v] of Object.entries(value)) {
      const here = k === 'details' && rule ? `${at}/details(${rule.rule}${rule.scope ? `:${rule.scope}` : ''})` : `${at}/${k}`;
      out.add(here);
      paths(v, here, out);
    }
  }
  return out;
}

describe('the JSON report against schema/report.schema.json', () => {
  it('the example in docs/ is valid and is what the fixture gives today', async () => {
    expect(problems(JSON.parse(readFileSync('docs/report-example.json', 'utf8')))).toEqual([]);
    // Exits 1, saying to run npm run docs:example, when the file is stale.
    execFileSync('node', ['scripts/report-example.mjs', '--check'], { stdio: 'pipe' });
  });

  it('every report the fixtures give is valid, and between them they use every part of the schema', async () => {
    const seen = new Set<string>();
    for (const [name, args] of Object.entries(cases())) {
      const r = await report(args);
      expect(problems(r), name).toEqual([]);
      paths(r, '', seen);
      // Messages are sentences: no figure or object left unformatted.
      for (const f of r.findings) expect(f.message, name).not.toMatch(/\[object |undefined|NaN/);
    }
    const detailed = [...seen].filter((p) => /^\/findings\[\]\/details\([^)]*\)$/.test(p)).map((p) => p.slice('/findings[]/details('.length, -1));
    expect(new Set(detailed)).toEqual(new Set([...RULE_IDS.filter((id) => id !== 'amount-rounded'), 'amount-rounded:ledger', 'amount-rounded:key']));
    for (const optional of [
      '/inputs[]/header/amounts',
      '/inputs[]/header/hidden',
      '/inputs[]/header/unmappedIds',
      '/inputs[]/footing[]/failedIncluded',
      '/findings[]/evidenceOf',
      '/findings[]/details(idle)/suggestion/unseen',
      '/findings[]/details(breakdown-mismatch)/next',
      '/findings[]/details(payment-failed)/detail',
      '/findings[]/details(units-far-apart)/keptBecause',
      '/findings[]/details(duplicate-payment)/beneficiary',
      '/ageing[]/bucket',
      '/rollups[]/groups[]/group',
      '/roster/numericIds',
      '/parameters/config/sha256',
      '/parameters/ledgers/landed/status',
      '/parameters/ledgers/allocated/headings',
      '/parameters/tolerance/notLanded/percent',
    ]) {
      expect(seen, optional).toContain(optional);
    }
  });

  it('docs/report-schema.md names every field of the schema', () => {
    const doc = readFileSync('docs/report-schema.md', 'utf8');
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties') for (const name of Object.keys(v as object)) names.add(name);
          walk(v);
        }
      }
    };
    walk(schema);
    expect([...names].filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('covers every status', async () => {
    const statuses = new Set<string>();
    for (const args of [cases()['every status']!, cases()['liling sample (unit inferred, duplicates, IDs)']!]) {
      for (const k of (await report(args)).keys) for (const s of k.status) statuses.add(s);
    }
    expect(statuses).toEqual(new Set(STATUSES));
  });

  it('rejects what a v2 report never holds: a number for an amount, an unknown field, copied rows on a status finding', async () => {
    const good = await report(cases()['every status']!);
    expect(problems(good)).toEqual([]);
    const broken = (change: (r: ReportJson) => void) => {
      const r = structuredClone(good);
      change(r);
      return problems(r);
    };
    expect(broken((r) => ((r.totals as Record<string, unknown>).allocated = 8000000))).not.toEqual([]);
    expect(broken((r) => ((r.keys[0] as unknown as Record<string, unknown>).extra = 1))).not.toEqual([]);
    expect(broken((r) => (r.findings[0]!.evidence = findingRows(r, r.findings[0]!)))).not.toEqual([]);
    expect(broken((r) => (r.findings[0]!.details = { rule: 'idle', allocated: '1.00' }))).not.toEqual([]);
    expect(broken((r) => (r.schema = 'fundgap.report/v1'))).not.toEqual([]);
  });
});
