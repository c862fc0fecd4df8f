// Every word the reports print, in Chinese (the default) and English, and the one place a
// finding's figures become a sentence. Amounts in sentences are exact (never rounded).

import type { Lang, Role, RuleId, Severity, Status } from '../domain.js';
import type { SkipReason } from '../ledger/rows.js';
import type { Field } from '../ledger/fields.js';
import type { LayoutNote, UnitSource } from '../ledger/layout.js';
import { absMoney, exactText, formatGrouped, type Money } from '../money.js';

import { AGREE_PERCENT, type UnitCheck } from '../reconcile/units.js';
import type { IdProblem } from '../text/id-number.js';
import type { NearMiss } from '../reconcile/near-miss.js';
import type { EvidenceRole, ExcludedDetail, Finding, FindingDetails, RoundedKeyDetail, RoundedLedgerDetail } from '../rules/types.js';

type Words = Record<Lang, string>;

export const ROLE_NAMES: Record<EvidenceRole, Words> = {
  allocated: { zh: '上级下达', en: 'allocated' },
  disbursed: { zh: '拨付', en: 'disbursed' },
  landed: { zh: '落地', en: 'landed' },
  roster: { zh: '名单', en: 'roster' },
};

export const STATUS_NAMES: Record<Status, Words> = {
  matched: { zh: '相符', en: 'matched' },
  retained: { zh: '滞留', en: 'retained' },
  'over-disbursed': { zh: '超拨', en: 'over-disbursed' },
  'not-landed': { zh: '未落地', en: 'not landed' },
  'over-landed': { zh: '落地多于拨付', en: 'over-landed' },
  idle: { zh: '闲置', en: 'idle' },
  unallocated: { zh: '无下达依据', en: 'unallocated' },
};

export const RULE_NAMES: Record<RuleId, Words> = {
  retained: { zh: '资金滞留', en: 'retained funds' },
  'over-disbursed': { zh: '超额拨付', en: 'over-disbursed' },
  'not-landed': { zh: '资金未落地', en: 'not landed' },
  'over-landed': { zh: '落地多于拨付', en: 'over-landed' },
  idle: { zh: '资金闲置', en: 'idle funds' },
  unallocated: { zh: '无下达依据的支出', en: 'spending with no allocation' },
  'footing-mismatch': { zh: '合计与明细不符', en: 'total does not foot' },
  'duplicate-payment': { zh: '重复发放', en: 'duplicate payment' },
  'invalid-id-number': { zh: '身份证号无效', en: 'invalid ID number' },
  'payee-not-on-roster': { zh: '收款人不在名单内', en: 'payee not on the roster' },
  'amount-words-mismatch': { zh: '大小写金额不符', en: 'amount in words differs' },
  'late-disbursement': { zh: '拨付不及时', en: 'late disbursement' },
  'key-merged': { zh: '相似项目已合并', en: 'similar keys merged' },
  'breakdown-mismatch': { zh: '“其中”分项与所属行不符', en: 'breakdown does not add up' },
  'payment-failed': { zh: '发放失败或退回', en: 'payment failed or returned' },
  'ledgers-swapped': { zh: '台账可能放反', en: 'ledgers may be swapped' },
  'units-far-apart': { zh: '台账金额数量级悬殊', en: 'ledgers far apart in magnitude' },
  'unit-inferred': { zh: '金额单位系推断', en: 'unit inferred' },
  'heading-rows': { zh: '分类标题行未计入', en: 'heading rows not counted' },
  'breakdown-rows': { zh: '“其中”分项未计入', en: 'breakdown rows not counted' },
  'rows-after-end': { zh: '表格结束后的金额未计入', en: 'money below the end of the table not counted' },
  'amount-rounded': { zh: '金额超出分位，已四舍五入', en: 'amounts rounded to the fen' },
};

export const ID_PROBLEMS: Record<IdProblem, Words> = {
  'check-digit': { zh: '校验码不符', en: 'has a wrong check digit' },
  'birth-date': { zh: '出生日期不存在', en: 'has a birth date that does not exist' },
  region: { zh: '地区代码不存在', en: 'has a region code no province uses' },
  format: { zh: '位数或字符不对', en: 'is not 15 or 18 digits' },
  scientific: { zh: '已被 Excel 显示为科学计数法，号码已损坏', en: 'was turned into scientific notation by Excel and is damaged' },
  'stored-as-number': { zh: '以数字格式存储，第 15 位以后的数字已丢失', en: 'is stored as a number, so digits after the 15th are lost' },
  'trailing-zeros': { zh: '末尾被补零，号码已被 Excel 截断', en: 'ends in zeros where Excel cut it to 15 digits' },
};

export const SEVERITY_NAMES: Record<Severity, Words> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

export const SKIP_REASONS: Record<SkipReason, Words> = {
  blank: { zh: '空行', en: 'blank' },
  title: { zh: '标题', en: 'title' },
  unit: { zh: '单位行', en: 'unit line' },
  header: { zh: '表头', en: 'header' },
  note: { zh: '说明文字', en: 'note' },
  'no-amount': { zh: '无金额', en: 'no amount' },
  'merged-amount': { zh: '金额与上一行合并', en: 'amount merged with the row above' },
  'group-heading': { zh: '分类标题行（金额应为其下各行之和）', en: 'group heading (its amount should be the sum of the rows under it)' },
  breakdown: { zh: '“其中”分项', en: 'breakdown ("其中")' },
  subtotal: { zh: '小计', en: 'subtotal' },
  total: { zh: '合计', en: 'total' },
  'payment-failed': { zh: '发放失败或退回（未计入）', en: 'payment failed or returned (not counted)' },
  'carried-forward': { zh: '承前页/过次页（与累计数核对）', en: 'carried forward (承前页/过次页, checked against the running sum)' },
  'page-total': { zh: '本页合计', en: 'page total (本页合计)' },
  'sign-off': { zh: '表尾签署行（制表人、审核人等）', en: 'sign-off line (制表人, 审核人 …)' },
  'after-end': { zh: '表格结束后的行', en: 'below the end of the table' },
};

