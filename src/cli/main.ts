// The command line: parse options, run a command, print, and pick the exit code (0 clean,
// 1 a finding at or above --fail-on, 2 bad usage or input). The only place that knows about
// argv, the terminal and colour. Commands take an Io so tests can run them in-process.
// Errors speak Chinese unless `--lang en` is on the command line, commander's own included;
// help follows --lang or the locale (help-text.ts, where its words are).

import type { Lang } from '../domain.js';
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { FundgapError, formatError } from '../errors.js';
import type { ToolInfo } from '../report/model.js';

import { runInit, type InitOptions } from './init.js';
import { runInspect, type InspectOptions } from './inspect.js';
import { CSV_ENCODINGS, REPORT_FORMATS } from './output-format.js';
import { runReconcile, type ReconcileOptions } from './reconcile.js';
import { runVerify, type VerifyOptions } from './verify.js';
import { runNormalise, type NormaliseOptions } from './normalise.js';
import { ENGINES, runReconcileSql, runReportFrom, type ReportFromOptions, type SqlReconcileOptions } from './report-from.js';
import { EXIT, processIo, type Io } from './io.js';
import { chineseHelpLayout, HELP_CHROME, helpLang, helpWords, PROGRAM_HELP } from './help-text.js';

export { EXIT, processIo, type Io };

export function toolInfo(): ToolInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

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

/** `lang`: of errors; `helpIn`: of help (helpLang in help-text.ts). */
function buildProgram(io: Io, tool: ToolInfo, run: { code: number }, lang: Lang, helpIn: Lang): Command {
  const say = helpWords(helpIn);
  const program = new Command()
    .name('fundgap')
    .description(PROGRAM_HELP[helpIn])
    .version(tool.version, '-V, --version', HELP_CHROME.version[helpIn])
    .helpOption('-h, --help', HELP_CHROME.help[helpIn])
    .helpCommand('help [command]', HELP_CHROME.helpCommand[helpIn])
    .configureHelp(helpIn === 'zh' ? chineseHelpLayout() : {})
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(lang === 'zh' ? commanderZh(text) : text),
    })
    .showHelpAfterError(lang === 'zh' ? '（加 --help 查看用法）' : '(run with --help for usage)');
  const context: CommandContext = { io, tool, run, say };
  addReconcile(program, context);
  addNormalise(program, context);
  addReport(program, context);
  addInspect(program, context);
  addInit(program, context);
  addVerify(program, context);

  return program;
}

/** What each command's declaration needs: where it writes, the tool, the exit code it sets, its words. */
interface CommandContext {
  io: Io;
  tool: ToolInfo;
  run: { code: number };
  say: ReturnType<typeof helpWords>;
}

function addReconcile(program: Command, { io, tool, run, say }: CommandContext): void {
  program
    .command('reconcile')
    .description(say.reconcile.description)
    .requiredOption('-a, --allocated <file>', say.reconcile.option('allocated'))
    .requiredOption('-d, --disbursed <file>', say.reconcile.option('disbursed'))
    .requiredOption('-l, --landed <file>', say.reconcile.option('landed'))
    .option('-c, --config <file>', say.reconcile.option('config'))
    .option('-k, --key <cols>', say.reconcile.option('key'))
    .addOption(new Option('-f, --format <fmt>', say.reconcile.option('format')).choices(REPORT_FORMATS))
    .option('-o, --out <file>', say.reconcile.option('out'))
    .addOption(new Option('--csv-encoding <enc>', say.reconcile.option('csv-encoding')).choices(CSV_ENCODINGS))
    .addOption(new Option('--lang <lang>', say.reconcile.option('lang')).choices(['zh', 'en']))
    .option('--top <n>', say.reconcile.option('top'))
    .option('--tolerance <[stage=]yuan>', say.reconcile.option('tolerance'), collect)
    .option('--tolerance-pct <[stage=]p>', say.reconcile.option('tolerance-pct'), collect)
    .option('--late-days <n>', say.reconcile.option('late-days'))
    .option('--as-of <date>', say.reconcile.option('as-of'))
    .option('--duplicate-window <days>', say.reconcile.option('duplicate-window'))
    .option('--roster <file>', say.reconcile.option('roster'))
    .option('--group-by <column>', say.reconcile.option('group-by'), collect)
    .option('--merge-similar <similarity>', say.reconcile.option('merge-similar'))
    .option('--materiality <yuan>', say.reconcile.option('materiality'))
    .addOption(new Option('--fail-on <severity>', say.reconcile.option('fail-on')).choices(['info', 'warning', 'error', 'none']))
    .option('--unit <[ledger=]unit>', say.reconcile.option('unit'), collect)
    .option('--encoding <[ledger=]enc>', say.reconcile.option('encoding'), collect)
    .option('-q, --quiet', say.reconcile.option('quiet'))
    .option('--max-errors <n>', say.reconcile.option('max-errors'))
    .option('--max-rows <n>', say.reconcile.option('max-rows'))
    .addOption(new Option('--engine <engine>', say.reconcile.option('engine')).choices(ENGINES))
    .option('--rows <dir>', say.reconcile.option('rows'))
    .option('--results <dir>', say.reconcile.option('results'))
    .addHelpText('after', say.reconcile.after)
    .action(async (opts: SqlReconcileOptions & { engine?: string }) => {
      if (opts.engine === 'duckdb') run.code = await runReconcileSql(opts, io, tool);
      else {
        if (opts.rows !== undefined || opts.results !== undefined) {
          throw new FundgapError({ code: 'USAGE', problem: 'engine-only', options: ['--rows', '--results'] });
        }
        run.code = await runReconcile(opts as ReconcileOptions, io, tool);
      }
    });
}

