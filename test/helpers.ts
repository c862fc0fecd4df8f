// Runs the CLI in-process, as a user would from the repository root, with colour off.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `terminal`: run as if stdout were a terminal this many columns wide. */
export async function runCli(args: string[], env: Record<string, string> = {}, terminal?: { columns: number }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: terminal !== undefined,
    columns: terminal?.columns,
    env,
  });
  return { code, stdout, stderr };
}

/**
 * `fundgap reconcile ARGS -f json --fail-on none`: the JSON report, after checking the run
 * said nothing on standard error (and, with `passes`, that it exited 0).
 */
export async function reconcileJson<T = ReportJson>(args: string[], opts: { passes?: boolean } = {}): Promise<T> {
  const r = await runCli(['reconcile', ...args, '-f', 'json', '--fail-on', 'none']);
  expect(r.stderr).toBe('');
  if (opts.passes) expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/**
 * `fundgap reconcile ARGS --lang en` that must fail as bad input does: exit 2, no report and
 * no stack trace. Its standard error, for the test to read the code and location from.
 */
export async function failure(args: string[]): Promise<string> {
  const r = await runCli(['reconcile', ...args, '--lang', 'en']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
  return r.stderr;
}

/** The every-status fixture's three ledgers as -a -d -l arguments. */
export function ledgers(dir: string, names = { a: 'allocated.csv', d: 'disbursed.csv', l: 'landed.csv' }): string[] {
  return ['-a', join(dir, names.a), '-d', join(dir, names.d), '-l', join(dir, names.l)];
}

const made: string[] = [];

/** A fresh temporary directory, removed when the test file has run (test/setup.ts). */
export function tempDir(prefix = 'fundgap-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (text or bytes) into a fresh temporary directory and returns it. */
export function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The JSON report (fundgap.report/v2) as the tests read it. */
export type Role = 'allocated' | 'disbursed' | 'landed';

export interface ReportInput {
  role: Role;
  path: string;
  sheet: string | null;
  sha256: string;
  format: string;
  encoding: string | null;
  encodingSource: string | null;
  delimiter: string | null;
  unit: string;
  unitSource: string;
  unitComparedWith: Role[] | null;
  header: {
    rows: number[];
    columns: { ref: string; header: string; field: string | null }[];
    key: string[];
    amount: string;
    /** Present only when the config adds several amount columns, hides columns, or ID-like columns are not checked. */
    amounts?: string[];
    hidden?: string[];
    unmappedIds?: string[];
  };
  rows: { read: number; used: number; skipped: number };
  skipped: { row: number; reason: string }[];
  hiddenRows: number[];
  sheetState: string | null;
  footing: {
    row: number;
    kind: string;
    label: string;
    stated: string;
    computed: string;
    difference: string;
    foots: boolean;
    formula: string | null;
    base: string | null;
    roundedRows: number;
    allowance: string;
    withinRounding: boolean;
    /** Present when a bank file's total counts its failed payments too. */
    failedIncluded?: string;
  }[];
}

export interface ReportKey {
  key: string;
  allocated: string;
  disbursed: string;
  landed: string;
  retained: string;
  notLanded: string;
  gap: string;
  status: string[];
  evidence: Record<Role, number[]>;
}

export interface ReportEvidence {
  role: Role | 'roster';
  file: string;
  sheet: string | null;
  row: number;
}

export interface ReportFinding {
  rule: string;
  severity: string;
  key: string | null;
  amount: string | null;
  message: string;
  evidence: ReportEvidence[];
  /** A key's status finding: its rows are `keys[keyIndex].evidence` in these ledgers. */
  evidenceOf?: { keyIndex: number; roles: Role[] };
  details: Record<string, unknown>;
}

/** A finding's rows, whether it lists them or points to its key's. */
export function findingRows(report: ReportJson, f: ReportFinding): ReportEvidence[] {
  if (!f.evidenceOf) return f.evidence;
  const key = report.keys[f.evidenceOf.keyIndex]!;
  return f.evidenceOf.roles.flatMap((role) => {
    const input = report.inputs.find((i) => i.role === role)!;
    return key.evidence[role].map((row) => ({ role, file: input.path, sheet: input.sheet, row }));
  });
}

export interface ReportJson {
  schema: string;
  tool: { name: string; version: string };
  parameters: Record<string, unknown>;
  inputs: ReportInput[];
  totals: Record<string, string> & { rates: Record<string, string | null> };
  keys: ReportKey[];
  findings: ReportFinding[];
  ageing: { bucket: string; amount: string; keys: number }[] | null;
  rollups: { by: string; groups: Record<string, string>[] }[];
  roster: { ids: number; sha256: string } | null;
}