export const UNIT_SOURCES: Record<UnitSource, Words> = {
  config: { zh: '配置指定', en: 'set in the config' },
  header: { zh: '表头注明', en: 'from the header' },
  sheet: { zh: '表中“单位”行注明', en: 'from the unit line' },
  cell: { zh: '单元格内注明', en: 'stated in the cells' },
  inferred: { zh: '未注明，按万元读取时与其他台账相符，据此推断', en: 'not stated; inferred: read in 万元 it agrees with the other ledgers' },
  default: { zh: '未注明，按元计', en: 'not stated; read as 元' },
};

export const ENCODING_SOURCES: Record<string, Words | undefined> = {
  bom: { zh: '按文件开头的 BOM', en: 'from its byte-order mark' },
  detected: { zh: '自动识别', en: 'detected' },
  ascii: { zh: '全为 ASCII 字符', en: 'plain ASCII' },
  option: { zh: '按 --encoding 或配置指定', en: 'set by --encoding or the config' },
};

/** GBK files are decoded as GB18030, its superset; people know them as GBK. */
export function encodingName(e: string): string {
  return e === 'gb18030' ? 'GBK/GB18030' : e.toUpperCase();
}

export const LABELS = {
  title: { zh: '扶贫资金三方比对报告', en: 'Fund gap report' },
  asOf: { zh: '报告日期', en: 'As of' },
  inputs: { zh: '输入台账', en: 'Inputs' },
  unit: { zh: '单位', en: 'unit' },
  rows: { zh: '行数', en: 'rows' },
  read: { zh: '读取', en: 'read' },
  used: { zh: '使用', en: 'used' },
  skipped: { zh: '跳过', en: 'skipped' },
  hidden: { zh: '隐藏行', en: 'hidden rows' },
  sheetHidden: { zh: '该工作表在 Excel 中为隐藏状态', en: 'this sheet is hidden in Excel' },
  encoding: { zh: '编码', en: 'encoding' },
  header: { zh: '表头', en: 'header' },
  keyColumns: { zh: '比对字段', en: 'key' },
  amountColumn: { zh: '金额列', en: 'amount' },
  footing: { zh: '合计核对', en: 'totals checked' },
  foots: { zh: '相符', en: 'foots' },
  footsByRounding: { zh: '相符（相差不超过金额四舍五入到分所致）', en: 'foots (apart only by rounding to the fen)' },
  doesNotFoot: { zh: '不符', en: 'does not foot' },
  summary: { zh: '汇总', en: 'Summary' },
  amountsIn: { zh: '金额单位：元', en: 'amounts in 元' },
  allocated: { zh: '上级给多少 (A)', en: 'Allocated (A)' },
  disbursed: { zh: '被巡察单位支多少 (D)', en: 'Disbursed (D)' },
  landed: { zh: '实际落地多少 (L)', en: 'Landed (L)' },
  retained: { zh: '滞留 A−D', en: 'Retained A−D' },
  notLanded: { zh: '未落地 D−L', en: 'Not landed D−L' },
  gap: { zh: '差距 A−L', en: 'Gap A−L' },
  disbursedRate: { zh: '拨付率 D/A', en: 'Disbursed D/A' },
  landedRate: { zh: '落地率 L/A', en: 'Landed L/A' },
  keys: { zh: '逐项比对（按差额从大到小）', en: 'By key (largest gap first)' },
  key: { zh: '项目', en: 'Key' },
  colAllocated: { zh: '上级下达', en: 'Allocated' },
  colDisbursed: { zh: '已拨付', en: 'Disbursed' },
  colLanded: { zh: '已落地', en: 'Landed' },
  colRetained: { zh: '滞留', en: 'Retained' },
  colNotLanded: { zh: '未落地', en: 'Not landed' },
  status: { zh: '状态', en: 'Status' },
  findings: { zh: '发现的问题', en: 'Findings' },
  noFindings: { zh: '未发现问题', en: 'No findings' },
  evidence: { zh: '依据', en: 'Evidence' },
  row: { zh: '行', en: 'row' },
  rowsWord: { zh: '行', en: 'rows' },
  moreKeys: { zh: '其余 {n} 项见 JSON 或 CSV 报告（或用 --top 多列一些）', en: '{n} more keys in the JSON or CSV report (or list more with --top)' },
  moreFindings: { zh: '另有 {n} 条“{rule}”见 JSON 报告（或用 --top 多列一些）', en: '{n} more "{rule}" findings in the JSON report (or list more with --top)' },
  tolerance: { zh: '容差', en: 'tolerance' },
  exact: { zh: '精确比对', en: 'exact' },
  parameters: { zh: '参数', en: 'Parameters' },
  tool: { zh: '工具', en: 'Tool' },
  notes: { zh: '说明', en: 'Notes' },
  comparedWith: { zh: '对照', en: 'compared with' },
  otherAmounts: { zh: '另有可能的金额列', en: 'other possible amount columns' },
  hiddenColumns: { zh: '隐藏列（照常读取，不会自动作为金额列）', en: 'hidden columns (read as usual, never taken as the amount unasked)' },
  unmappedIds: {
    zh: '像身份证号却未作为身份证号核对的列',
    en: 'columns that look like ID numbers but are not checked as the ID',
  },
  unmappedIdsHint: {
    zh: '如应按其中一列核对，请在配置中写 {snippet}',
    en: 'to check one of them, write in the config {snippet}',
  },
  failedIncluded: { zh: '含未成功发放 {amount} 元', en: 'including {amount} of failed payments' },
  ageing: { zh: '滞留资金账龄（截至 {asOf}，按下达日期先进先出）', en: 'Retained funds by age (as of {asOf}, first in, first out)' },
  ageBucket: { zh: '账龄', en: 'age' },
  days: { zh: '天', en: 'days' },
  undated: { zh: '无下达日期', en: 'no allocation date' },
  keysCount: { zh: '项目数', en: 'keys' },
  rollup: { zh: '按“{by}”汇总', en: 'By {by}' },
  group: { zh: '分组', en: 'group' },
  roster: { zh: '名单', en: 'Roster' },
  decisions: { zh: '读取时作出的、影响金额的判断（详见“发现的问题”）', en: 'Reading decisions that changed a figure (see Findings)' },
  rosterIds: { zh: '{n} 个身份证号', en: '{n} ID numbers' },
  // The HTML report's own words (its sections follow the XLSX working paper's).
  contents: { zh: '目录', en: 'Contents' },
  gapsAndRates: { zh: '差额与比率', en: 'Gaps and rates' },
  keysByStatus: { zh: '各状态项目数', en: 'Keys by status' },
  findingsBySeverity: { zh: '各级别问题数', en: 'Findings by severity' },
  count: { zh: '数量', en: 'count' },
  severity: { zh: '级别', en: 'severity' },
  reproducibility: { zh: '复核信息（同样的输入与参数得出同样的报告）', en: 'Reproducibility (the same inputs and parameters give the same report)' },
  parameter: { zh: '参数', en: 'parameter' },
  value: { zh: '取值', en: 'value' },
  ledger: { zh: '台账', en: 'Ledger' },
  file: { zh: '文件', en: 'File' },
  sheet: { zh: '工作表', en: 'sheet' },
  format: { zh: '格式', en: 'format' },
  delimiter: { zh: '分隔符', en: 'delimiter' },
  rowNumbers: { zh: '行号（按 Excel 显示）', en: 'rows (as Excel shows them)' },
  amount: { zh: '金额', en: 'amount' },
  reason: { zh: '原因', en: 'reason' },
  rowAccounting: { zh: '行数核对', en: 'Rows accounted for' },
  skippedRows: { zh: '跳过的行', en: 'Skipped rows' },
  chartFlow: { zh: '资金流向：上级下达 → 拨付 → 落地', en: 'Flow of funds: allocated → disbursed → landed' },
  chartKeys: { zh: '差额最大的 {n} 项：上级下达 → 拨付 → 落地', en: 'The {n} keys with the largest gaps: allocated → disbursed → landed' },
  chartHint: {
    zh: '实心为上级下达 (A)，斜线为拨付 (D)，圆点为落地 (L)；虚线框为上一环节的金额',
    en: 'solid: allocated (A); hatched: disbursed (D); dotted: landed (L); a dashed outline is the stage before',
  },
  stageBefore: { zh: '上一环节金额', en: 'the stage before' },
  noGaps: { zh: '各项均无差额', en: 'No key has a gap' },
  moreKeysFull: { zh: '其余 {n} 项见 JSON 或 XLSX 报告（或用 --top 多列一些）', en: '{n} more keys in the JSON or XLSX report (or list more with --top)' },
  moreFindingsFull: {
    zh: '另有 {n} 条“{rule}”见 JSON 或 XLSX 报告（或用 --top 多列一些）',
    en: '{n} more "{rule}" findings in the JSON or XLSX report (or list more with --top)',
  },
  figure: { zh: '指标', en: 'Figure' },
  figureValue: { zh: '数值', en: 'Value' },
  columnsLeftOut: {
    zh: '终端宽 {width} 列，未列出{columns}列（可由前几列算出；加宽终端或用 -f csv 可见全部）',
    en: 'the terminal is {width} columns wide: {columns} left out (they follow from the columns shown; widen it or use -f csv to see all)',
  },
} satisfies Record<string, Words>;

