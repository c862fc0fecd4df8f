// --merge-similar folds a key that has no allocation into the allocated key it almost spells.
// Each merge changes the figures, so each is reported, with every row that moved.

import { ROLES } from '../domain.js';
import { evidenceRows, type FindingDraft, type Rule } from './types.js';

export const keyMerged: Rule = {
  id: 'key-merged',
  severity: 'warning',
  start: () => ({
    finish(ctx): FindingDraft[] {
      return ctx.merges.map((m) => ({
        rule: 'key-merged',
        key: m.into.display,
        amount: null,
        details: { rule: 'key-merged', from: m.from.display, into: m.into.display, similarity: m.similarity },
        evidence: ROLES.flatMap((role) => evidenceRows(ctx.inputs[role], role, m.rows[role])),
      }));
    },
  }),
};
