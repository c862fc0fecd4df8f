// The demo that `npm start` runs, through the real binary: it must exit 0 and show one
// planted case of each status. (The only test that spawns bin/; the rest run main() in-process.)

import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const DEMO = ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'];

describe('the Haidong demo', () => {
  it('exits 0 as npm start runs it, with one planted case of each status', () => {
    const out = execFileSync('node', ['bin/fundgap.js', 'reconcile', ...DEMO, '--fail-on', 'none', '-f', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const r = JSON.parse(out) as { keys: { key: string; status: string[] }[]; totals: { allocated: string } };
    const byStatus = new Map<string, string[]>();
    for (const k of r.keys) for (const s of k.status) byStatus.set(s, [...(byStatus.get(s) ?? []), k.key]);
    expect(Object.fromEntries([...byStatus].filter(([s]) => s !== 'matched'))).toEqual({
      retained: ['三合镇村组道路硬化项目'],
      'over-disbursed': ['易地扶贫搬迁配套设施项目'],
      'not-landed': ['五十镇人饮安全巩固提升工程'],
      'over-landed': ['雨露计划职业教育补助'],
      idle: ['街子镇光伏扶贫电站'],
      unallocated: ['驻村帮扶工作经费'],
    });
    expect(byStatus.get('matched')).toHaveLength(6);
    expect(r.totals.allocated).toBe('13434071.20');
  });

  it('fails at the default --fail-on: its planted gaps include errors', () => {
    const run = spawnSync('node', ['bin/fundgap.js', 'reconcile', ...DEMO], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('上级给多少 (A)');
    expect(run.stderr).toBe('');
  });
});