export type Label = keyof typeof LABELS;

export function label(name: Label, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(LABELS[name][lang], vars);
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ''));
}

/**
 * The XLSX working paper's own words (render-xlsx.ts): its sheet names, headings and column
 * titles. The words it shares with the other reports are in LABELS.
 */
export const PAPER_LABELS = {
  workingPaper: { zh: '问题底稿', en: 'working paper' },
  keys: { zh: '明细', en: 'Keys' },
  findings: { zh: '问题', en: 'Findings' },
  evidence: { zh: '底稿', en: 'Evidence' },
  inputs: { zh: '输入', en: 'Inputs' },
  figures: { zh: '三个数与差距', en: 'The three figures and the gaps' },
  byStatus: { zh: '各状态的项目数', en: 'Keys by status' },
  bySeverity: { zh: '各级别的问题数', en: 'Findings by severity' },
  total: { zh: '合计', en: 'Total' },
  severity: { zh: '级别', en: 'Severity' },
  count: { zh: '数量', en: 'Count' },
  reproduce: { zh: '可复现信息（同样的输入与参数得出同样的报告）', en: 'Reproducibility (the same inputs and parameters give the same report)' },
  schema: { zh: '报告格式', en: 'Report schema' },
  config: { zh: '配置文件', en: 'Config file' },
  none: { zh: '无', en: 'none' },
  parameter: { zh: '参数', en: 'Parameter' },
  value: { zh: '取值', en: 'Value' },
  source: { zh: '来源', en: 'Source' },
  sheet: { zh: '工作表', en: 'Sheet' },
  format: { zh: '格式', en: 'Format' },
  unitSource: { zh: '单位来源', en: 'Unit from' },
  headerRows: { zh: '表头行', en: 'Header rows' },
  hiddenRows: { zh: '隐藏行', en: 'Hidden rows' },
  no: { zh: '序号', en: 'No.' },
  finding: { zh: '问题序号', en: 'Finding' },
  rule: { zh: '规则', en: 'Rule' },
  ruleName: { zh: '问题类型', en: 'Name' },
  ruleNameZh: { zh: '中文名', en: '中文名' },
  amount: { zh: '金额', en: 'Amount' },
  message: { zh: '说明', en: 'Message' },
  row: { zh: '行号', en: 'Row' },
  header: { zh: '表头', en: 'header' },
  reason: { zh: '原因', en: 'Reason' },
  skippedRows: { zh: '跳过的行（每行一条，附原因）', en: 'Skipped rows, each with its reason' },
  accounting: { zh: '行数核对：读取 = 使用 + 跳过', en: 'Rows: read = used + skipped' },
  evidenceNote: {
    zh: '每条问题最多列出 {perFinding} 行来源行，本表最多 {total} 行来源行。行号与 Excel 中显示的一致，单元格为台账中原样的内容；表头行列在最前。',
    en: 'At most {perFinding} source rows per finding and {total} in all. Row numbers are as Excel shows them; cells are as the ledger holds them; the header rows come first.',
  },
  omitted: {
    zh: '本表省略了 {n} 行来源行；JSON 报告（-f json）列出每条问题的全部行号（evidence 与 evidenceOf）。',
    en: '{n} source rows are left out here; the JSON report (-f json) lists every row of every finding (evidence, evidenceOf).',
  },
  moreRows: { zh: '此问题另有 {n} 行未列出，见 JSON 报告', en: '{n} more rows of this finding: see the JSON report' },
  rowMissing: { zh: '（文件中已没有这一行）', en: '(the file has no such row)' },
} satisfies Record<string, Words>;