function addNormalise(program: Command, { io, tool, run, say }: CommandContext): void {
  program
    .command('normalise')
    .alias('normalize')
    .description(say.normalise.description)
    .requiredOption('-a, --allocated <file>', say.normalise.option('allocated'))
    .requiredOption('-d, --disbursed <file>', say.normalise.option('disbursed'))
    .requiredOption('-l, --landed <file>', say.normalise.option('landed'))
    .requiredOption('-o, --out <dir>', say.normalise.option('out'))
    .option('-c, --config <file>', say.normalise.option('config'))
    .option('-k, --key <cols>', say.normalise.option('key'))
    .option('--tolerance <[stage=]yuan>', say.normalise.option('tolerance'), collect)
    .option('--tolerance-pct <[stage=]p>', say.normalise.option('tolerance-pct'), collect)
    .option('--late-days <n>', say.normalise.option('late-days'))
    .option('--as-of <date>', say.normalise.option('as-of'))
    .option('--duplicate-window <days>', say.normalise.option('duplicate-window'))
    .option('--roster <file>', say.normalise.option('roster'))
    .option('--materiality <yuan>', say.normalise.option('materiality'))
    .addOption(new Option('--lang <lang>', say.normalise.option('lang')).choices(['zh', 'en']))
    .option('--unit <[ledger=]unit>', say.normalise.option('unit'), collect)
    .option('--encoding <[ledger=]enc>', say.normalise.option('encoding'), collect)
    .option('-q, --quiet', say.normalise.option('quiet'))
    .option('--max-errors <n>', say.normalise.option('max-errors'))
    .option('--max-rows <n>', say.normalise.option('max-rows'))
    .addHelpText('after', say.normalise.after)
    .action(async (opts: NormaliseOptions) => {
      run.code = await runNormalise(opts, io, tool);
    });
}

function addReport(program: Command, { io, tool, run, say }: CommandContext): void {
  program
    .command('report')
    .description(say.report.description)
    .requiredOption('--from <dir>', say.report.option('from'))
    .option('--results <dir>', say.report.option('results'))
    .addOption(new Option('-f, --format <fmt>', say.report.option('format')).choices(REPORT_FORMATS))
    .option('-o, --out <file>', say.report.option('out'))
    .addOption(new Option('--csv-encoding <enc>', say.report.option('csv-encoding')).choices(CSV_ENCODINGS))
    .addOption(new Option('--lang <lang>', say.report.option('lang')).choices(['zh', 'en']))
    .option('--top <n>', say.report.option('top'))
    .addOption(new Option('--fail-on <severity>', say.report.option('fail-on')).choices(['info', 'warning', 'error', 'none']))
    .action(async (opts: ReportFromOptions) => {
      run.code = await runReportFrom(opts, io, tool);
    });
}

function addInspect(program: Command, { io, run, say }: CommandContext): void {
  program
    .command('inspect')
    .description(say.inspect.description)
    .argument('<file>', say.inspect.argument('file'))
    .option('-c, --config <file>', say.inspect.option('config'))
    .option('--role <ledger>', say.inspect.option('role'), 'allocated')
    .option('-k, --key <cols>', say.inspect.option('key'))
    .addOption(new Option('-f, --format <fmt>', say.inspect.option('format')).choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', say.inspect.option('lang')).choices(['zh', 'en']))
    .option('--unit <unit>', say.inspect.option('unit'), collect)
    .option('--encoding <enc>', say.inspect.option('encoding'), collect)
    .option('-q, --quiet', say.inspect.option('quiet'))
    .option('--max-errors <n>', say.inspect.option('max-errors'))
    .option('--max-rows <n>', say.inspect.option('max-rows'))
    .action(async (file: string, opts: InspectOptions) => {
      run.code = await runInspect(file, opts, io);
    });
}

function addInit(program: Command, { io, tool, run, say }: CommandContext): void {
  program
    .command('init')
    .description(say.init.description)
    .requiredOption('-a, --allocated <file>', say.init.option('allocated'))
    .requiredOption('-d, --disbursed <file>', say.init.option('disbursed'))
    .requiredOption('-l, --landed <file>', say.init.option('landed'))
    .option('-o, --out <file>', say.init.option('out'), 'fundgap.config.json')
    .option('--force', say.init.option('force'))
    .option('-k, --key <cols>', say.init.option('key'))
    .addOption(new Option('--lang <lang>', say.init.option('lang')).choices(['zh', 'en']))
    .option('--unit <[ledger=]unit>', say.init.option('unit'), collect)
    .option('--encoding <[ledger=]enc>', say.init.option('encoding'), collect)
    .action(async (opts: InitOptions) => {
      run.code = await runInit(opts, io, tool);
    });
}

function addVerify(program: Command, { io, tool, run, say }: CommandContext): void {
  program
    .command('verify')
    .description(say.verify.description)
    .argument('<report>', say.verify.argument('report'))
    .option('--base <dir>', say.verify.option('base'))
    .addOption(new Option('--lang <lang>', say.verify.option('lang')).choices(['zh', 'en']))
    .addHelpText('after', say.verify.after)
    .action(async (report: string, opts: VerifyOptions) => {
      run.code = await runVerify(report, opts, io, tool);
    });
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const tool = toolInfo();
  const run = { code: EXIT.ok };
  const lang = errorLang(argv);
  const program = buildProgram(io, tool, run, lang, helpLang(argv, io.env));
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

