// What `fundgap normalise` writes beside the rows: the inputs as they were read, the settings,
// and the findings that come from reading (footing, headings, breakdowns, failed payments,
// units, rounding, amounts in words, the roster), so nothing learnt while reading is lost and
// a report can be rendered from an engine's result tables. Amounts stay exact: every bigint
// is written as {"$bigint": "…"} and read back as one.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ROLES, RULE_IDS, type RuleId } from '../domain.js';
import { FundgapError } from '../errors.js';
import type { ToolInfo, InputSummary, RosterSummary } from '../report/model.js';
import type { FindingDraft } from '../rules/types.js';
import type { Role } from '../domain.js';

export const MANIFEST_SCHEMA = 'fundgap.normalised/v1';
export const MANIFEST_FILE = 'manifest.json';
/** The rows, one Parquet file per ledger, in this folder of a run. */
export const ROWS_FOLDER = 'ledger_rows';
export const PARAMS_FILE = 'params.parquet';

/**
 * Rules the SQL (or fundgap over the SQL's results) computes: their findings are not kept in
 * the manifest. Everything else is decided while reading one county's files and is kept.
 */
export const SQL_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'not-landed',
  'over-landed',
  'unallocated',
  'over-disbursed',
  'retained',
  'idle',
  'duplicate-payment',
  'invalid-id-number',
  'late-disbursement',
]);

/** A finding kept from reading: every rule but SQL_RULES, and amount-rounded for ledgers only (the SQL notes keys). */
export function keptFromReading(f: FindingDraft): boolean {
  if (SQL_RULES.has(f.rule)) return false;
  return !(f.details.rule === 'amount-rounded' && f.details.scope === 'key');
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  tool: ToolInfo;
  /** The report's `parameters` block (parametersOf): the settings, config and roster, rebuilt by readParameters. */
  parameters: unknown;
  inputs: InputSummary[];
  roster: RosterSummary | null;
  /**
   * The Parquet file of each ledger's rows, relative to the manifest, how many rows it holds
   * and the fen its used rows add up to: what the SQL's row_counts must give back.
   */
  rows: Record<Role, { file: string; used: number; excluded: number; fen: bigint }>;
  /** Findings from reading, as drafts (severity follows the settings when a report is made). */
  findings: FindingDraft[];
}

const BIG = '$bigint';

export function encodeManifest(m: Manifest): string {
  return `${JSON.stringify(m, (_k, v: unknown) => (typeof v === 'bigint' ? { [BIG]: v.toString() } : v), 2)}\n`;
}

export function decodeManifest(text: string, file: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(text, (_k, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 1 && keys[0] === BIG && typeof o[BIG] === 'string') return BigInt(o[BIG]);
      }
      return v;
    }) as Manifest;
  } catch (e) {
    throw invalidManifest(file, 'json', e);
  }
  if (m === null || typeof m !== 'object' || m.schema !== MANIFEST_SCHEMA) {
    throw invalidManifest(file, 'schema');
  }
  const checked = manifestShape.safeParse(m);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new FundgapError({ code: 'RESULTS_INVALID', at: { file }, problem: 'manifest-shape', path: issue.path.join('.') || '(top)', detail: issue.message });
  }
  return m;
}

// The parts of a manifest a report reads; `parameters` is checked by readParameters, and a
// finding's details by the renderers' own types (they were written by fundgap).
const count = z.int().nonnegative();
const ledgerRows = z.object({ file: z.string().min(1), used: count, excluded: count, fen: z.bigint() });
const evidence = z.object({ role: z.string(), file: z.string(), row: z.int().nonnegative() });
const manifestShape = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  tool: z.object({ name: z.string(), version: z.string() }),
  parameters: z.unknown(),
  inputs: z
    .array(z.object({ role: z.enum(ROLES), path: z.string().min(1), sheet: z.string().nullable(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).loose())
    .refine((inputs) => ROLES.every((role) => inputs.filter((i) => i.role === role).length === 1), { error: 'expected one input for each of allocated, disbursed and landed' }),
  roster: z.object({ path: z.string(), sha256: z.string() }).loose().nullable(),
  rows: z.object({ allocated: ledgerRows, disbursed: ledgerRows, landed: ledgerRows }),
  findings: z.array(
    z.object({
      rule: z.enum(RULE_IDS),
      key: z.string().nullable(),
      amount: z.bigint().nullable(),
      details: z.object({ rule: z.string() }).loose(),
      evidence: z.array(evidence.loose()),
    }).loose(),
  ),
});

function invalidManifest(file: string, why: 'json' | 'schema', cause?: unknown): FundgapError {
  return new FundgapError({ code: 'RESULTS_INVALID', at: { file }, problem: 'manifest', why, schema: MANIFEST_SCHEMA }, { cause });
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new FundgapError({ code: 'RESULTS_INVALID', at: { file: dir }, problem: 'no-manifest', file: MANIFEST_FILE }, { cause: e });
  }
  return decodeManifest(text, file);
}