export type PaperLabel = keyof typeof PAPER_LABELS;

export function paperLabel(name: PaperLabel, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(PAPER_LABELS[name][lang], vars);
}

/** Where a parameter's value came from, in the working paper's reproducibility table. */
export const PARAMETER_SOURCES: Record<string, Words | undefined> = {
  cli: { zh: '命令行', en: 'command line' },
  config: { zh: '配置文件', en: 'config file' },
  default: { zh: '默认值', en: 'default' },
};

/** The words of `fundgap init`'s summary (cli/init-summary.ts says the plan with them). */
export const INIT_LABELS = {
  title: { zh: 'fundgap init：已按三本台账的识别结果生成配置', en: 'fundgap init: a config from what the three ledgers look like' },
  check: { zh: '【请核对】', en: 'CHECK:' },
  list: { zh: '、', en: ', ' },
  sentenceList: { zh: '，', en: ', ' },
  amountChosenOne: {
    zh: '{check}{who}台账有多个可能的金额列，配置中暂取第一个，这是工具替你做的选择，确认无误后再用于比对。',
    en: '{check} the {who} ledger has several possible amount columns; the config takes the first. That is a choice made for you: confirm it before relying on the report.',
  },
  amountChosenMany: {
    zh: '{check}{who}台账有多个可能的金额列，配置中暂取第一个，这是工具替你做的选择，确认无误后再用于比对。',
    en: '{check} the {who} ledgers have several possible amount columns; the config takes the first. That is a choice made for you: confirm it before relying on the report.',
  },
  keyFallback: {
    zh: '{check}比对键改用 {key}：默认的 {tried} 在 {file} 中没有对应的列。请确认按此比对是否合适，否则用 -k 指定后重新运行 init。',
    en: '{check} the join key is {key}: the default, {tried}, has no column in {file}. Make sure this is the right key, or name one with -k and run init again.',
  },
  mismatch: {
    zh: '{check}用写出的配置重新读取时结果不同（{parts}），请先检查配置再比对。',
    en: '{check} reading the ledgers again with the written config gives a different result ({parts}); check the config before reconciling.',
  },
  ledger: { zh: '{role}（{flag}）：{where}', en: '{role} ({flag}): {where}' },
  ledgerSheet: { zh: '{path}  工作表“{sheet}”', en: '{path}, sheet "{sheet}"' },
  column: { zh: '“{header}”（{ref}）', en: '"{header}" ({ref})' },
  columnRefCsv: { zh: '第 {ref} 列', en: 'column {ref}' },
  columnRef: { zh: '{ref} 列', en: 'column {ref}' },
  candidates: {
    zh: '  {check}金额列有 {n} 个候选：{list}；已取第一个{taken}写入配置。',
    en: '  {check} {n} columns could be the amount: {list}; the first, {taken}, was written to the config.',
  },
  otherCandidate: {
    zh: '    若应为其他列，请修改配置中的 {path}，并同时核对 ledgers.{role}.unit（配置中的单位优先于表头注明的单位）。',
    en: "    If it should be another, change {path} in the config, and check ledgers.{role}.unit too (the config's unit wins over a unit in the header).",
  },
  candidateUnit: { zh: '    例如改用{column}时，unit 应改为 {unit}。', en: '    For example, with {column} the unit should become {unit}.' },
  headerRow: { zh: '  表头：第 {rows} 行', en: '  header: row {rows}' },
  headerRows: { zh: '  表头：第 {rows} 行', en: '  header: rows {rows}' },
  key: { zh: '  比对字段：{columns}', en: '  key: {columns}' },
  amount: { zh: '  金额列：{column}', en: '  amount: {column}' },
  amountWasChosen: { zh: '  ← 从多个候选中选取，请核对', en: '  <- chosen among several, check it' },
  unitFromOption: { zh: '--unit 指定', en: 'set with --unit' },
  unitComparedWith: { zh: '，对照{roles}', en: ', compared with {roles}' },
  unit: { zh: '  单位：{unit}', en: '  unit: {unit}' },
  unitUnstated: { zh: '  ← 表中未注明单位，请核对', en: '  <- the sheet does not state it, check it' },
  unitInCells: { zh: '  （各单元格自带单位，配置不写单位）', en: '  (each cell states its unit; none is written to the config)' },
  encoding: { zh: '  编码：{encoding}', en: '  encoding: {encoding}' },
  encodingWritten: { zh: '已写入配置', en: 'written to the config' },
  columns: { zh: '  列映射：{mapping}', en: '  columns: {mapping}' },
  note: { zh: '  识别说明：{note}', en: '  note: {note}' },
  joinKey: { zh: '比对键：{key}', en: 'join key: {key}' },
  joinKeyGiven: { zh: '（-k 指定）', en: ' (from -k)' },
  joinKeyFallback: { zh: '（默认的 {tried} 无对应列，改用此键）', en: ' (the default, {tried}, has no column)' },
  joinKeyDefault: { zh: '（默认）', en: ' (the default)' },
  written: { zh: '已写出配置：{out}', en: 'config written: {out}' },
  writtenWhat: {
    zh: '  每本台账的工作表、表头行、各列表头、单位和（非 UTF-8 时的）编码都已写明，可直接修改。',
    en: "  It names each ledger's sheet, header row, the header of every mapped column, the unit and any non-UTF-8 encoding; edit it as needed.",
  },
  next: { zh: '下一步：', en: 'next:' },
} satisfies Record<string, Words>;

export function initLabel(name: keyof typeof INIT_LABELS, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(INIT_LABELS[name][lang], vars);
}

