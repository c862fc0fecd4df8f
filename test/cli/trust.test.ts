// Decisions about keys and statuses that must be certain or visible: keys that differ only in
// characters nobody can see, and allocations of nothing.

import { describe, expect, it } from 'vitest';
import { reconcileJson, type ReportJson } from '../helpers.js';

const files = (dir: string) => ['-a', `fixtures/${dir}/allocated.csv`, '-d', `fixtures/${dir}/disbursed.csv`, '-l', `fixtures/${dir}/landed.csv`];

const reconcile = (args: string[]) => reconcileJson(args);

const statuses = (r: ReportJson) => Object.fromEntries(r.keys.map((k) => [k.key, k.status.join(',')]));

describe('keys with invisible differences', () => {
  it('match when they differ only in format characters (zero-width space and joiner, BOM, soft hyphen), shown without them', async () => {
    const r = await reconcile(files('keys-invisible-differences'));
    expect(statuses(r)).toMatchObject({ 雨露计划职业教育补助: 'matched', 小峡镇特色种植项目: 'matched' });
  });

  it('stay apart when they differ in a look-alike character, and the findings show the difference escaped', async () => {
    const r = await reconcile(files('keys-invisible-differences'));
    expect(statuses(r)).toMatchObject({ 'XM-001 道路硬化': 'idle', 'XM\u2010001 道路硬化': 'unallocated' });
    const messages = r.findings.filter((f) => f.rule === 'idle' || f.rule === 'unallocated').map((f) => f.message);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).toContain('“XM\\u{2010}001 道路硬化”');
  });
});

describe('an allocation of nothing', () => {
  it('is listed as a key, not accused of being idle', async () => {
    const r = await reconcile(files('zero-allocation'));
    expect(r.keys.find((k) => k.key === '小峡镇特色种植项目')).toMatchObject({ allocated: '0.00', disbursed: '0.00', landed: '0.00', status: ['matched'] });
    expect(r.findings).toEqual([]);
  });
});
