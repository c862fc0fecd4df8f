// The Spark job's two Python functions (scripts/spark/fundgap_udfs.py, shown in
// docs/scale.md) against fundgap's own: the same problem for every ID the fixtures hold, and
// the same payments left after netting reversals. Needs python3, not Spark.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePayment } from '../../src/engine/duckdb.js';
import { netReversals } from '../../src/rules/duplicate-payment.js';
import { checkIdNumber } from '../../src/rules/id-number.js';

const python = spawnSync('python3', ['--version']).status === 0;

function ids(): string[] {
  const found = new Set<string>(['11010519491231002X', '110105194912310021', '4.30281E+17', '430281199411057000', '110105491231002', '990105194912310020', '11010519490231002X', '１１０１０５１９４９１２３１００２ｘ', '11010520300101002X']);
  for (const dir of ['invalid-id-numbers', 'duplicate-accusations', 'duplicate-payments', 'id-column-forms', 'roster']) {
    for (const f of readdirSync(`fixtures/${dir}`).filter((n) => n.endsWith('.csv'))) {
      for (const m of readFileSync(`fixtures/${dir}/${f}`, 'utf8').matchAll(/[\d.E+Xx]{15,20}/g)) found.add(m[0]);
    }
  }
  return [...found];
}

/** Payments coded as the SQL codes them: day × 2^32 + row × 2 + reversal. */
function paymentLists(): bigint[][] {
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  return Array.from({ length: 300 }, () =>
    Array.from({ length: 1 + next(6) }, (_, i) => BigInt(18000 + next(5)) * 4294967296n + BigInt(2 + i) * 2n + BigInt(next(3) === 0 ? 1 : 0)),
  );
}

describe.skipIf(!python)('the Spark UDFs in Python give what fundgap gives', () => {
  it('id_problem and net_reversals', () => {
    const idCases = ids().flatMap((id) => [[id, false, null], [id, true, null], [id, false, '2000-01-01']] as const);
    const lists = paymentLists();
    const r = spawnSync('python3', ['-c', `
import sys, json
sys.path.insert(0, 'scripts/spark')
from datetime import date
from fundgap_udfs import id_problem, net_reversals
c = json.load(sys.stdin)
print(json.dumps({'ids': [id_problem(i, n, date.fromisoformat(a) if a else None) for i, n, a in c['ids']], 'net': [net_reversals([int(x) for x in l]) for l in c['net']]}))
`], { input: JSON.stringify({ ids: idCases, net: lists.map((l) => l.map(String)) }), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as { ids: (string | null)[]; net: number[][] };
    expect(got.ids).toEqual(idCases.map(([id, n, asOf]) => {
      const c = checkIdNumber(id, n, asOf ?? undefined);
      return c.ok ? null : c.problem;
    }));
    expect(got.net).toEqual(lists.map((l) => netReversals(l.map((c) => ({ ...decodePayment(c), key: '', payee: undefined }))).map((p) => p.row)));
  });
});