/**
 * What the inputs section says about a ledger's columns beyond the mapping: hidden columns,
 * and columns that look like ID numbers but are not the one checked, with the config line
 * that would check one of them.
 */
export function columnWarnings(
  i: { columns: { ref: string; header: string }[]; hiddenColumns: string[]; unmappedIdColumns: string[]; role: EvidenceRole },
  lang: Lang,
): string[] {
  const named = (ref: string) => `${ref} ${i.columns.find((c) => c.ref === ref)?.header ?? ''}`.trim();
  const sep = lang === 'zh' ? '，' : ', ';
  const colon = lang === 'zh' ? '：' : ': ';
  const out: string[] = [];
  if (i.hiddenColumns.length) out.push(`${label('hiddenColumns', lang)}${colon}${i.hiddenColumns.map(named).join(sep)}`);
  if (i.unmappedIdColumns.length) {
    const first = i.columns.find((c) => c.ref === i.unmappedIdColumns[0])?.header ?? '';
    const snippet = `"ledgers.${i.role}": { "columns": { "idNumber": ${JSON.stringify(first)} } }`;
    out.push(`${label('unmappedIds', lang)}${colon}${i.unmappedIdColumns.map(named).join(sep)}${paren(label('unmappedIdsHint', lang, { snippet }), lang)}`);
  }
  return out;
}

/** Parenthesised in the language's own style: （…） or (…). */
export function paren(s: string, lang: Lang): string {
  return lang === 'zh' ? `（${s}）` : ` (${s})`;
}

/** "第 26–28 行" / "rows 26–28": consecutive rows shown as ranges. */
export function rowRanges(rows: readonly number[], lang: Lang, limit = 12): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, limit).join(lang === 'zh' ? '、' : ', ');
  const cut = ranges.length > limit;
  if (lang === 'zh') return cut ? `第 ${shown} 等行（共 ${sorted.length} 行）` : `第 ${shown} 行`;
  return `${sorted.length === 1 ? 'row' : 'rows'} ${shown}${cut ? ` … (${sorted.length} rows)` : ''}`;
}

function suggest(s: NearMiss | undefined, lang: Lang): string {
  if (!s) return '';
  if (s.unseen) {
    return lang === 'zh'
      ? `；与“${s.key}”看起来相同，但其中有肉眼看不出的字符不同：“${s.unseen.mine}”与“${s.unseen.theirs}”`
      : `; it looks the same as "${s.key}" but differs in characters a person cannot see: "${s.unseen.mine}" vs "${s.unseen.theirs}"`;
  }
  return lang === 'zh' ? `；是否应为“${s.key}”（相似度 ${s.similarity}）？` : `; did you mean "${s.key}" (similarity ${s.similarity})?`;
}

function who(payee: string | undefined, id: string | undefined, lang: Lang): string {
  if (lang === 'zh') return `${payee ?? '收款人'}${id ? `（身份证号 ${id}）` : ''}`;
  return `${payee ?? 'the payee'}${id ? ` (ID ${id})` : ''}`;
}

/** `甲镇（第 3 行，100.00 元）、乙镇（第 7 行，50.00 元）` — the first few rows of a decision. */
function listRows(rows: ExcludedDetail['rows'], lang: Lang, limit = 8): string {
  const zh = lang === 'zh';
  const shown = rows.slice(0, limit).map((r) =>
    zh ? `${r.label || '（无名称）'}（第 ${r.row} 行，${formatGrouped(r.amount)} 元）` : `${r.label || '(no name)'} (row ${r.row}, ${formatGrouped(r.amount)})`,
  );
  const more = rows.length > limit ? (zh ? `等 ${rows.length} 行` : ` and ${rows.length - limit} more`) : '';
  return zh ? `${shown.join('、')}${more}` : `${shown.join(', ')}${more}`;
}

/** Nested headings repeat each other's money, so only breakdowns and payments state a total. */
function excludedMessage(d: ExcludedDetail, total: Money, lang: Lang): string {
  const zh = lang === 'zh';
  const ledger = ROLE_NAMES[d.role][lang];
  const n = d.rows.length;
  const list = listRows(d.rows, lang);
  switch (d.rule) {
    case 'heading-rows':
      return zh
        ? `${ledger}台账中 ${n} 行按分类标题处理、未计入合计（标题金额应等于其下各行之和，已逐一核对）：${list}`
        : `${n} ${n === 1 ? 'row' : 'rows'} of the ${ledger} ledger ${n === 1 ? 'is' : 'are'} read as ${n === 1 ? 'a heading' : 'headings'} and not counted (a heading's amount should be the sum of the rows under it; each is checked): ${list}`;
    case 'breakdown-rows':
      return zh
        ? `${ledger}台账中 ${n} 行是上一行的“其中”分项，未再计入（共 ${formatGrouped(total)} 元）：${list}`
        : `${n} ${n === 1 ? 'row' : 'rows'} of the ${ledger} ledger break down the row above ("其中") and are not counted again (${formatGrouped(total)} in all): ${list}`;
    case 'rows-after-end':
      return zh
        ? `${ledger}台账中 ${n} 行在配置所写的表格末行（"lastRow"）之下，其中的金额未计入（共 ${formatGrouped(total)} 元）：${list}`
        : `${n} ${n === 1 ? 'row' : 'rows'} of the ${ledger} ledger below the last row the config sets ("lastRow") hold money that is not counted (${formatGrouped(total)} in all): ${list}`;
    case 'payment-failed': {
      const why = d.detail ? (zh ? `（银行注明：${d.detail}）` : ` (the bank says: "${d.detail}")`) : '';
      const counted = d.role === 'landed' ? (zh ? '实际落地' : 'landed') : zh ? `${ledger}金额` : `${ledger}`;
      return zh
        ? `${ledger}台账中 ${n} 笔发放未成功${why}，未计入${counted}（共 ${formatGrouped(total)} 元），请核实退回资金的去向：${list}`
        : `${n} ${n === 1 ? 'payment' : 'payments'} in the ${ledger} ledger did not go through${why} and ${n === 1 ? 'is' : 'are'} not counted as ${counted} (${formatGrouped(total)} in all); check where the returned money went: ${list}`;
    }
  }
}

