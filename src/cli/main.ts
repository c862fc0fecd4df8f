// The command line: parse options, run a command, print, and pick the exit code (0 clean,
// 1 a finding at or above --fail-on, 2 bad usage or input). The only place that knows about
// argv, the terminal and colour. Commands take an Io so tests can run them in-process.
// Errors speak Chinese unless `--lang en` is on the command line, commander's own included.

import type { Lang } from '../domain.js';
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { FundgapError, formatError, t } from '../errors.js';
import type { ToolInfo } from '../report/model.js';

import { runInit, type InitOptions } from './init.js';
import { runInspect, type InspectOptions } from './inspect.js';
import { CSV_ENCODINGS, REPORT_FORMATS } from './output-format.js';
import { runReconcile, type ReconcileOptions } from './reconcile.js';
import { runVerify, type VerifyOptions } from './verify.js';
import { runNormalise, type NormaliseOptions } from './normalise.js';
import { ENGINES, runReconcileSql, runReportFrom, type ReportFromOptions, type SqlReconcileOptions } from './report-from.js';
import { EXIT, processIo, type Io } from './io.js';

export { EXIT, processIo, type Io };

export function toolInfo(): ToolInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const EXAMPLES = `
Examples:
  $ fundgap reconcile -a 分配表.xlsx -d 拨付.csv -l 落地.xlsx
  $ fundgap reconcile -a 指标文件.xlsx#2019年 -d 凭证.csv -l 一卡通.xlsx -k 乡镇,项目名称
  $ fundgap reconcile -a a.xlsx -d d.csv -l l.xlsx --tolerance 1 --lang en -f json -o report.json
  $ fundgap reconcile -c fundgap.config.json -a a.xlsx -d d.csv -l l.xlsx --fail-on warning

Exit codes: 0 no finding at or above --fail-on, 1 there is one, 2 usage or input error.`;

/**
 * The language of error messages, known before the options are parsed (a parse error needs
 * it too): `--lang en` or `--lang=en` anywhere on the command line, Chinese otherwise.
 */
function errorLang(argv: readonly string[]): Lang {
  return argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'zh';
}

/** Commander's own messages (`error: unknown option '--frob'`), in Chinese; options verbatim. */
const COMMANDER_ZH: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '(.*)'$/, (o) => `错误：没有这个选项 '${o}'`],
  [/^error: unknown command '(.*)'$/, (c) => `错误：没有这个命令 '${c}'`],
  [/^error: required option '(.*)' not specified$/, (o) => `错误：缺少必填的选项 '${o}'`],
  [/^error: option '(.*)' argument missing$/, (o) => `错误：选项 '${o}' 后面缺少取值`],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/,
    (o, v, choices) => `错误：选项 '${o}' 的取值 '${v}' 无效，可选的值为 ${choices}。`,
  ],
  [/^error: missing required argument '(.*)'$/, (a) => `错误：缺少必填的参数 '${a}'`],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (c, n, got) => `错误：${c ? `命令 '${c}' 的` : ''}参数太多：应为 ${n} 个，实际给了 ${got} 个。`,
  ],
  [/^\(Did you mean one of (.*)\?\)$/, (list) => `（是不是要用 ${list} 之一？）`],
  [/^\(Did you mean (.*)\?\)$/, (s) => `（是不是要用 ${s}？）`],
];

/** One commander error line by line in Chinese; a line it does not know stays as it is. */
function commanderZh(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [re, zh] of COMMANDER_ZH) {
        const m = re.exec(line);
        if (m) return zh(...m.slice(1).map((g) => g ?? ''));
      }
      return line;
    })
    .join('\n');
}

