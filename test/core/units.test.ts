import { describe, expect, it } from 'vitest';
import type { UnitSource } from '../../src/ledger/layout.js';
import { inferUnits } from '../../src/ledger/units.js';
import { money } from '../../src/money.js';

const ev = (total: string, unitSource: UnitSource, allUnstated = unitSource === 'default') => ({ total: money(total), unitSource, allUnstated });

describe('inferring 万元 from magnitude', () => {
  it('reads a silent ledger in 万元 when both others state their unit and are ten thousand times larger', () => {
    expect(inferUnits({ allocated: ev('1200', 'default'), disbursed: ev('11960000', 'header'), landed: ev('11930000', 'header') })).toEqual({
      allocated: ['disbursed', 'landed'],
    });
  });

  it('does nothing when another ledger is silent too: there is no telling which one is off', () => {
    expect(inferUnits({ allocated: ev('1000000', 'header'), disbursed: ev('100', 'default'), landed: ev('100', 'default') })).toEqual({});
  });

  it('does nothing when the magnitudes are alike, or only a few times apart', () => {
    expect(inferUnits({ allocated: ev('11000000', 'default'), disbursed: ev('11960000', 'header'), landed: ev('11930000', 'header') })).toEqual({});
    expect(inferUnits({ allocated: ev('120000', 'default'), disbursed: ev('11960000', 'header'), landed: ev('11930000', 'header') })).toEqual({});
  });

  it('does nothing for a ledger with some amounts stating a unit', () => {
    expect(inferUnits({ allocated: ev('1200', 'default', false), disbursed: ev('11960000', 'header'), landed: ev('11930000', 'header') })).toEqual({});
  });
});