function roundedMessage(d: RoundedLedgerDetail | RoundedKeyDetail, key: string | null, lang: Lang): string {
  const zh = lang === 'zh';
  const m = formatGrouped;
  if (d.scope === 'key') {
    const stages = d.notes.map((n) => {
      const pair = n.stage === 'A-D' ? (zh ? '上级下达与拨付' : 'allocated and disbursed') : zh ? '拨付与落地' : 'disbursed and landed';
      return zh ? `${pair}相差 ${m((absMoney(n.difference)))} 元（不超过四舍五入可能造成的 ${exactText(n.allowance)} 元）` : `${pair} differ by ${m((absMoney(n.difference)))} (within the ${exactText(n.allowance)} rounding can explain)`;
    });
    return zh
      ? `“${key}”${stages.join('，')}，系金额四舍五入到分所致，未列为问题`
      : `"${key}": ${stages.join('; ')}: rounding to the fen, not reported as a gap`;
  }
  const ledger = ROLE_NAMES[d.role][lang];
  const n = d.rows.length;
  const shown = d.rows
    .slice(0, 6)
    .map((r) => (zh ? `第 ${r.row} 行 ${exactText(r.written)} → ${m(r.amount)}` : `row ${r.row} ${exactText(r.written)} → ${m(r.amount)}`))
    .join(zh ? '、' : ', ');
  const more = n > 6 ? (zh ? ` 等 ${n} 行` : ` and ${n - 6} more`) : '';
  const footing = d.footing.map((f) =>
    zh
      ? `第 ${f.row} 行“${f.label}”与明细相差 ${m((absMoney(f.stated - f.computed)))} 元，不超过四舍五入可能造成的 ${exactText(f.allowance)} 元，视为相符`
      : `"${f.label}" on row ${f.row} differs from its rows by ${m((absMoney(f.stated - f.computed)))}, within the ${exactText(f.allowance)} rounding can explain, so it is taken to foot`,
  );
  const adj = exactText(d.adjustment);
  const head = zh
    ? `${ledger}台账中 ${n} 个金额超出分位，已四舍五入到分（${shown}${more}），合计调整 ${adj} 元`
    : `${n} ${n === 1 ? 'amount' : 'amounts'} in the ${ledger} ledger had digits past the fen and were rounded half-up to it (${shown}${more}), ${adj} in all`;
  return footing.length ? `${head}${zh ? '；' : '; '}${footing.join(zh ? '；' : '; ')}` : head;
}

function roleList(roles: readonly Role[], lang: Lang): string {
  return roles.map((r) => ROLE_NAMES[r][lang]).join(lang === 'zh' ? '、' : ' and ');
}

/** The exact flag and config that settle a ledger's unit, for messages that leave it in doubt. */
function settleUnit(role: Role, unit: '元' | '万元', lang: Lang): string {
  const snippet = `"ledgers": { "${role}": { "unit": "${unit}" } }`;
  return lang === 'zh' ? `加 --unit ${role}=${unit}，或在配置中写 ${snippet}` : `pass --unit ${role}=${unit}, or write ${snippet} in the config`;
}

function unitMessage(d: UnitCheck, lang: Lang): string {
  const zh = lang === 'zh';
  const ledger = ROLE_NAMES[d.role][lang];
  const others = roleList(d.comparedWith, lang);
  const pct = exactText(AGREE_PERCENT).replace(/\.0+$/, '');
  if (d.verdict === 'inferred') {
    return zh
      ? `${ledger}台账未注明金额单位，已按万元读取：合计 ${formatGrouped(d.asWan)} 元，与${others}台账的合计相差不超过 ${pct}%，双方共有的 ${d.keysShared} 项中有 ${d.keysAgreeing} 项金额一致（相差不超过 ${pct}%）；若按元读取，合计只有 ${formatGrouped(d.asYuan)} 元。如单位不是万元，请${settleUnit(d.role, '元', lang)}`
      : `the ${ledger} ledger states no unit and was read in 万元: ${formatGrouped(d.asWan)} in all, within ${pct}% of the ${others} ledger's total, and ${d.keysAgreeing} of the ${d.keysShared} keys they share agree within ${pct}%; read in 元 it would total ${formatGrouped(d.asYuan)}. If its unit is not 万元, ${settleUnit(d.role, '元', lang)}`;
  }
  const why = d.keptBecause === 'pays-people'
    ? zh ? '它的各行是付给个人的款项（有身份证号或银行账号列），按元计' : 'its rows are payments to people (it has an ID number or bank account column), so it is read in 元'
    : zh ? `按万元读取（${formatGrouped(d.asWan)} 元）又与注明了单位的台账对不上，因此仍按元计` : `read in 万元 (${formatGrouped(d.asWan)}) it agrees with no ledger that states its unit either, so it is read in 元`;
  return zh
    ? `${ledger}台账未注明金额单位，按元读取合计 ${formatGrouped(d.asYuan)} 元，与${others}台账相差一千倍以上；${why}。如它的单位是万元，请${settleUnit(d.role, '万元', lang)}`
    : `the ${ledger} ledger states no unit; read in 元 it totals ${formatGrouped(d.asYuan)}, a thousand times or more from the ${others} ledger; ${why}. If its unit is 万元, ${settleUnit(d.role, '万元', lang)}`;
}

type Details<R extends FindingDetails['rule']> = Extract<FindingDetails, { rule: R }>;