function buildProgram(io: Io, tool: ToolInfo, run: { code: number }, lang: Lang): Command {
  const program = new Command()
    .name('fundgap')
    .description('Reconcile poverty-alleviation fund ledgers: what was allocated (上级给多少), disbursed (支多少) and landed (落地多少).')
    .version(tool.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(lang === 'zh' ? commanderZh(text) : text),
    })
    .showHelpAfterError(lang === 'zh' ? '（加 --help 查看用法）' : '(run with --help for usage)');

  program
    .command('reconcile')
    .description('compare the allocation, disbursement and landed ledgers and report the gaps')
    .requiredOption('-a, --allocated <file>', 'allocation ledger (上级下达): CSV or XLSX, optionally file.xlsx#Sheet')
    .requiredOption('-d, --disbursed <file>', 'disbursement ledger (拨付)')
    .requiredOption('-l, --landed <file>', 'on-the-ground ledger (落地)')
    .option('-c, --config <file>', 'mapping and rules (JSON); see `fundgap init`')
    .option('-k, --key <cols>', 'join key: field names or header texts, comma-separated (default: project)')
    .addOption(new Option('-f, --format <fmt>', 'report format (default: as the -o extension says, else text)').choices(REPORT_FORMATS))
    .option('-o, --out <file>', 'write the report to this file (atomically) instead of standard output; .xlsx .html .json .md .csv .txt choose the format')
    .addOption(new Option('--csv-encoding <enc>', 'CSV report: utf-8 with a BOM (default), or gb18030 (gbk) without one for older tools').choices(CSV_ENCODINGS))
    .addOption(new Option('--lang <lang>', 'report language').choices(['zh', 'en']))
    .option('--top <n>', 'text and md: list this many keys, and findings of each rule (default 100); the JSON and CSV reports list all')
    .option('--tolerance <[stage=]yuan>', 'absolute tolerance in 元 (default: exact); stage: A-D, D-L, retained, over-disbursed, not-landed, over-landed', collect)
    .option('--tolerance-pct <[stage=]p>', 'tolerance in percent of the larger side (default: exact); the stricter of the two applies', collect)
    .option('--late-days <n>', 'a disbursement more than n days after its allocation is late')
    .option('--as-of <date>', 'the report date: ages retained funds and bounds birth dates (no date appears in the report otherwise)')
    .option('--duplicate-window <days>', 'same payee and amount at most this many days apart is a duplicate (default 0: same day)')
    .option('--roster <file>', 'approved beneficiary list (建档立卡户名单): landed payees must be on it')
    .option('--group-by <column>', 'add the figures by this column (乡镇, 村, fundSource …) to the summary (repeatable)', collect)
    .option('--merge-similar <similarity>', 'merge an unallocated key into the allocated key it resembles at least this much (0–1); each merge is a finding')
    .option('--materiality <yuan>', 'findings about less than this are warnings, not errors')
    .addOption(new Option('--fail-on <severity>', 'exit 1 if a finding is at or above this (default error)').choices(['info', 'warning', 'error', 'none']))
    .option('--unit <[ledger=]unit>', 'unit of amounts the sheet does not state: 元 or 万元 (repeatable, e.g. allocated=万元)', collect)
    .option('--encoding <[ledger=]enc>', 'CSV encoding instead of detecting it: utf-8, gbk, gb18030, utf-16le (repeatable)', collect)
    .option('-q, --quiet', 'no progress on standard error while large ledgers are read')
    .addOption(new Option('--engine <engine>', 'in-process (default), or duckdb: the SQL of sql/ on embedded DuckDB over normalised rows (needs @duckdb/node-api)').choices(ENGINES))
    .option('--rows <dir>', 'with --engine duckdb: keep the normalised rows in this folder (as fundgap normalise writes them)')
    .option('--results <dir>', "with --engine duckdb: also write the SQL's result tables to this folder (for fundgap report --from)")
    .addHelpText('after', EXAMPLES)
    .action(async (opts: SqlReconcileOptions & { engine?: string }) => {
      if (opts.engine === 'duckdb') run.code = await runReconcileSql(opts, io, tool);
      else {
        if (opts.rows !== undefined || opts.results !== undefined) {
          throw new FundgapError('USAGE', t('--rows 和 --results 只用于 --engine duckdb', '--rows and --results go with --engine duckdb only'), { hint: t('加 --engine duckdb，或去掉这两个选项。', 'Add --engine duckdb, or drop them.') });
        }
        run.code = await runReconcile(opts as ReconcileOptions, io, tool);
      }
    });

  program
    .command('normalise')
    .alias('normalize')
    .description('write the rows reconcile would use, after every reading decision, as Parquet with a manifest, for DuckDB or Spark (needs @duckdb/node-api)')
    .requiredOption('-a, --allocated <file>', 'allocation ledger (上级下达)')
    .requiredOption('-d, --disbursed <file>', 'disbursement ledger (拨付)')
    .requiredOption('-l, --landed <file>', 'on-the-ground ledger (落地)')
    .requiredOption('-o, --out <dir>', 'the folder to write: ledger_rows/<ledger>.parquet, params.parquet, manifest.json')
    .option('-c, --config <file>', 'mapping and rules (JSON), as for reconcile')
    .option('-k, --key <cols>', 'join key, as for reconcile')
    .option('--tolerance <[stage=]yuan>', 'as for reconcile (recorded in params.parquet)', collect)
    .option('--tolerance-pct <[stage=]p>', 'as for reconcile', collect)
    .option('--late-days <n>', 'as for reconcile')
    .option('--as-of <date>', 'as for reconcile')
    .option('--duplicate-window <days>', 'as for reconcile')
    .option('--roster <file>', 'approved beneficiary list, as for reconcile')
    .option('--materiality <yuan>', 'as for reconcile')
    .addOption(new Option('--lang <lang>', 'language of messages and of reports made from these rows').choices(['zh', 'en']))
    .option('--unit <[ledger=]unit>', 'as for reconcile', collect)
    .option('--encoding <[ledger=]enc>', 'as for reconcile', collect)
    .option('-q, --quiet', 'no progress on standard error')
    .addHelpText('after', `
Many counties are normalised one folder each (-o rows/county-a, -o rows/county-b …); the SQL
reads them all with one glob (rows/*/ledger_rows/*.parquet). See docs/scale.md.`)
    .action(async (opts: NormaliseOptions) => {
      run.code = await runNormalise(opts, io, tool);
    });

  program
    .command('report')
    .description('render a report from a folder of normalised rows (runs the SQL on DuckDB) or of result tables written by an engine such as Spark')
    .requiredOption('--from <dir>', 'a folder fundgap normalise wrote, or of result tables (keys, totals, …) with that run\'s manifest.json')
    .option('--results <dir>', 'from a folder of rows: also write the result tables here')
    .addOption(new Option('-f, --format <fmt>', 'report format (default: as the -o extension says, else text)').choices(REPORT_FORMATS))
    .option('-o, --out <file>', 'write the report to this file (atomically) instead of standard output')
    .addOption(new Option('--csv-encoding <enc>', 'CSV report: utf-8 with a BOM (default), or gb18030').choices(CSV_ENCODINGS))
    .addOption(new Option('--lang <lang>', 'report language (default: as normalised)').choices(['zh', 'en']))
    .option('--top <n>', 'text and md: list this many keys, and findings of each rule (default 100)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 if a finding is at or above this (default: as normalised)').choices(['info', 'warning', 'error', 'none']))
    .action(async (opts: ReportFromOptions) => {
      run.code = await runReportFrom(opts, io, tool);
    });

  program
    .command('inspect')
    .description('show how one sheet will be read: header, columns, unit, encoding, skipped rows, totals')
    .argument('<file>', 'CSV or XLSX, optionally file.xlsx#Sheet')
    .option('-c, --config <file>', 'apply this config (with --role) as reconcile would')
    .option('--role <ledger>', 'which ledger of the config the file is: allocated, disbursed or landed', 'allocated')
    .option('-k, --key <cols>', 'join key: field names or header texts, comma-separated')
    .addOption(new Option('-f, --format <fmt>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']))
    .option('--unit <unit>', 'unit of amounts the sheet does not state: 元 or 万元', collect)
    .option('--encoding <enc>', 'CSV encoding instead of detecting it', collect)
    .option('-q, --quiet', 'no progress on standard error while a large sheet is read')
    .action(async (file: string, opts: InspectOptions) => {
      run.code = await runInspect(file, opts, io);
    });

  program
    .command('init')
    .description('write a starter config from what it detects in the three ledgers, saying what it chose')
    .requiredOption('-a, --allocated <file>', 'allocation ledger')
    .requiredOption('-d, --disbursed <file>', 'disbursement ledger')
    .requiredOption('-l, --landed <file>', 'on-the-ground ledger')
    .option('-o, --out <file>', 'where to write the config', 'fundgap.config.json')
    .option('--force', 'overwrite the config file if it exists')
    .option('-k, --key <cols>', 'join key: field names or header texts, comma-separated')
    .addOption(new Option('--lang <lang>', 'language of the summary').choices(['zh', 'en']))
    .option('--unit <[ledger=]unit>', 'unit of amounts the sheet does not state', collect)
    .option('--encoding <[ledger=]enc>', 'CSV encoding instead of detecting it', collect)
    .action(async (opts: InitOptions) => {
      run.code = await runInit(opts, io, tool);
    });

  program
    .command('verify')
    .description('check that a report still holds: re-hash the files it names and re-run it with the parameters it records')
    .argument('<report>', 'a report written with -f json (fundgap.report/v2 or v1) or -f xlsx')
    .option('--base <dir>', "the folder the report's paths are relative to (default: the current one)")
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']))
    .addHelpText('after', `
The ledgers, the roster and the config file the report names are hashed again; then the
reconciliation is run again with the parameters recorded in the report (not with what the
config file holds now) and compared with it: the totals, each key in order, and the number
of findings of each rule, then everything else the report states. Paths in a report are as
given to reconcile, relative to where it was run: run verify from there, or name that
folder with --base (say, the report and its ledgers moved together).

Example:
  $ fundgap verify report.json --base 底稿/2019

Exit codes: 0 the report matches, 1 a file or a figure changed (each changed file and the
first differing figure are named), 2 a file is missing or the report cannot be read.`)
    .action(async (report: string, opts: VerifyOptions) => {
      run.code = await runVerify(report, opts, io, tool);
    });

  return program;
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const tool = toolInfo();
  const run = { code: EXIT.ok };
  const lang = errorLang(argv);
  const program = buildProgram(io, tool, run, lang);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.error;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return run.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end through here too, with their own code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (e instanceof FundgapError) {
      io.stderr(`fundgap: ${formatError(e, lang)}\n`);
      return EXIT.error;
    }
    const internal = lang === 'zh' ? '程序内部出错，请连同所运行的命令一起报告此问题：' : 'internal error, please report it with the command you ran:';
    io.stderr(`fundgap: ${internal}\n${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

