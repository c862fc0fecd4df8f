// What `fundgap init` prints: the plan (init-plan.ts) said in the user's language, the
// choices made for them first and marked for checking, then each ledger as it was read, the
// key, where the config went and the command to run next. The words are in
// report/messages.ts (INIT_LABELS); this file only puts them in order.

import { ROLES, type Lang, type Role } from '../domain.js';
import { parseHeaderName } from '../ledger/header.js';
import { columnWarnings, ENCODING_SOURCES, encodingName, initLabel, layoutNote, paren, ROLE_NAMES, UNIT_SOURCES } from '../report/messages.js';
import type { InputSummary } from '../report/model.js';
import { amountsChosen, type Column, type InitPlan, type LedgerPlan } from './init-plan.js';

const FLAG: Record<Role, string> = { allocated: '-a', disbursed: '-d', landed: '-l' };

export interface SummaryContext {
  out: string;
  /** The ledgers as given, for the command to run next. */
  files: { allocated: string; disbursed: string; landed: string };
  /** What differs when the written config is read back, or null when nothing does. */
  mismatch: string | null;
  lang: Lang;
}

function quoteArg(arg: string): string {
  if (/^[\p{L}\p{N}_\-./:=,@+%][\p{L}\p{N}_\-./:=,@+%#]*$/u.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function renderInitSummary(plan: InitPlan, s: SummaryContext): string {
  const { lang } = s;
  const w = (name: Parameters<typeof initLabel>[0], vars: Record<string, string | number> = {}) => initLabel(name, lang, vars);
  const check = w('check');
  const lines: string[] = [w('title')];

  const chosen = amountsChosen(plan);
  const top: string[] = [];
  if (chosen.length > 0) {
    const who = chosen.map((r) => ROLE_NAMES[r][lang]).join(w('list'));
    top.push(w(chosen.length > 1 ? 'amountChosenMany' : 'amountChosenOne', { check, who }));
  }
  if (plan.keyFallback !== null) {
    top.push(w('keyFallback', { check, key: plan.key.join(', '), tried: plan.keyFallback.tried.join(', '), file: plan.keyFallback.file }));
  }
  if (s.mismatch !== null) top.push(w('mismatch', { check, parts: s.mismatch }));
  if (top.length) lines.push('', ...top);

  for (const role of ROLES) lines.push('', ...ledgerLines(role, plan.ledgers[role], lang, check));

  lines.push('');
  const keyHow = plan.keyGiven
    ? w('joinKeyGiven')
    : plan.keyFallback
      ? w('joinKeyFallback', { tried: plan.keyFallback.tried.join(', ') })
      : w('joinKeyDefault');
  lines.push(w('joinKey', { key: plan.key.join(', ') }) + keyHow);
  lines.push(w('written', { out: s.out }), w('writtenWhat'));
  const cmd = ['fundgap', 'reconcile', '-c', s.out, '-a', s.files.allocated, '-d', s.files.disbursed, '-l', s.files.landed].map(quoteArg).join(' ');
  lines.push(w('next'), `  ${cmd}`);
  return `${lines.join('\n')}\n`;
}

function ledgerLines(role: Role, plan: LedgerPlan, lang: Lang, check: string): string[] {
  const w = (name: Parameters<typeof initLabel>[0], vars: Record<string, string | number> = {}) => initLabel(name, lang, vars);
  const i = plan.input;
  const named = (c: Column) => w('column', { header: c.header, ref: w(i.format === 'csv' ? 'columnRefCsv' : 'columnRef', { ref: c.ref }) });
  const col = (ref: string): Column => ({ ref, header: i.columns.find((c) => c.ref === ref)?.header ?? '' });
  const where = i.sheet !== null ? w('ledgerSheet', { path: i.path, sheet: i.sheet }) : i.path;
  const lines = [w('ledger', { role: ROLE_NAMES[role][lang], flag: FLAG[role], where })];

  if (plan.amountChoice) {
    const { taken, candidates } = plan.amountChoice;
    lines.push(w('candidates', { check, n: candidates.length, list: candidates.map(named).join(w('list')), taken: named(taken) }));
    lines.push(w('otherCandidate', { path: `ledgers.${role}.columns.amount`, role }));
    for (const c of candidates) {
      const u = parseHeaderName(c.header).unit;
      if (c.ref === taken.ref || u === undefined || u === i.unit || !plan.unitWritten) continue;
      lines.push(w('candidateUnit', { column: named(c), unit: u }));
    }
  }

  lines.push(w(i.headerRows.length > 1 ? 'headerRows' : 'headerRow', { rows: i.headerRows.join(w('list')) }));
  lines.push(w('key', { columns: i.keyColumns.map((ref) => named(col(ref))).join(w('list')) }));
  lines.push(w('amount', { column: named(col(i.amountColumn)) }) + (plan.amountChoice ? w('amountWasChosen') : ''));
  lines.push(unitLine(plan, lang));

  if (i.format === 'csv' && i.encoding !== null) {
    const why = [ENCODING_SOURCES[i.encodingSource ?? '']?.[lang] ?? i.encodingSource ?? ''];
    if (plan.encodingWritten) why.push(w('encodingWritten'));
    const text = why.filter((x) => x !== '').join(w('sentenceList'));
    lines.push(w('encoding', { encoding: encodingName(i.encoding) }) + (text ? paren(text, lang) : ''));
  }
  const mapping = Object.entries(plan.config.columns ?? {}).map(([f, h]) => `${f} = ${h}`).join(w('sentenceList'));
  lines.push(w('columns', { mapping }));
  for (const warning of columnWarnings(i, lang)) lines.push(`  ${check}${warning}`);
  for (const note of i.notes) lines.push(w('note', { note: layoutNote(note, lang) }));
  return lines;
}

function unitLine(plan: LedgerPlan, lang: Lang): string {
  const i: InputSummary = plan.input;
  let why = i.unitSource === 'config' ? initLabel('unitFromOption', lang) : UNIT_SOURCES[i.unitSource][lang];
  if (i.unitSource === 'inferred' && i.unitComparedWith) {
    // The Chinese names the ledgers; the English, like the JSON report, their roles.
    const roles = i.unitComparedWith.map((r) => (lang === 'zh' ? ROLE_NAMES[r].zh : r)).join(initLabel('list', lang));
    why += initLabel('unitComparedWith', lang, { roles });
  }
  let line = initLabel('unit', lang, { unit: i.unit }) + paren(why, lang);
  if (i.unitSource === 'default' || i.unitSource === 'inferred') line += initLabel('unitUnstated', lang);
  if (!plan.unitWritten) line += initLabel('unitInCells', lang);
  return line;
}