/** What a key's status says in figures: the gap between its ledgers. */
function gapMessage(d: Details<'retained' | 'over-disbursed' | 'not-landed' | 'over-landed' | 'idle' | 'unallocated'>, lang: Lang): string {
  const m = formatGrouped;
  const zh = lang === 'zh';
  switch (d.rule) {
    case 'retained':
      return zh
        ? `上级下达 ${m(d.allocated)} 元，仅拨付 ${m(d.disbursed)} 元，${m((d.allocated - d.disbursed))} 元滞留在被巡察单位`
        : `${m(d.allocated)} allocated but only ${m(d.disbursed)} disbursed: ${m((d.allocated - d.disbursed))} retained by the unit`;
    case 'over-disbursed':
      return zh
        ? `上级下达 ${m(d.allocated)} 元，却拨付 ${m(d.disbursed)} 元，超拨 ${m((d.disbursed - d.allocated))} 元`
        : `${m(d.disbursed)} disbursed against ${m(d.allocated)} allocated: ${m((d.disbursed - d.allocated))} over-disbursed`;
    case 'not-landed':
      return zh
        ? `已拨付 ${m(d.disbursed)} 元，实际落地 ${m(d.landed)} 元，${m((d.disbursed - d.landed))} 元未落地`
        : `${m(d.disbursed)} disbursed but ${m(d.landed)} landed: ${m((d.disbursed - d.landed))} did not reach the ground`;
    case 'over-landed':
      return zh
        ? `已拨付 ${m(d.disbursed)} 元，落地记录却有 ${m(d.landed)} 元，多出 ${m((d.landed - d.disbursed))} 元`
        : `${m(d.disbursed)} disbursed but ${m(d.landed)} recorded as landed: ${m((d.landed - d.disbursed))} more than was paid`;
    case 'idle':
      return zh
        ? `上级下达 ${m(d.allocated)} 元，没有任何拨付或落地记录，资金闲置${suggest(d.suggestion, lang)}`
        : `${m(d.allocated)} allocated with no disbursement or landed record: the funds are idle${suggest(d.suggestion, lang)}`;
    case 'unallocated':
      return zh
        ? `没有上级下达记录，却拨付 ${m(d.disbursed)} 元、落地 ${m(d.landed)} 元，支出无依据${suggest(d.suggestion, lang)}`
        : `no allocation, yet ${m(d.disbursed)} disbursed and ${m(d.landed)} landed: spending with nothing behind it${suggest(d.suggestion, lang)}`;
  }
}

function breakdownMismatchMessage(d: Details<'breakdown-mismatch'>, lang: Lang): string {
  const m = formatGrouped;
  const zh = lang === 'zh';
  const ledger = ROLE_NAMES[d.role][lang];
  const diff = (d.amount - d.sum);
  const parts = listRows(d.parts, lang);
  const next =
    d.next === undefined
      ? ''
      : zh
        ? `；其后第 ${d.next.row} 行“${d.next.label}”${m(d.next.amount)} 元按单独一行计入，如它其实是分项，请核实`
        : `; the row after them, row ${d.next.row} "${d.next.label}" (${m(d.next.amount)}), is counted as a row of its own: check whether it is a missing part`;
  return zh
    ? `${ledger}台账第 ${d.row} 行“${d.label}”为 ${m(d.amount)} 元，其“其中”分项合计 ${m(d.sum)} 元，相差 ${m(diff)} 元（${parts}）${next}`
    : `the ${ledger} ledger's "${d.label}" on row ${d.row} is ${m(d.amount)}, but its breakdown ("其中") adds up to ${m(d.sum)}: ${m(diff)} apart (${parts})${next}`;
}

function footingMessage(d: Details<'footing-mismatch'>, lang: Lang): string {
  const m = formatGrouped;
  const zh = lang === 'zh';
  const span = d.count === 0 ? '' : zh ? `（第 ${d.first}–${d.last} 行，${d.count} 行）` : ` (rows ${d.first}–${d.last}, ${d.count} rows)`;
  return zh
    ? `${ROLE_NAMES[d.role].zh}台账第 ${d.row} 行“${d.label}”为 ${m(d.stated)} 元，所列明细${span}合计 ${m(d.computed)} 元，相差 ${m((d.stated - d.computed))} 元`
    : `the ${ROLE_NAMES[d.role].en} ledger's "${d.label}" on row ${d.row} says ${m(d.stated)}, its rows${span} add up to ${m(d.computed)}: ${m((d.stated - d.computed))} apart`;
}

function duplicateMessage(d: Details<'duplicate-payment'>, lang: Lang): string {
  const m = formatGrouped;
  const zh = lang === 'zh';
  const n = d.dates.length;
  const dates = [...new Set(d.dates)].join(zh ? '、' : ', ');
  const window = d.windowDays > 0 ? (zh ? `，相隔不超过 ${d.windowDays} 天` : `, within ${d.windowDays} days`) : '';
  const forWhom = d.beneficiary && d.beneficiary !== d.payee ? (zh ? `为${d.beneficiary}` : ` for ${d.beneficiary}`) : '';
  // One ID paid under several names is how 冒领 shows: every name is listed.
  const several = d.names.length > 1
    ? zh
      ? `；同一身份证号下有 ${d.names.length} 个姓名：${d.names.join('、')}，请核实是否冒领`
      : `; this ID number was paid under ${d.names.length} names: ${d.names.join(', ')} — check for 冒领 (claims under another's name)`
    : '';
  return zh
    ? `${who(d.payee, d.idNumber, lang)}在${ROLE_NAMES[d.role].zh}台账中${forWhom} ${n} 次领取同一金额 ${m(d.amount)} 元（${dates}${window}），多付 ${m((d.amount * BigInt(n - 1)))} 元${several}`
    : `${who(d.payee, d.idNumber, lang)} was paid ${m(d.amount)}${forWhom} ${n} times in the ${ROLE_NAMES[d.role].en} ledger (${dates}${window}): ${m((d.amount * BigInt(n - 1)))} paid more than once${several}`;
}

function ledgersSwappedMessage(d: Details<'ledgers-swapped'>, lang: Lang): string {
  const zh = lang === 'zh';
  const flag = d.role === 'allocated' ? '-a' : '-d';
  // XLSX columns are letters (C 列); CSV columns are numbers (第 3 列).
  const col = /^\d+$/.test(d.column) ? `第 ${d.column} 列` : `${d.column} 列`;
  return zh
    ? `${ROLE_NAMES[d.role].zh}台账（${flag}）的金额列“${d.header}”（${col}）像是${d.readsAs === 'disbursed' ? '拨付记录' : '资金下达文件'}的表头：-a 与 -d 可能放反了。请核对 -a 是否为上级的资金下达（指标、分配）文件，-d 是否为被巡察单位的拨付记录；放反时“滞留”与“超拨”会互换`
    : `the ${ROLE_NAMES[d.role].en} ledger's (${flag}) amount column "${d.header}" (column ${d.column}) is headed like ${d.readsAs === 'disbursed' ? 'a disbursement record' : 'an allocation notice'}: -a and -d may be swapped. Check that -a is the higher level's allocation (指标, 分配) and -d the unit's payments; swapped, retained and over-disbursed trade places`;
}

