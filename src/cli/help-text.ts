// The words of `fundgap --help` and of each command's help, in Chinese and English, in one
// place: main.ts declares the commands and options and looks their descriptions up here by
// command and long option name. Help is in Chinese when `--lang zh` is given or the locale
// says Chinese (LC_ALL, LC_MESSAGES, LANG), in English otherwise.

import type { Argument, Help, Option } from 'commander';
import stringWidth from 'string-width';
import type { Lang } from '../domain.js';
import { t, type Bilingual } from '../errors.js';

/** `--lang zh`, `--lang=en` … anywhere on the command line, when given. */
export function langOnCommandLine(argv: readonly string[]): Lang | undefined {
  for (let i = argv.length - 1; i >= 0; i--) {
    const a = argv[i]!;
    const value = a.startsWith('--lang=') ? a.slice('--lang='.length) : a === '--lang' ? argv[i + 1] : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return undefined;
}

/**
 * The language of help: `--lang`, else the locale as POSIX reads it (LC_ALL over LC_MESSAGES
 * over LANG, the first one set), Chinese when it starts with zh (zh_CN.UTF-8, zh_TW), else English.
 */
export function helpLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  const given = langOnCommandLine(argv);
  if (given) return given;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^zh([_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}

export interface CommandHelp {
  description: Bilingual;
  /** By long option name without the dashes (`allocated`, `tolerance-pct`). */
  options: Record<string, Bilingual>;
  arguments?: Record<string, Bilingual>;
  /** Shown after the options: examples, exit codes. */
  after?: Bilingual;
}

/** Commander's own words in help: section titles, the help and version options, what an option takes. */
export const HELP_CHROME = {
  titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' } as Record<string, string>,
  help: t('显示帮助', 'display help for command'),
  helpCommand: t('显示某个命令的帮助', 'display help for command'),
  version: t('显示版本号', 'output the version number'),
  choices: t('可选值', 'choices'),
  default: t('默认', 'default'),
};

export const PROGRAM_HELP = t(
  '扶贫资金台账三方比对：上级给多少（分配）、支多少（拨付）、实际落地多少。',
  'Reconcile poverty-alleviation fund ledgers: what was allocated (上级给多少), disbursed (支多少) and landed (落地多少).',
);

const RECONCILE_EXAMPLES = t(
  `
示例：
  $ fundgap reconcile -a 分配表.xlsx -d 拨付.csv -l 落地.xlsx
  $ fundgap reconcile -a 指标文件.xlsx#2019年 -d 凭证.csv -l 一卡通.xlsx -k 乡镇,项目名称
  $ fundgap reconcile -a a.xlsx -d d.csv -l l.xlsx --tolerance 1 --lang en -f json -o report.json
  $ fundgap reconcile -c fundgap.config.json -a a.xlsx -d d.csv -l l.xlsx --fail-on warning

退出码：0 没有达到 --fail-on 级别的问题，1 有，2 用法或输入有误。`,
  `
Examples:
  $ fundgap reconcile -a 分配表.xlsx -d 拨付.csv -l 落地.xlsx
  $ fundgap reconcile -a 指标文件.xlsx#2019年 -d 凭证.csv -l 一卡通.xlsx -k 乡镇,项目名称
  $ fundgap reconcile -a a.xlsx -d d.csv -l l.xlsx --tolerance 1 --lang en -f json -o report.json
  $ fundgap reconcile -c fundgap.config.json -a a.xlsx -d d.csv -l l.xlsx --fail-on warning

Exit codes: 0 no finding at or above --fail-on, 1 there is one, 2 usage or input error.`,
);

const AS_FOR_RECONCILE = t('同 reconcile', 'as for reconcile');
const MAX_ERRORS = t('一本台账最多列出多少个有问题的行（默认 20），其余只说还有多少', 'list at most this many bad rows of a ledger (default 20), then say how many more');
const MAX_ROWS = t('一张表超过这么多行就拒绝读取（默认 50000000）', 'refuse a sheet of more rows than this (default 50000000)');
const FAIL_ON = t('有问题达到这一级别时退出码为 1（默认 error）', 'exit 1 if a finding is at or above this (default error)');
const FORMAT = t('报告格式（默认：按 -o 的扩展名，否则为文本）', 'report format (default: as the -o extension says, else text)');
const KEY = t('比对字段：字段名或表头文字，用逗号分隔', 'join key: field names or header texts, comma-separated');
const ENCODING = t('CSV 的编码，不自动识别', 'CSV encoding instead of detecting it');

export const COMMAND_HELP: Record<'reconcile' | 'normalise' | 'report' | 'inspect' | 'init' | 'verify', CommandHelp> = {
  reconcile: {
    description: t('比对分配、拨付和落地三本台账，列出差距', 'compare the allocation, disbursement and landed ledgers and report the gaps'),
    options: {
      allocated: t('分配台账（上级下达）：CSV 或 XLSX，可写成 文件.xlsx#工作表', 'allocation ledger (上级下达): CSV or XLSX, optionally file.xlsx#Sheet'),
      disbursed: t('拨付台账（被巡察单位拨付）', 'disbursement ledger (拨付)'),
      landed: t('落地台账（实际落地）', 'on-the-ground ledger (落地)'),
      config: t('对应关系和规则（JSON 配置文件）；可用 `fundgap init` 生成', 'mapping and rules (JSON); see `fundgap init`'),
      key: t('比对字段：字段名或表头文字，用逗号分隔（默认：project，即项目）', 'join key: field names or header texts, comma-separated (default: project)'),
      format: FORMAT,
      out: t(
        '把报告写入这个文件（整体写入，不会留下半个文件），不输出到终端；扩展名 .xlsx .html .json .md .csv .txt 决定格式',
        'write the report to this file (atomically) instead of standard output; .xlsx .html .json .md .csv .txt choose the format',
      ),
      'csv-encoding': t(
        'CSV 报告的编码：utf-8 带 BOM（默认），或 gb18030（gbk）不带 BOM，供较老的软件使用',
        'CSV report: utf-8 with a BOM (default), or gb18030 (gbk) without one for older tools',
      ),
      lang: t('报告语言', 'report language'),
      top: t(
        'text 和 md 报告：列出多少个项目，以及每条规则列出多少条问题（默认 100）；JSON 和 CSV 报告全部列出',
        'text and md: list this many keys, and findings of each rule (default 100); the JSON and CSV reports list all',
      ),
      tolerance: t(
        '允许误差，单位元（默认：精确比对）；stage 可为 A-D、D-L、retained、over-disbursed、not-landed、over-landed',
        'absolute tolerance in 元 (default: exact); stage: A-D, D-L, retained, over-disbursed, not-landed, over-landed',
      ),
      'tolerance-pct': t(
        '允许误差，按较大一方的百分比计（默认：精确比对）；与 --tolerance 都给出时取较严的',
        'tolerance in percent of the larger side (default: exact); the stricter of the two applies',
      ),
      'late-days': t('拨付晚于下达超过 n 天即为拨付不及时', 'a disbursement more than n days after its allocation is late'),
      'as-of': t(
        '报告日期：据此计算资金滞留的时长并检查出生日期（不给出时报告中不出现任何日期）',
        'the report date: ages retained funds and bounds birth dates (no date appears in the report otherwise)',
      ),
      'duplicate-window': t(
        '同一收款人、同一金额，相隔不超过这么多天即为重复发放（默认 0：同一天）',
        'same payee and amount at most this many days apart is a duplicate (default 0: same day)',
      ),
      roster: t('建档立卡户名单（审核通过的受益人）：落地台账的收款人必须在名单上', 'approved beneficiary list (建档立卡户名单): landed payees must be on it'),
      'group-by': t('按这一列（乡镇、村、fundSource …）汇总金额，列在汇总中（可重复）', 'add the figures by this column (乡镇, 村, fundSource …) to the summary (repeatable)'),
      'merge-similar': t(
        '把无下达依据的项目并入与它相似度不低于此值（0–1）的已下达项目；每次合并都列为一条问题',
        'merge an unallocated key into the allocated key it resembles at least this much (0–1); each merge is a finding',
      ),
      materiality: t('涉及金额低于此数（元）的问题降为警告，不算错误', 'findings about less than this are warnings, not errors'),
      'fail-on': FAIL_ON,
      unit: t('表中未注明时金额的单位：元 或 万元（可重复，如 allocated=万元）', 'unit of amounts the sheet does not state: 元 or 万元 (repeatable, e.g. allocated=万元)'),
      encoding: t('CSV 的编码，不自动识别：utf-8、gbk、gb18030、utf-16le（可重复）', 'CSV encoding instead of detecting it: utf-8, gbk, gb18030, utf-16le (repeatable)'),
      quiet: t('读取大台账时不在标准错误输出上显示进度', 'no progress on standard error while large ledgers are read'),
      'max-errors': MAX_ERRORS,
      'max-rows': MAX_ROWS,
      engine: t(
        'in-process（默认），或 duckdb：在内嵌的 DuckDB 上对规范化后的行运行 sql/ 中的 SQL（需要 @duckdb/node-api）',
        'in-process (default), or duckdb: the SQL of sql/ on embedded DuckDB over normalised rows (needs @duckdb/node-api)',
      ),
      rows: t(
        '与 --engine duckdb 一起用：把规范化后的行保存在这个文件夹（与 fundgap normalise 写出的相同）',
        'with --engine duckdb: keep the normalised rows in this folder (as fundgap normalise writes them)',
      ),
      results: t(
        '与 --engine duckdb 一起用：把 SQL 的结果表也写入这个文件夹（供 fundgap report --from 使用）',
        "with --engine duckdb: also write the SQL's result tables to this folder (for fundgap report --from)",
      ),
    },
    after: RECONCILE_EXAMPLES,
  },
  normalise: {
    description: t(
      '把 reconcile 会用到的行（经过每一处读取判断之后）写成 Parquet 文件和一份清单，供 DuckDB 或 Spark 使用（需要 @duckdb/node-api）',
      'write the rows reconcile would use, after every reading decision, as Parquet with a manifest, for DuckDB or Spark (needs @duckdb/node-api)',
    ),
    options: {
      allocated: t('分配台账（上级下达）', 'allocation ledger (上级下达)'),
      disbursed: t('拨付台账（拨付）', 'disbursement ledger (拨付)'),
      landed: t('落地台账（落地）', 'on-the-ground ledger (落地)'),
      out: t('要写入的文件夹：ledger_rows/<台账>.parquet、params.parquet、manifest.json', 'the folder to write: ledger_rows/<ledger>.parquet, params.parquet, manifest.json'),
      config: t('对应关系和规则（JSON），同 reconcile', 'mapping and rules (JSON), as for reconcile'),
      key: t('比对字段，同 reconcile', 'join key, as for reconcile'),
      tolerance: t('同 reconcile（记录在 params.parquet 中）', 'as for reconcile (recorded in params.parquet)'),
      'tolerance-pct': AS_FOR_RECONCILE,
      'late-days': AS_FOR_RECONCILE,
      'as-of': AS_FOR_RECONCILE,
      'duplicate-window': AS_FOR_RECONCILE,
      roster: t('审核通过的受益人名单，同 reconcile', 'approved beneficiary list, as for reconcile'),
      materiality: AS_FOR_RECONCILE,
      lang: t('提示信息的语言，以及由这些行生成的报告的语言', 'language of messages and of reports made from these rows'),
      unit: AS_FOR_RECONCILE,
      encoding: AS_FOR_RECONCILE,
      quiet: t('不在标准错误输出上显示进度', 'no progress on standard error'),
      'max-errors': MAX_ERRORS,
      'max-rows': MAX_ROWS,
    },
    after: t(
      `
多个县可以各自规范化到一个文件夹（-o rows/county-a、
-o rows/county-b …）；SQL 用一个通配路径把它们一起读入
（rows/*/ledger_rows/*.parquet）。见 docs/scale.md。`,
      `
Many counties are normalised one folder each (-o rows/county-a, -o rows/county-b …); the SQL
reads them all with one glob (rows/*/ledger_rows/*.parquet). See docs/scale.md.`,
    ),
  },
  report: {
    description: t(
      '从一个文件夹生成报告：fundgap normalise 写出的规范化行（在 DuckDB 上运行 SQL），或 Spark 等引擎写出的结果表',
      'render a report from a folder of normalised rows (runs the SQL on DuckDB) or of result tables written by an engine such as Spark',
    ),
    options: {
      from: t(
        'fundgap normalise 写出的文件夹，或存放结果表（keys、totals …）和该次运行的 manifest.json 的文件夹',
        "a folder fundgap normalise wrote, or of result tables (keys, totals, …) with that run's manifest.json",
      ),
      results: t('从规范化行生成时：把结果表也写入这个文件夹', 'from a folder of rows: also write the result tables here'),
      format: FORMAT,
      out: t('把报告写入这个文件（整体写入），不输出到终端', 'write the report to this file (atomically) instead of standard output'),
      'csv-encoding': t('CSV 报告的编码：utf-8 带 BOM（默认），或 gb18030', 'CSV report: utf-8 with a BOM (default), or gb18030'),
      lang: t('报告语言（默认：与规范化时相同）', 'report language (default: as normalised)'),
      top: t('text 和 md 报告：列出多少个项目，以及每条规则列出多少条问题（默认 100）', 'text and md: list this many keys, and findings of each rule (default 100)'),
      'fail-on': t('有问题达到这一级别时退出码为 1（默认：与规范化时相同）', 'exit 1 if a finding is at or above this (default: as normalised)'),
    },
  },
  inspect: {
    description: t(
      '显示一张表将被怎样读取：表头、各列、单位、编码、跳过的行、合计行',
      'show how one sheet will be read: header, columns, unit, encoding, skipped rows, totals',
    ),
    arguments: { file: t('CSV 或 XLSX，可写成 文件.xlsx#工作表', 'CSV or XLSX, optionally file.xlsx#Sheet') },
    options: {
      config: t('按这个配置（和 --role）读取，与 reconcile 相同', 'apply this config (with --role) as reconcile would'),
      role: t('这个文件是配置中的哪本台账：allocated（分配）、disbursed（拨付）或 landed（落地）', 'which ledger of the config the file is: allocated, disbursed or landed'),
      key: KEY,
      format: t('输出格式', 'output format'),
      lang: t('语言', 'language'),
      unit: t('表中未注明时金额的单位：元 或 万元', 'unit of amounts the sheet does not state: 元 or 万元'),
      encoding: ENCODING,
      quiet: t('读取大表时不在标准错误输出上显示进度', 'no progress on standard error while a large sheet is read'),
      'max-errors': MAX_ERRORS,
      'max-rows': MAX_ROWS,
    },
  },
  init: {
    description: t(
      '根据在三本台账中识别到的内容写出一份初始配置，并说明每一处选择',
      'write a starter config from what it detects in the three ledgers, saying what it chose',
    ),
    options: {
      allocated: t('分配台账', 'allocation ledger'),
      disbursed: t('拨付台账', 'disbursement ledger'),
      landed: t('落地台账', 'on-the-ground ledger'),
      out: t('配置文件写到哪里', 'where to write the config'),
      force: t('配置文件已存在时覆盖它', 'overwrite the config file if it exists'),
      key: KEY,
      lang: t('说明的语言', 'language of the summary'),
      unit: t('表中未注明时金额的单位', 'unit of amounts the sheet does not state'),
      encoding: ENCODING,
    },
  },
  verify: {
    description: t(
      '核对一份报告是否仍然成立：重新计算它所列文件的哈希值，并按它记录的参数重新比对',
      'check that a report still holds: re-hash the files it names and re-run it with the parameters it records',
    ),
    arguments: { report: t('用 -f json（fundgap.report/v2 或 v1）或 -f xlsx 写出的报告', 'a report written with -f json (fundgap.report/v2 or v1) or -f xlsx') },
    options: {
      base: t('报告中的路径相对于哪个文件夹（默认：当前文件夹）', "the folder the report's paths are relative to (default: the current one)"),
      lang: t('语言', 'language'),
    },
    after: t(
      `
重新计算报告所列台账、名单和配置文件的哈希值；再按报告中记录的
参数（而不是配置文件现在的内容）重新比对，并与报告核对：总数、
按顺序的每个项目、每条规则的问题数，然后是报告中的其余内容。
报告中的路径与运行 reconcile 时给出的一样，相对于当时所在的文件
夹：请在那里运行 verify，或用 --base 指明那个文件夹（例如报告和
台账一起移动了位置）。

示例：
  $ fundgap verify report.json --base 底稿/2019

退出码：0 报告与台账一致；1 有文件或数字变了（会指出每个变了的
文件和第一个不同的数字）；2 有文件找不到或报告无法读取。`,
      `
The ledgers, the roster and the config file the report names are hashed again; then the
reconciliation is run again with the parameters recorded in the report (not with what the
config file holds now) and compared with it: the totals, each key in order, and the number
of findings of each rule, then everything else the report states. Paths in a report are as
given to reconcile, relative to where it was run: run verify from there, or name that
folder with --base (say, the report and its ledgers moved together).

Example:
  $ fundgap verify report.json --base 底稿/2019

Exit codes: 0 the report matches, 1 a file or a figure changed (each changed file and the
first differing figure are named), 2 a file is missing or the report cannot be read.`,
    ),
  },
};

export interface HelpWords {
  description: string;
  option(name: string): string;
  argument(name: string): string;
  after: string;
}

/** Each command's words in one language; a name without words is a mistake in this file, said at once. */
export function helpWords(lang: Lang): Record<keyof typeof COMMAND_HELP, HelpWords> {
  const pick = (table: Record<string, Bilingual> | undefined, what: string, name: string): string => {
    const w = table?.[name];
    if (!w) throw new Error(`help-text.ts has no words for ${what} ${name}`);
    return w[lang];
  };
  const words = (command: string, h: CommandHelp): HelpWords => ({
    description: h.description[lang],
    option: (name) => pick(h.options, `${command} --`, name),
    argument: (name) => pick(h.arguments, `${command} <argument>`, name),
    after: h.after?.[lang] ?? '',
  });
  return Object.fromEntries(Object.entries(COMMAND_HELP).map(([c, h]) => [c, words(c, h)])) as Record<keyof typeof COMMAND_HELP, HelpWords>;
}

/** Han characters and CJK punctuation: a line of help may break after any of them. */
const WIDE = '\\p{scx=Han}\\u3000-\\u303F\\uFF00-\\uFFEF';
const OPENING = '（「『“';
const CLOSING = '，。、；：）」』”！？';
/**
 * What a line may not be broken inside: a run of other text with the space before it, or one
 * wide character; either with the opening brackets before it and the closing punctuation after.
 */
const CHUNK = new RegExp(`\\s*[${OPENING}]*(?:[^\\s${WIDE}]+|[${WIDE}])[${CLOSING}]*`, 'gu');

/**
 * Commander's help layout for Chinese: its titles and what an option takes in Chinese, widths
 * counted as a terminal shows them (a Han character takes two columns), and lines broken
 * between characters, since Chinese puts no spaces between words.
 */
export function chineseHelpLayout() {
  const extra = (choices: readonly string[] | undefined, dflt: unknown, showDefault: boolean, fallback?: string): string[] => [
    ...(choices ? [`${HELP_CHROME.choices.zh}：${choices.join('、')}`] : []),
    ...(dflt !== undefined && showDefault ? [`${HELP_CHROME.default.zh}：${fallback ?? String(dflt)}`] : []),
  ];
  const withExtra = (description: string, info: string[]) => (info.length ? `${description}（${info.join('；')}）` : description);
  return {
    styleTitle: (title: string) => HELP_CHROME.titles[title] ?? title,
    optionDescription: (o: Option) =>
      withExtra(o.description, extra(o.argChoices, o.defaultValue, o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean'), o.defaultValueDescription)),
    argumentDescription: (a: Argument) => withExtra(a.description, extra(a.argChoices, a.defaultValue, true, a.defaultValueDescription)),
    displayWidth: (s: string) => stringWidth(s),
    boxWrap(this: Help, s: string, width: number): string {
      if (width < this.minWidthToWrap) return s;
      return s
        .split(/\r?\n/)
        .map((line) => {
          const lines: string[] = [];
          let current = '';
          for (const chunk of line.match(CHUNK) ?? []) {
            if (current !== '' && stringWidth(current) + stringWidth(chunk) > width) {
              lines.push(current);
              current = chunk.trimStart();
            } else current += chunk;
          }
          return [...lines, current].join('\n');
        })
        .join('\n');
    },
  } satisfies Partial<Help>;
}