/** What a finding about rows or a key's name says: the ID, the payee, the words, the dates. */
function rowFindingMessage(
  d: Details<'invalid-id-number' | 'payee-not-on-roster' | 'amount-words-mismatch' | 'late-disbursement' | 'key-merged'>,
  amount: Money | null,
  lang: Lang,
  rosterFile: string | undefined,
): string {
  const m = formatGrouped;
  const zh = lang === 'zh';
  switch (d.rule) {
    case 'invalid-id-number':
      return zh
        ? `${d.payee ?? '收款人'}的身份证号 ${d.idNumber} ${ID_PROBLEMS[d.problem].zh}，涉及${ROLE_NAMES[d.role].zh}金额 ${m(amount!)} 元`
        : `${d.payee ?? 'the payee'}'s ID number ${d.idNumber} ${ID_PROBLEMS[d.problem].en}; ${m(amount!)} ${ROLE_NAMES[d.role].en} to it`;
    case 'payee-not-on-roster': {
      const list = rosterFile ?? (zh ? '名单' : 'the roster');
      return zh
        ? `${who(d.payee, d.idNumber, lang)}领取 ${m(amount!)} 元，但不在 ${list} 中`
        : `${who(d.payee, d.idNumber, lang)} received ${m(amount!)} but is not on ${list}`;
    }
    case 'amount-words-mismatch':
      if (d.wordsValue === null) {
        return zh
          ? `大写金额“${d.words}”无法识别，小写为 ${m(d.amount)} 元`
          : `the amount in words "${d.words}" cannot be read; the figures say ${m(d.amount)}`;
      }
      return zh
        ? `大写“${d.words}”为 ${m(d.wordsValue)} 元，小写为 ${m(d.amount)} 元，相差 ${m((absMoney(d.amount - d.wordsValue)))} 元`
        : `the words "${d.words}" say ${m(d.wordsValue)} but the figures say ${m(d.amount)}: ${m((absMoney(d.amount - d.wordsValue)))} apart`;
    case 'late-disbursement':
      return zh
        ? `${d.allocationDate} 下达，${d.disbursementDate} 才拨付 ${m(amount!)} 元，相隔 ${d.days} 天（超过 ${d.lateDays} 天）`
        : `allocated on ${d.allocationDate}, ${m(amount!)} disbursed only on ${d.disbursementDate}: ${d.days} days later (more than ${d.lateDays})`;
    case 'key-merged':
      return zh
        ? `“${d.from}”与“${d.into}”相似度 ${d.similarity}，已按 --merge-similar 合并计算`
        : `"${d.from}" was merged into "${d.into}" (similarity ${d.similarity}) as --merge-similar asked`;
  }
}

export function findingMessage(f: Finding, lang: Lang, rosterFile?: string): string {
  const d = f.details;
  switch (d.rule) {
    case 'heading-rows':
    case 'breakdown-rows':
    case 'payment-failed':
    case 'rows-after-end':
      return excludedMessage(d, f.amount!, lang);
    case 'breakdown-mismatch':
      return breakdownMismatchMessage(d, lang);
    case 'amount-rounded':
      return roundedMessage(d, f.key, lang);
    case 'unit-inferred':
    case 'units-far-apart':
      return unitMessage(d, lang);
    case 'retained':
    case 'over-disbursed':
    case 'not-landed':
    case 'over-landed':
    case 'idle':
    case 'unallocated':
      return gapMessage(d, lang);
    case 'footing-mismatch':
      return footingMessage(d, lang);
    case 'duplicate-payment':
      return duplicateMessage(d, lang);
    case 'ledgers-swapped':
      return ledgersSwappedMessage(d, lang);
    case 'invalid-id-number':
    case 'payee-not-on-roster':
    case 'amount-words-mismatch':
    case 'late-disbursement':
    case 'key-merged':
      return rowFindingMessage(d, f.amount, lang, rosterFile);
  }
}

/** The fields as the reader's notes name them. */
export const FIELD_NAMES: Record<Field, Words> = {
  project: { zh: '项目', en: 'project' },
  amount: { zh: '金额', en: 'amount' },
  date: { zh: '日期', en: 'date' },
  payee: { zh: '收款人', en: 'payee' },
  idNumber: { zh: '身份证号', en: 'idNumber' },
  bankAccount: { zh: '银行账号', en: 'bankAccount' },
  region: { zh: '地区', en: 'region' },
  fundSource: { zh: '资金来源', en: 'fundSource' },
  amountInWords: { zh: '大写金额', en: 'amountInWords' },
  voucher: { zh: '凭证号', en: 'voucher' },
  beneficiary: { zh: '受益人', en: 'beneficiary' },
  status: { zh: '发放状态', en: 'status' },
  failureReason: { zh: '失败原因', en: 'failureReason' },
};

/** A choice the reader made between candidate columns, in the report's language. */
export function layoutNote(n: LayoutNote, lang: Lang): string {
  const zh = lang === 'zh';
  switch (n.kind) {
    case 'group-total':
      return zh
        ? `金额：“${n.total}”是 ${n.parts.map((p) => `“${p}”`).join('、')} 的合计，这些分项不再重复相加`
        : `amount: ${n.total} is the total of ${n.parts.join(', ')}, which are not added again`;
    case 'rivals': {
      const f = FIELD_NAMES[n.field];
      return zh
        ? `${f.zh}：${n.columns.map((c) => `“${c}”`).join('、')}都可能是${f.zh}列，配置中未指明时一列也不用`
        : `${n.field}: ${n.columns.join(', ')} could each be the ${n.field}; none is used unless the config names one`;
    }
    case 'chosen':
      return zh
        ? `${FIELD_NAMES[n.field].zh}：用“${n.used}”，不用 ${n.passed.map((p) => `“${p}”`).join('、')}`
        : `${n.field}: ${n.used} is used, not ${n.passed.join(', ')}`;
  }
}
