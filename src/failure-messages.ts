// Every word a failure prints, in Chinese (the default) and English: the one place a Failure's
// data (src/failures.ts) becomes a message and a hint, as messages.ts is for findings. The
// catalogue below gives each code's meaning and fix; the README's table of codes is made from it.
// Imports stay on the ground floor: errors.ts reads its words from here.

import { join } from 'node:path';
import type { Bilingual } from './domain.js';
import type { CandidateColumn, ColumnRef, ConfigProblem, Failure, FailureCode, FailureOf, OptionExpectation } from './failures.js';

const t = (zh: string, en: string): Bilingual => ({ zh, en });
const NONE = t('', '');

/** Messages quote at most this much of the offending text. */
export const QUOTE_CHARS = 60;

/** The offending text as a message shows it: JSON-quoted, cut to QUOTE_CHARS with … */
export function quoted(text: string): string {
  return JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);
}

export interface FailureWords {
  message: Bilingual;
  hint: Bilingual | undefined;
}

/** What each code means and how to get past it: the README's table, in both languages. */
export const FAILURE_CATALOGUE: Record<FailureCode, { meaning: Bilingual; fix: Bilingual }> = {
  USAGE: { meaning: t('命令行选项有误或互相矛盾', 'a command-line option is wrong or contradicts another'), fix: t('按提示改正选项', 'correct the option as the message says') },
  FILE_NOT_FOUND: { meaning: t('找不到文件', 'a file is not there'), fix: t('检查路径', 'check the path') },
  FILE_UNREADABLE: { meaning: t('文件无法读取（权限、设备）', 'a file cannot be read (permissions, a device)'), fix: t('检查文件权限，或另拷一份', 'check its permissions, or copy it again') },
  FILE_EMPTY: { meaning: t('文件是空的（0 字节）', 'a file of zero bytes'), fix: t('重新拷贝或导出', 'copy or export it again') },
  FILE_IS_DIRECTORY: { meaning: t('给的是文件夹而不是台账文件', 'a folder where a ledger file was expected'), fix: t('传入文件夹里的台账文件', 'pass a ledger file inside it') },
  FORMAT_UNKNOWN: { meaning: t('无法识别的文件格式', 'bytes in no format fundgap knows'), fix: t('导出为 .xlsx 或 CSV', 'export the table as .xlsx or CSV') },
  FORMAT_UNSUPPORTED: { meaning: t('不读取的表格格式（.xls、.et、.xlsb、.ods、.mht）', 'a spreadsheet format not read (.xls, .et, .xlsb, .ods, .mht)'), fix: t('另存为 .xlsx', 'save it as .xlsx') },
  FORMAT_ENCRYPTED: { meaning: t('工作簿设了打开密码', 'a password-protected workbook'), fix: t('去掉密码后保存', 'remove the password and save') },
  FORMAT_NOT_SPREADSHEET: { meaning: t('不是表格（PDF、Word、图片）', 'not a table (PDF, Word, a picture)'), fix: t('从原系统导出表格', 'export the table from where it came from') },
  FORMAT_ARCHIVE: { meaning: t('压缩包（ZIP、RAR、7z）', 'an archive (ZIP, RAR, 7z)'), fix: t('解压后传入里面的台账', 'unpack it and pass the ledger inside') },
  FORMAT_LOCK_FILE: { meaning: t('Excel/WPS 的 ~$ 锁定文件', 'the ~$ lock file Excel or WPS keeps'), fix: t('传入工作簿本身', 'pass the workbook itself') },
  ENCODING_INVALID: { meaning: t('文字编码不对，读出来是乱码', 'text not valid in the file\'s encoding'), fix: t('用 --encoding 指明编码', 'name the encoding with --encoding') },
  CSV_MALFORMED: { meaning: t('CSV 无法解析（如引号没有结束）', 'a CSV that cannot be parsed (an unclosed quote, say)'), fix: t('改正所指的行', 'correct the line named') },
  CSV_ROW_WIDTH: { meaning: t('一行的单元格数与表头不符', 'a line with more or fewer cells than the header'), fix: t('给含逗号的单元格加引号', 'quote the field holding a comma') },
  CSV_RECORD_TOO_LARGE: { meaning: t('一条 CSV 记录超过上限（16 MB 或 16,384 格）', 'a CSV record past the limit (16 MB or 16,384 cells)'), fix: t('检查文件是否损坏，或重新导出', 'check the file is not damaged, or export it again') },
  CELL_TOO_LONG: { meaning: t('单元格超过 Excel 的 32,767 个字符', 'a cell longer than Excel\'s 32,767 characters'), fix: t('检查导出设置或引号', 'check the export, or a stray quote') },
  XLSX_MALFORMED: { meaning: t('.xlsx 文件已损坏', 'a damaged .xlsx file'), fix: t('用 Excel 或 WPS 重新保存', 'save it again in Excel or WPS') },
  XML_MALFORMED: { meaning: t('Excel 2003 XML 文件格式有误', 'Excel 2003 XML that is not well-formed'), fix: t('另存为 .xlsx', 'save it as .xlsx') },
  TABLE_TOO_LARGE: { meaning: t('表格超出 Excel 的大小（行、列、合并）', 'a table past the size Excel has (rows, columns, merges)'), fix: t('重新导出', 'export it again') },
  XLSX_PART_TOO_LARGE: { meaning: t('.xlsx 的内部文件解压后超过上限', 'a part of the .xlsx that inflates past the limit'), fix: t('另存一份，或拆成几个文件', 'save a copy, or split the workbook') },
  SHEET_NOT_FOUND: { meaning: t('找不到指定的工作表或网页表格', 'no sheet or web-page table of that name'), fix: t('在文件名后写 #工作表名', 'name one after the file: file.xlsx#Sheet') },
  SHEET_NO_HEADER: { meaning: t('找不到表头行', 'no header row found'), fix: t('在配置中写 headerRow 或 columns', 'set headerRow or columns in the config') },
  COLUMN_NOT_FOUND: { meaning: t('找不到需要的列（金额、配置指定的列）', 'a column needed is not in the header (the amount, one the config names)'), fix: t('在配置中写明列名', 'name the column in the config') },
  COLUMN_AMBIGUOUS: { meaning: t('有几列都可能是所需的列', 'several columns could be the one needed'), fix: t('在配置中写明用哪一列', 'name the one in the config') },
  KEY_MISSING: { meaning: t('有金额的行缺少比对键，或找不到比对键列', 'a row with money has no key, or the key column is not found'), fix: t('补上比对键，或用 -k 指定列', 'fill the key in, or name the column with -k') },
  AMOUNT_INVALID: { meaning: t('不是有效的金额', 'a cell that is not an amount'), fix: t('改正这一格', 'correct the cell') },
  AMOUNT_TOO_LONG: { meaning: t('金额的有效数字超过上限（20 位）', 'an amount with more significant digits than the limit (20)'), fix: t('改正这一格', 'correct the cell') },
  ROWS_TOO_MANY: { meaning: t('一张表的行数超过上限（默认 5000 万）', 'a sheet with more rows than the limit (50 million by default)'), fix: t('用 --max-rows 调高上限', 'raise it with --max-rows') },
  DATE_INVALID: { meaning: t('不是有效的日期', 'a cell that is not a date'), fix: t('改正这一格，或设为日期格式', 'correct the cell, or format the column as dates') },
  CELL_ERROR: { meaning: t('单元格是 Excel 错误值（#N/A 等）', 'a cell holding an Excel error (#N/A, say)'), fix: t('改正公式后保存', 'fix the formula and save') },
  CELL_NO_RESULT: { meaning: t('公式没有保存计算结果', 'a formula with no saved result'), fix: t('用 Excel 或 WPS 打开后保存', 'open and save it in Excel or WPS') },
  UNIT_CONFLICT: { meaning: t('配置或各列所写的金额单位互相矛盾', 'the units the config and the columns state disagree'), fix: t('去掉其中错的一个', 'drop the wrong one') },
  UNIT_MIXED: { meaning: t('同一列金额有的写万元、有的没写单位', 'a column with 万元 on some amounts and no unit on others'), fix: t('写明单位', 'state the unit') },
  HEADING_AMBIGUOUS: { meaning: t('无法确定某一行是否为分类标题行', 'a row that may or may not be a category heading'), fix: t('在配置中写 headings', 'set headings in the config') },
  ROWS_AFTER_END: { meaning: t('表尾签署行之下还有金额', 'money below the sign-off lines'), fix: t('在配置中写 lastRow', 'set lastRow in the config') },
  STATUS_UNKNOWN: { meaning: t('无法识别的发放状态', 'a payment status fundgap does not know'), fix: t('在配置中写 status 的取值', 'list the value under status in the config') },
  CONFIG_INVALID: { meaning: t('配置文件有误', 'a config file that is not valid'), fix: t('按提示改正字段', 'correct the field named') },
  REPORT_INVALID: { meaning: t('给 verify 的文件不是它能读的 fundgap 报告', 'a file given to verify that is not a fundgap report it reads'), fix: t('重新生成报告', 'produce the report again') },
  OUTPUT_FAILED: { meaning: t('报告无法写出', 'the report cannot be written'), fix: t('检查 -o 的位置', 'check the place -o names') },
  INPUT_CHANGED: { meaning: t('写报告期间输入文件被修改', 'an input changed while the report was written'), fix: t('重新运行', 'run again') },
  ENGINE_UNAVAILABLE: { meaning: t('没有安装 DuckDB（@duckdb/node-api）', 'DuckDB (@duckdb/node-api) is not installed'), fix: t('npm install @duckdb/node-api', 'npm install @duckdb/node-api') },
  RESULTS_INVALID: { meaning: t('规范化数据或结果表不是 fundgap 写出的样子', 'normalised rows or result tables not as fundgap writes them'), fix: t('重新运行 normalise 或 SQL', 'run normalise or the SQL again') },
};

/** The line under a list of row problems cut at --max-errors. */
export function moreFailures(more: number): Bilingual {
  return t(
    `另有 ${more} 处问题未列出（--max-errors 设定列出多少处）`,
    `and ${more} more ${more === 1 ? 'problem' : 'problems'} not listed (--max-errors sets how many are listed)`,
  );
}

/** The message and hint of a failure, in both languages. */
export function describeFailure(f: Failure): FailureWords {
  const [message, hint] = words(f);
  return { message, hint };
}

type Words = [Bilingual, Bilingual?];

function words(f: Failure): Words {
  return (WORDS[f.code] as (f: Failure) => Words)(f);
}

/** Each code's message and hint, from the failure's data. */
const WORDS: { [C in FailureCode]: (f: FailureOf<C>) => Words } = {
  USAGE: usage,
  FILE_NOT_FOUND: (f) => {
    if (f.named !== undefined) return namedFileMissing(f.named);
    return f.what === 'config' ? [t('无法读取配置文件', 'cannot read the config file')] : [t('找不到这个文件', 'no such file')];
  },
  FILE_UNREADABLE: (f) => {
    return f.errno === undefined
      ? [t('这不是一个文件', 'this is not a file'), EXPORT_TABLE]
      : [t(`无法读取这个文件（${f.errno}）`, `cannot read this file (${f.errno})`)];
  },
  FILE_EMPTY: () => {
    return [t('文件是空的（0 字节）', 'the file is empty (0 bytes)'), t(
      '文件可能没有保存完或没有拷贝完整，请从原来的地方重新拷贝或导出一份。',
      'It was probably not saved or copied completely: copy or export it again.',
    )];
  },
  FILE_IS_DIRECTORY: (f) => {
    const more = f.count - f.ledgers.length;
    return [t('这是一个文件夹，不是台账文件', 'this is a folder, not a ledger file'), f.count === 0
      ? t('请传入文件夹里的台账文件（.xlsx 或 .csv）；这个文件夹里没有表格文件。', 'Pass a ledger file (.xlsx or .csv); this folder holds none.')
      : t(
        `请传入其中的一个台账文件，例如：${f.ledgers.join('、')}${more > 0 ? ` 等 ${f.count} 个` : ''}`,
        `Pass one of the ledger files in it: ${f.ledgers.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      )];
  },
  FORMAT_UNKNOWN: (f) => {
    switch (f.what) {
      case 'binary': return [t('无法识别这个文件的格式：它不是表格，也不是文本', 'this file is in a format fundgap does not know: it is neither a table nor text'), EXPORT_TABLE];
      case 'xml': return [t('这是一个 XML 文件，但不是 Excel 2003 XML 表格', 'this is an XML file, but not an Excel 2003 XML workbook'), EXPORT_TABLE];
      case 'ole-damaged':
      case 'ole-other':
        return [f.what === 'ole-damaged'
          ? t('这是一个已损坏的 Office 97-2003 格式文件（目录无法读取）', 'this is a damaged Office 97-2003 file (its directory cannot be read)')
          : t('这是 Office 97-2003 格式的文件，但里面没有工作簿', 'this is an Office 97-2003 file that holds no workbook'), t(
          '如果 Excel 或 WPS 能打开它，请另存为 .xlsx 后再运行；否则请重新导出一份。',
          'If Excel or WPS opens it, save it as .xlsx and run again; otherwise ask for a fresh export.',
        )];
    }
  },
  FORMAT_UNSUPPORTED: (f) => {
    switch (f.what) {
      case 'mht': return [t('这是“单个文件网页”（.mht），不是表格文件', 'this is a single-file web page (.mht), not a table file'), SAVE_AS_XLSX];
      case 'xlsb': return [t('这是 Excel 二进制工作簿（.xlsb），本工具不能读取', 'this is an Excel binary workbook (.xlsb), which fundgap does not read'), SAVE_AS_XLSX];
      case 'et': return [t('这是 WPS 表格的 .et 文件，本工具不能读取', 'this is a WPS spreadsheet (.et), which fundgap does not read'), SAVE_AS_XLSX];
      case 'xls': return [t('这是 Excel 97-2003 工作簿（.xls），本工具不能读取', 'this is an Excel 97-2003 workbook (.xls), which fundgap does not read'), SAVE_AS_XLSX];
      case 'ods': return [t('这是 OpenDocument 表格（.ods），本工具不能读取', 'this is an OpenDocument spreadsheet (.ods), which fundgap does not read'), t(
        '请用 WPS 或 LibreOffice 打开它，另存为 .xlsx（Excel 工作簿）后再运行。',
        'Open it in WPS or LibreOffice, save it as .xlsx (Excel workbook) and run again.',
      )];
    }
  },
  FORMAT_ENCRYPTED: () => {
    return [t('这个工作簿设了打开密码，无法读取', 'this workbook is password-protected, so it cannot be read'), t(
      '请用 Excel 或 WPS 打开它（输入密码），去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码；WPS：文件 → 文档加密），保存后再运行。',
      'Open it in Excel or WPS (with the password), remove the password (文件 → 信息 → 保护工作簿 / 加密: clear it; WPS: 文件 → 文档加密), save, and run again.',
    )];
  },
  FORMAT_NOT_SPREADSHEET: (f) => {
    const what = NOT_TABLES[f.what];
    return [t(`这是${what.zh}，不是表格`, `this is ${what.en}, not a table`), EXPORT_TABLE];
  },
  FORMAT_ARCHIVE: (f) => {
    if (f.listed === undefined) {
      return [t(`这是 ${f.archive} 压缩包，不是表格`, `this is a ${f.archive} archive, not a table`), t('请先解压，再把里面的台账文件（.xlsx 或 .csv）传给本工具。', 'Unpack it and pass the ledger inside (.xlsx or .csv).')];
    }
    const { names, more, tables } = f.listed;
    const files = f.files ?? 0;
    const list = names.join('、') + (more > 0 ? ` 等 ${names.length + more} 个` : '');
    const listEn = names.join(', ') + (more > 0 ? ` and ${more} more` : '');
    return [
      files === 0
        ? t('这是一个空的 ZIP 压缩包', 'this is an empty ZIP archive')
        : t(`这是 ZIP 压缩包，里面有 ${files} 个文件，不是一张表格`, `this is a ZIP archive of ${files} ${files === 1 ? 'file' : 'files'}, not a table`),
      tables
        ? t(`请先解压，再把里面的台账文件传给本工具：${list}`, `Unpack it and pass the ledger inside: ${listEn}`)
        : t(`里面没有表格文件（${list}）。请换成台账本身（.xlsx 或 .csv）。`, `It holds no table (${listEn}); pass the ledger itself (.xlsx or .csv).`),
    ];
  },
  FORMAT_LOCK_FILE: (f) => {
    return [t(
      '这是 Excel 或 WPS 打开工作簿时留下的锁定文件（~$ 开头），不是工作簿本身',
      'this is the lock file Excel or WPS leaves while a workbook is open (its name starts with ~$), not the workbook',
    ), t(
      `请改用工作簿本身（很可能是 ${f.workbook}）；锁定文件在关闭工作簿后会自动消失。`,
      `Pass the workbook itself (probably ${f.workbook}); the lock file goes away when the workbook is closed.`,
    )];
  },
  ENCODING_INVALID: (f) => {
    return [t(`这段文字不是有效的 ${f.encoding} 编码，读出来是乱码`, `this text is not valid ${f.encoding}`), encodingAdvice(f)];
  },
  CSV_MALFORMED: (f) => {
    return [
      t(`无法读取这个 CSV 文件（${f.parser ?? '格式错误'}）`, `this CSV cannot be read (${f.parser ?? 'parse error'})`),
      f.quote
        ? t('有一个用引号括起来的单元格没有结束：请检查这一行及后面几行里多出来的 " 号。', 'A quoted field is not closed: look for a stray " in this line or the lines after it.')
        : f.detail === undefined ? undefined : t(f.detail, f.detail),
    ];
  },
  CSV_ROW_WIDTH: (f) => {
    return [
      t(`这一行有 ${f.cells} 个单元格，而表头有 ${f.width} 列`, `this line has ${f.cells} cells but the header has ${f.width}`),
      f.side === 'wide'
        ? t('某个单元格里可能有没加引号的逗号或分隔符：请给它加上英文双引号（"1,234.56"），或删去这个逗号。', 'A field may hold an unquoted comma or delimiter: quote it ("1,234.56") or remove it.')
        : t('这一行缺少单元格；单元格内容里有换行却没加引号时，一行会被拆成两行。', 'Cells are missing from this line; a line break inside an unquoted field can split a row in two.'),
    ];
  },
  CSV_RECORD_TOO_LARGE: (f) => {
    const message = f.limitCells !== undefined
      ? t(
        `从这一行开始的一条记录超过 ${f.limitCells} 个单元格，比 Excel 工作表的列还多，不像是台账里的一行`,
        `the record starting on this line has more than ${f.limitCells} cells, more than a sheet has columns`,
      )
      : t(
        `从这一行开始的一条记录超过 ${tenthsOfMb(f.limitBytes ?? 0)} MB，不像是台账里的一行`,
        `the record starting on this line is larger than ${tenthsOfMb(f.limitBytes ?? 0)} MB, which no ledger line is`,
      );
    return [message, f.quoted ? UNCLOSED_QUOTE : t('请检查文件是否损坏（例如换行符丢失），或把它重新导出为 CSV。', 'Check whether the file is damaged (line breaks lost, for example), or export it again as CSV.')];
  },
  CELL_TOO_LONG: (f) => {
    if (f.source === 'csv') {
      return [t(
        `这个单元格超过 ${f.limit} 个字符，不像是台账里的数据（Excel 的单元格最多放 ${f.excelLimit} 个字符）`,
        `this cell is longer than ${f.limit} characters, which no ledger cell is (an Excel cell holds at most ${f.excelLimit})`,
      ), f.quoted ? UNCLOSED_QUOTE : t('请在 Excel 或 WPS 中打开文件检查这一格；如果文件已损坏，请重新导出。', 'Open the file in Excel or WPS and look at this cell; if the file is damaged, export it again.')];
    }
    return [t(
      `${f.shared ? `共享字符串表（${f.shared.part}）第 ${f.shared.entry} 条` : '单元格'}的内容超过了 Excel 允许的 ${f.limit} 个字符`,
      `${f.shared ? `entry ${f.shared.entry} of the shared-string table (${f.shared.part})` : 'the cell'} holds more than the ${f.limit.toLocaleString('en-US')} characters Excel allows in a cell`,
    ), t(
      'Excel 和 WPS 都存不下这样的单元格，文件是别的程序写出的：请检查导出设置（是否把多条记录拼进了一格），或缩短这一格后重新保存。',
      'neither Excel nor WPS can hold such a cell, so another program wrote this file: check the export (were many records joined into one cell?) or shorten the cell and save again',
    )];
  },
  XLSX_MALFORMED: xlsxMalformed,
  XML_MALFORMED: (f) => {
    if (f.problem === 'xml') {
      const row = f.at?.row;
      return [t(
        `Excel 2003 XML 文件格式有误${row === undefined ? '' : `（在第 ${row} 行附近）`}：${f.detail}`,
        `the Excel 2003 XML file is not well-formed${row === undefined ? '' : ` near row ${row}`}: ${f.detail}`,
      ), t('请用 Excel 或 WPS 打开它，另存为 .xlsx 后再运行；如果打不开，请重新导出一份。', 'Open it in Excel or WPS and save it as .xlsx; if it will not open, ask for a fresh export.')];
    }
    return [f.problem === 'past-last-row'
      ? t('这一行超出了 Excel 的最后一行（1048576）', 'the row lies beyond the last row Excel has (1048576)')
      : t('单元格超出了 Excel 的最后一列（XFD）', 'the cell lies beyond the last column Excel has (XFD)')];
  },
  TABLE_TOO_LARGE: (f) => {
    const what = {
      tables: t(`文件里的表格超过 ${f.limit} 张`, `the file holds more than ${f.limit} tables`),
      cell: t(`单元格里的文字超过了 Excel 的上限（${f.limit} 个字符）`, `a cell holds more than the ${f.limit} characters Excel allows`),
      rows: t('表格超过了 Excel 的最后一行（1048576）', 'the table runs past the last row Excel has (1048576)'),
      columns: t('单元格超出了 Excel 的最后一列（XFD）', 'a cell lies beyond the last column Excel has (XFD)'),
      spans: t(`这张表的合并单元格覆盖了超过 ${f.limit} 个单元格`, `the merged cells of this table cover more than ${f.limit} cells`),
    }[f.what];
    return [what, t('这张表超出了 Excel 能容纳的大小，文件多半已损坏；请重新导出一份。', 'The table is larger than Excel can hold, so the file is most likely damaged; export it again.')];
  },
  XLSX_PART_TOO_LARGE: (f) => {
    switch (f.problem) {
      case 'inflated': {
        const how = f.declared === undefined
          ? t(`解压后超过了 ${megabytes(f.limit)}`, `inflates to more than ${megabytes(f.limit)}`)
          : t(`声明解压后有 ${megabytes(f.declared)}，超过了 ${megabytes(f.limit)}`, `declares ${megabytes(f.declared)} once inflated, more than ${megabytes(f.limit)}`);
        return [t(
          `.xlsx 文件里的内部文件 ${f.part} ${how.zh}，超出了单个内部文件的上限`,
          `part ${f.part} of the .xlsx ${how.en}, the limit for one part`,
        ), t(
          '正常的台账远没有这么大：文件可能已损坏或被人为构造。请用 Excel 或 WPS 打开后另存一份；若表格确实这么大，请拆成几个文件。',
          'no genuine ledger is this large: the file may be damaged or crafted. Open it in Excel or WPS and save a copy; if the sheet really is this big, split it into several files',
        )];
      }
      case 'shared-strings':
        return [t(
          `.xlsx 文件的共享字符串表（${f.part}）太大：读到第 ${f.count} 条时已需要超过 ${megabytes(f.limit)} 内存`,
          `the shared-string table of the .xlsx (${f.part}) is too large: by entry ${f.count} it needs more than ${megabytes(f.limit)} of memory`,
        ), t('请用 Excel 或 WPS 打开后另存一份；若表格确实这么大，请拆成几个文件。', 'open it in Excel or WPS and save a copy; if the workbook really is this big, split it into several files')];
      case 'merges':
        return [t(
          `工作表（内部文件 ${f.part}）的合并单元格超过 ${f.limit.toLocaleString('en-US')} 处`,
          `the sheet (part ${f.part}) has more than ${f.limit.toLocaleString('en-US')} merged ranges`,
        ), t('正常的台账远没有这么多合并单元格：文件可能已损坏或被人为构造。', 'no genuine ledger has this many merged ranges: the file may be damaged or crafted')];
    }
  },
  SHEET_NOT_FOUND: sheetNotFound,
  SHEET_NO_HEADER: (f) => {
    return f.problem === 'configured-row'
      ? [t(`配置中指定的表头行（第 ${f.headerRow} 行）不在这张表里`, `the configured header row ${f.headerRow} is not in the sheet`), t(`请检查配置中的 "${f.configPath}.headerRow"。`, `Check "${f.configPath}.headerRow".`)]
      : [t(`前 ${f.scanned} 行里找不到表头`, `no header row found in the first ${f.scanned} rows`), t(
        '表头应是写着“项目名称”“金额”这类列名的一行。如果表头用的是别的名称，请在配置中对应（"columns"），或用 "headerRow" 指定表头所在行。',
        'Expected a row with column names such as 项目名称 and 金额. If the header uses other names, map them in the config ("columns") or set "headerRow".',
      )];
  },
  COLUMN_NOT_FOUND: columnNotFound,
  COLUMN_AMBIGUOUS: (f) => {
    switch (f.problem) {
      case 'amount': return [t(`有 ${f.candidates.length} 列都可能是金额`, `${f.candidates.length} columns could be the amount`), amountHint(f.configPath, f.candidates)];
      case 'status': return [t(`有 ${f.candidates.length} 列都可能是发放状态`, `${f.candidates.length} columns could be the payment status`), configHint(f.configPath, 'status', f.candidates[0]!.display)];
      case 'key': return [t(`找不到比对键“${f.key}”对应的列`, `no column for the join key "${f.key}"`), keyColumnHint(f.header, f.configPath)];
    }
  },
  KEY_MISSING: (f) => {
    switch (f.problem) {
      case 'row':
        return [t('这一行有金额，但作为比对键的这一列是空的', 'this row has an amount but no key'), t(
          '有金额的行都要填写比对键（例如项目名称），请补上；如果这一行其实是小计或合计，请在行内注明“小计”或“合计”。',
          'Every row with money needs its key (for example the project name). Fill it in, or mark the row as a 小计/合计 if it is one.',
        )];
      case 'no-column': return [t(`找不到比对键“${f.key}”对应的列`, `no column for the join key "${f.key}"`), keyColumnHint(f.header, f.configPath)];
      case 'is-amount': return [t(`比对键“${f.key}”指向的是金额列`, `the join key "${f.key}" is the amount column`)];
    }
  },
  AMOUNT_INVALID: (f) => {
    return [f.problem === 'date' ? t('这是日期，不是金额', 'a date, not an amount') : t('不是有效的金额', 'not an amount'), t(
      '金额可以写成 1,234.56、¥1,234.56、(1,234.56)、12.5万元 或 壹万贰仟叁佰肆拾伍元陆角柒分 等形式。',
      'Amounts may look like 1,234.56, ¥1,234.56, (1,234.56), 12.5万元 or 壹万贰仟叁佰肆拾伍元陆角柒分.',
    )];
  },
  AMOUNT_TOO_LONG: (f) => {
    return [t(
      `这个金额有 ${f.digits} 位有效数字，超过了 ${f.limit} 位的上限，不像是台账里的金额`,
      `this amount has ${f.digits} significant digits, more than the limit of ${f.limit}, which no ledger amount has`,
    ), t(
      '请检查这一格（是否把身份证号、账号或几个数字拼进了金额列）；这个上限不可调整。',
      'Check the cell (an ID or account number, or several numbers run together, in the amount column?); this limit is fixed.',
    )];
  },
  ROWS_TOO_MANY: (f) => {
    return [t(
      `这张表超过 ${f.limit.toLocaleString('en-US')} 行，超出了每张表的行数上限`,
      `the sheet has more than ${f.limit.toLocaleString('en-US')} rows, the limit for one sheet`,
    ), t(
      `若表格确实这么大，请用 ${f.option} 调高上限（例如 ${f.option} ${f.limit * 2}）；否则请检查文件是否损坏。`,
      `If the sheet really is this large, raise the limit with ${f.option} (for example ${f.option} ${f.limit * 2}); otherwise check the file is not damaged.`,
    )];
  },
  DATE_INVALID: dateInvalid,
  CELL_ERROR: (f) => {
    const what = { amount: t('金额', 'an amount'), key: t('比对键', 'a key'), date: t('日期', 'a date') }[f.expected];
    return [t(`单元格里是 Excel 错误值 ${f.value}，不是${what.zh}`, `the cell holds the Excel error ${f.value}, not ${what.en}`), t('请在 Excel 或 WPS 中改正公式，保存后再运行。', 'Fix the formula in Excel or WPS, save, and run again.')];
  },
  CELL_NO_RESULT: () => {
    return [t('这个单元格是公式，但文件里没有保存它的计算结果', 'the cell is a formula with no saved result'), t(
      '请用 Excel 或 WPS 打开文件并保存一次，让计算结果存进文件里。',
      'Open the file in Excel or WPS and save it, so the computed values are stored in it.',
    )];
  },
  UNIT_CONFLICT: (f) => {
    if (f.problem === 'columns') {
      return [t(
        `要相加的金额列单位不同：“${f.first.display}”是${f.first.unit}，“${f.clash.display}”是${f.clash.unit}`,
        `the amount columns to add are in different units: "${f.first.display}" in ${f.first.unit}, "${f.clash.display}" in ${f.clash.unit}`,
      ), t(`请检查配置中的 "${f.configPath}.columns.amount"。`, `Check "${f.configPath}.columns.amount".`)];
    }
    {
      const where = f.where === 'header' ? t(`表头“${f.header}”`, `the header "${f.header}"`) : t('表中的“单位”行', 'the sheet\'s 单位 line');
      return [t(
        `配置或 --unit 指定的单位是${f.unit}，但${where.zh}写的是${f.stated}`,
        `the config or --unit says ${f.unit}, but ${where.en} says ${f.stated}`,
      ), t(
        `请去掉给这本台账设的单位（配置中的 "${f.configPath}.unit"；用 --unit 时可带上台账名，如 --unit allocated=万元），或者改正表格。`,
        `Drop the unit for this ledger ("${f.configPath}.unit", or --unit with the ledger's name such as --unit allocated=万元), or correct the sheet.`,
      )];
    }
  },
  UNIT_MIXED: (f) => {
    return [t(
      `这个金额没有写单位，而同一列别处写的是万元（第 ${f.wanRow} 行）`,
      `this amount states no unit, while the column says 万元 elsewhere (row ${f.wanRow})`,
    ), t(
      `请在单元格里写上单位（如 15万元），或为整列注明单位：写在表头里、加一行“单位：万元”，或写在配置中（"${f.configPath}.unit"）。`,
      `Write the unit in the cell (15万元), or state it for the whole column: in the header, a 单位 line, or the config ("${f.configPath}.unit").`,
    )];
  },
  HEADING_AMBIGUOUS: headingAmbiguous,
  ROWS_AFTER_END: (f) => {
    const keep = `"${f.configPath}": { "lastRow": ${f.lastMoneyRow} }`;
    const cut = `"${f.configPath}": { "lastRow": ${f.signOffRow - 1} }`;
    const one = f.count === 1;
    return [t(
      `表尾签署行（第 ${f.signOffRow} 行）之下还有 ${f.count} 行金额，第一行是“${f.label}”${f.amount} 元`,
      `${f.count} ${one ? 'row' : 'rows'} below the sign-off lines (row ${f.signOffRow}) ${one ? 'holds' : 'hold'} money; the first is "${f.label}" (${f.amount})`,
    ), t(
      `如果这些行属于这张表，请把它们移到签署行之上，或在配置中写明表格读到哪一行：${keep}；如果不属于，请写：${cut}（其下有金额的行会列入报告）。`,
      `If these rows belong to the table, move them above the sign-off lines or say in the config where the table ends: ${keep}; if they do not, write ${cut} (rows below it that hold money are listed in the report).`,
    )];
  },
  STATUS_UNKNOWN: statusUnknown,
  CONFIG_INVALID: (f) => {
    if (f.problem === 'json') return [t(`配置文件不是有效的 JSON（${f.detail}）`, `not valid JSON (${f.detail})`)];
    {
      const lines = f.issues.map((i) => {
        const what = configProblem(i.problem);
        return t(`${i.path || '（顶层）'}: ${what.zh}`, `${i.path || '(top level)'}: ${what.en}`);
      });
      return [t(lines.map((l) => l.zh).join('；'), lines.map((l) => l.en).join('; ')), t(
        '配置文件的写法见 README 的“Config file”一节，或运行 `fundgap init` 生成一份样例配置。',
        'See "Config file" in the README, or run `fundgap init` to write a starter config.',
      )];
    }
  },
  REPORT_INVALID: reportInvalid,
  OUTPUT_FAILED: (f) => {
    switch (f.problem) {
      case 'text-only': return [t('此处的输出只能是文本，请用 -o 写入文件', 'this output takes text only; write the report with -o')];
      case 'no-folder': return [t(`要写入的文件夹不存在：${f.folder}`, `the folder to write into does not exist: ${f.folder}`), t('请先建好这个文件夹，或用 -o 换一个位置。', 'Create the folder first, or choose another place with -o.')];
      case 'is-folder': return [t('-o 给的是一个文件夹，而不是文件', '-o names a folder, not a file'), t(`请在后面加上文件名，例如 ${join(f.at?.file ?? '', '报告.xlsx')}`, `Add a file name, e.g. ${join(f.at?.file ?? '', 'report.xlsx')}`)];
      case 'exists': return [t('这个文件已经存在，已保留原样，没有覆盖', 'this file already exists and was left as it is'), t('要覆盖它请加 --force，或用 -o 另选一个文件。', 'Pass --force to overwrite it, or choose another file with -o.')];
      case 'io': return [f.action === 'write'
        ? t(`无法写入这个文件（${f.errno}）`, `cannot write this file (${f.errno})`)
        : t(`无法确认这个文件是否已存在（${f.errno}）`, `cannot check whether this file exists (${f.errno})`)];
    }
  },
  INPUT_CHANGED: () => {
    return [t('生成报告期间，这个文件被修改了', 'this file changed while the report was being written'), t('请在文件不再变动后重新运行。', 'Run again once the file has stopped changing.')];
  },
  ENGINE_UNAVAILABLE: (f) => {
    if (f.detail !== undefined) {
      return [t(`DuckDB（@duckdb/node-api）已安装，但无法加载：${f.detail}`, `DuckDB (@duckdb/node-api) is installed but cannot be loaded: ${f.detail}`), t(
        '请在 fundgap 所在目录重新运行 npm install @duckdb/node-api（它带有本机的二进制文件）；或去掉 --engine duckdb，用默认的进程内引擎。',
        'Run npm install @duckdb/node-api again where fundgap is installed (it carries a binary for this platform); or leave out --engine duckdb to use the default in-process engine.',
      )];
    }
    return [t(
      '这个命令要用 DuckDB（可选依赖 @duckdb/node-api），但它没有安装',
      'this command needs DuckDB (the optional dependency @duckdb/node-api), which is not installed',
    ), t(
      '请在 fundgap 所在目录运行 npm install @duckdb/node-api；不用 DuckDB 时去掉 --engine duckdb，用默认的进程内引擎。',
      'Run npm install @duckdb/node-api where fundgap is installed; or leave out --engine duckdb to use the default in-process engine.',
    )];
  },
  RESULTS_INVALID: resultsInvalid,
};

const SAVE_AS_XLSX = t(
  '请用 Excel 或 WPS 打开它，另存为 .xlsx（文件 → 另存为 → Excel 工作簿 (*.xlsx)）后再运行。',
  'Open it in Excel or WPS, save it as .xlsx (文件 → 另存为 → Excel 工作簿 (*.xlsx)) and run again.',
);

const EXPORT_TABLE = t(
  '本工具只读表格文件。请从原来的系统里把这张表导出为 Excel（.xlsx）或 CSV 再运行。',
  'fundgap reads tables only: export the table to Excel (.xlsx) or CSV from the system it came from, and run again.',
);

/** The way past a damaged workbook. */
const RESAVE = t(
  '请用 Excel 或 WPS 打开文件重新保存一次；如果还不行，请重新导出一份。',
  'open the file in Excel or WPS and save it again; if that fails, ask for a fresh export',
);

const UNCLOSED_QUOTE = t(
  '引号括起来的单元格通常不会这么长：很可能是这一格开头的 " 号没有配对的结束引号，请检查这一行。',
  'A quoted cell this long is most often a quote that is never closed: look for a stray " on this line.',
);

const NOT_TABLES: Record<FailureOf<'FORMAT_NOT_SPREADSHEET'>['what'], Bilingual> = {
  pdf: t(' PDF 文件', 'a PDF'),
  picture: t('一张图片（照片或扫描件）', 'a picture (a photo or a scan)'),
  docx: t('Word 文档（.docx）', 'a Word document (.docx)'),
  pptx: t('PowerPoint 演示文稿（.pptx）', 'a PowerPoint presentation (.pptx)'),
  ofd: t('OFD 版式文件（类似 PDF）', 'an OFD document (a fixed layout, like a PDF)'),
  opendocument: t('OpenDocument 文档', 'an OpenDocument document'),
  office: t('Office 文件，但里面没有工作簿', 'an Office file that holds no workbook'),
  doc: t('Word 97-2003 文档（.doc 或 WPS 文字）', 'a Word 97-2003 document (.doc, or WPS Writer)'),
  ppt: t('PowerPoint 97-2003 演示文稿（.ppt）', 'a PowerPoint 97-2003 presentation (.ppt)'),
};

function encodingAdvice(f: FailureOf<'ENCODING_INVALID'>): Bilingual {
  if (f.advice === 'page-gbk' || f.advice === 'page-declared') {
    return t(
      `网页${f.advice === 'page-declared' ? `声明的编码是 ${f.encoding}，但内容不是；` : '可能是 GBK 编码：'}请加 --encoding gbk（或在配置中为这本台账写上 "encoding": "gbk"）。`,
      `${f.advice === 'page-declared' ? `The page declares ${f.encoding} but is not written in it; ` : 'The page may be GBK-encoded: '}pass --encoding gbk (or set "encoding": "gbk" for this ledger in the config).`,
    );
  }
  return ENCODING_ADVICE[f.advice];
}

const ENCODING_ADVICE: Record<'gbk' | 'not-gbk' | 'name-it' | 'name-it-utf8', Bilingual> = {
  'not-gbk': t('这个文件也不是 GBK 编码；请把它另存为 UTF-8 编码的 CSV，或用 --encoding 指定编码。', 'The file is not GBK either; save it again as UTF-8 CSV, or pass --encoding.'),
  gbk: t(
    '这个文件可能是 GBK 编码：请加 --encoding gbk（或在配置中为这本台账写上 "encoding": "gbk"）。',
    'The file may be GBK-encoded: pass --encoding gbk (or set "encoding": "gbk" for this ledger in the config).',
  ),
  'name-it': t('请用 --encoding 指明这个文件的编码（如 --encoding gbk），或用 Excel 打开后另存为 .xlsx。', 'Name the file\'s encoding with --encoding (say --encoding gbk), or open it in Excel and save it as .xlsx.'),
  'name-it-utf8': t('请用 --encoding 指明这个文件的编码（如 --encoding utf-8）。', 'Name the file\'s encoding with --encoding (say --encoding utf-8).'),
};

/** 16, 0.5: megabytes to a tenth. */
const tenthsOfMb = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/** 1,024 MB, 20 KB: sizes as a person reads them. */
function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB` : `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;
}

function usage(f: FailureOf<'USAGE'>): Words {
  switch (f.problem) {
    case 'option-value': {
      const got = t(`收到的是 ${JSON.stringify(f.got)}`, `got ${JSON.stringify(f.got)}`);
      return [optionExpects(f.option, f.expects, f.choices), got];
    }
    case 'unknown-ledger':
      return [t(`${f.option}：没有名为“${f.name}”的台账`, `${f.option}: unknown ledger "${f.name}"`), t(`可用的台账名：${f.choices.join(', ')}`, `use ${f.choices.join(', ')}`)];
    case 'unknown-stage':
      return [t(`${f.option}：无法识别的比对环节“${f.name}”`, `${f.option}: unknown stage "${f.name}"`), t(`可用：${f.choices.join(', ')}`, `use ${f.choices.join(', ')}`)];
    case 'key-empty': return [t('-k 后应写一个或多个列名，用逗号分隔', '-k expects one or more column names, separated by commas')];
    case 'role': return [t(`--role 应为 ${f.choices.join('、')} 之一`, `--role expects ${f.choices.join(', ')}`)];
    case 'engine-only': return [t('--rows 和 --results 只用于 --engine duckdb', '--rows and --results go with --engine duckdb only'), t('加 --engine duckdb，或去掉这两个选项。', 'Add --engine duckdb, or drop them.')];
    case 'engine-cannot': {
      const named = f.settings.map((x) => (x.from === 'cli'
        ? { zh: x.name === 'mergeSimilar' ? '--merge-similar' : '--group-by', en: x.name === 'mergeSimilar' ? '--merge-similar' : '--group-by' }
        : { zh: `配置文件中的 "${x.name}"`, en: `"${x.name}" in the config file` }));
      const zh = named.map((n) => n.zh).join('、');
      const en = named.map((n) => n.en).join(', ');
      const other = f.command === 'normalise'
        ? t('或用 fundgap reconcile（默认的进程内引擎）代替 normalise。', 'or use fundgap reconcile (the default in-process engine) instead of normalise.')
        : t('或不用 --engine duckdb，用默认的进程内引擎。', 'or run reconcile without --engine duckdb (the default in-process engine).');
      return [t(
        `SQL 引擎不计算 ${zh}（合并相近的项目、按列汇总只在进程内引擎中做）`,
        `the SQL engine does not compute ${en} (merging similar keys and roll-ups by a column are done by the in-process engine only)`,
      ), t(`请去掉 ${zh}，${other.zh}`, `Leave out ${en}, ${other.en}`)];
    }
    case 'tolerance-places': {
      const other = f.command === 'normalise'
        ? t('或用 fundgap reconcile（进程内引擎）代替 normalise', 'or use fundgap reconcile (the in-process engine) instead of normalise')
        : t('或不用 --engine duckdb', 'or leave out --engine duckdb');
      return [t(
        `百分比容差 ${f.value}（${f.option}）超过了 6 位小数，SQL 引擎无法精确表示`,
        `the percentage tolerance ${f.value} (${f.option}) has more than six decimal places, which the SQL engine cannot hold exactly`,
      ), t(`请把 ${f.option} 写到 6 位小数以内，${other.zh}。`, `Write ${f.option} to six places or fewer, ${other.en}.`)];
    }
    case 'output-folder-not-empty':
      return [t('输出文件夹已存在且不为空，未作任何改动', 'the output folder exists and is not empty; it was left as it is'), t(
        `请用 ${f.option} 另选一个不存在或空的文件夹（每次写一个新文件夹；多个县的文件夹可以放在同一个上级文件夹里）。`,
        `Choose a new or empty folder with ${f.option} (each run writes a folder of its own; many counties' folders can sit side by side under one parent).`,
      )];
    case 'output-folder-is-file':
      return [t(`${f.option} 应为一个文件夹，而这里是一个文件，未作任何改动`, `${f.option} names a folder to write, and this is a file; it was left as it is`), t(`请用 ${f.option} 给一个不存在或空的文件夹。`, `Give ${f.option} a new or empty folder.`)];
    case 'output-folder-overlaps':
      return [t(`${f.option} 与 ${f.other} 是同一个文件夹，或一个在另一个里面`, `${f.option} and ${f.other} are the same folder, or one is inside the other`), t(
        `写出会覆盖或混入要读的数据：请给 ${f.option} 另选一个文件夹。`,
        `Writing there would mix with or replace what is read: choose another folder for ${f.option}.`,
      )];
    case 'results-from-results':
      return [t('--from 给的已经是结果表文件夹，--results 没有可写的', '--from names a folder of result tables already, so --results has nothing to write'), t(
        '去掉 --results；它只在 --from 给的是 normalise 写出的文件夹时使用。',
        'Drop --results; it goes with a --from folder that normalise wrote.',
      )];
    case 'output-is-input': return [t('输出文件就是输入的台账之一，写出会把它覆盖', 'the output would be written over an input file'), t('请用 -o 另选一个文件。', 'Choose another file with -o.')];
    case 'base-not-folder': return [t('--base 应为一个目录', '--base expects a folder')];
    case 'format-not-written':
      return [t(`fundgap 不能写 ${f.ext} 格式：-o ${f.out}`, `fundgap does not write ${f.ext} files: -o ${f.out}`), t(`报告可以写成 ${f.formats}，例如 -o 报告.xlsx`, `it writes ${f.formats}, for example -o report.xlsx`)];
    case 'format-contradicts-out':
      return [
        t(`-f ${f.format} 与 -o ${f.out} 矛盾：扩展名 ${f.ext} 表示 ${f.implied} 格式`, `-f ${f.format} contradicts -o ${f.out}: the extension ${f.ext} means the ${f.implied} format`),
        t(`去掉 -f 即写成 ${f.implied}；要写 ${f.format}，把文件名改为 ${f.renamed}`, `drop -f to write ${f.implied}, or name the file ${f.renamed} to write ${f.format}`),
      ];
    case 'file-only': return [t(`-f ${f.format} 只能写入文件`, `-f ${f.format} writes to a file only`), t(`加 -o 报告${f.ext}`, `add -o report${f.ext}`)];
    case 'csv-encoding-not-csv':
      return [
        t(`--csv-encoding 只用于 CSV 报告，而本次写的是 ${f.format}`, `--csv-encoding applies to the CSV report only, and this run writes ${f.format}`),
        t('加 -f csv（或 -o 报告.csv），或去掉 --csv-encoding', 'add -f csv (or -o report.csv), or drop --csv-encoding'),
      ];
  }
}

function optionExpects(name: string, expects: OptionExpectation, choices: string[] | undefined): Bilingual {
  switch (expects) {
    case 'days': return t(`${name} 应为整数天数`, `${name} expects a whole number of days`);
    case 'whole-number': return t(`${name} 应为整数`, `${name} expects a whole number`);
    case 'yuan': return t(`${name} 应为以元计的金额，最多两位小数，例如 0.5`, `${name} expects an amount in 元 with at most two decimals, such as 0.5`);
    case 'number': return t(`${name} 应为数字，例如 0.5`, `${name} expects a number such as 0.5`);
    case 'unit': return t(`${name} 应为 元 或 万元`, `${name} expects 元 or 万元`);
    case 'encoding': return t(`${name} 应为 ${choices?.join(', ')}`, `${name} expects ${choices?.join(', ')}`);
    case 'fail-on': return t('--fail-on 应为 info、warning、error 或 none', '--fail-on expects info, warning, error or none');
    case 'lang': return t('--lang 应为 zh 或 en', '--lang expects zh or en');
    case 'date': return t(`${name} 应为日期，例如 2019-12-31`, `${name} expects a date such as 2019-12-31`);
    case 'similarity': return t(`${name} 应为大于 0、不超过 1 的相似度，例如 0.9`, `${name} expects a similarity above 0 and at most 1, such as 0.9`);
  }
}

function xlsxMalformed(f: FailureOf<'XLSX_MALFORMED'>): Words {
  switch (f.problem) {
    case 'empty': return [t('文件是空的', 'the file is empty'), t('请从原来的地方重新拷贝一份。', 'copy the file again from its source')];
    case 'encrypted':
      return [t('这个工作簿设了密码，无法读取', 'this workbook is password-protected, so it cannot be read'), t(
        '请在 Excel 或 WPS 中打开它，去掉密码（文件 → 信息 → 保护工作簿 / 文档加密）后再保存。',
        'open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿 / 文档加密) and save it again',
      )];
    case 'xls':
      return [t('这是 Excel 97-2003 的 .xls 文件，不是 .xlsx 文件', 'this is an Excel 97-2003 .xls file, not an .xlsx file'), t(
        '请另存为 .xlsx（Excel：另存为 → Excel 工作簿 (*.xlsx)；WPS：另存为 → .xlsx）。',
        'save it as .xlsx (Excel: 另存为 → Excel 工作簿 (*.xlsx); WPS: 另存为 → .xlsx)',
      )];
    case 'not-zip':
      return [t('这不是 .xlsx 文件（不是 ZIP 压缩格式）', 'this is not an .xlsx file (it is not a ZIP archive)'), t(
        '请检查文件：Excel 或 WPS 保存的 .xlsx 文件以 "PK" 开头；改了扩展名的 CSV 或网页文件不是工作簿。',
        'check the file: an .xlsx saved by Excel or WPS starts with "PK"; a renamed CSV or HTML file is not a workbook',
      )];
    case 'not-xlsx-bytes':
      return [t('文件名是 .xlsx，但内容不是 Excel 工作簿', 'this file is named .xlsx but is not an Excel workbook'), t('文件可能已损坏或没有下载完整，请重新导出一份。', 'It may be damaged or only partly downloaded; export it again.')];
    case 'no-directory':
      return [t('.xlsx 文件不完整或已损坏（末尾没有 ZIP 目录）', 'the .xlsx file is truncated or damaged (no ZIP directory at its end)'), t(
        '请从原来的地方重新拷贝一份；文件很可能在传输中被截断了。',
        'copy the file again from its source; it was probably cut short in transfer',
      )];
    case 'zip64': return [t('.xlsx 文件已损坏（ZIP64 目录有误）', 'the .xlsx file uses a damaged ZIP64 directory')];
    case 'directory':
      return [f.detail === 'past-end'
        ? t('.xlsx 文件不完整或已损坏（ZIP 目录指到了文件末尾之外）', 'the .xlsx file is truncated or damaged (its ZIP directory points past the end)')
        : t('.xlsx 文件已损坏（ZIP 目录有误）', 'the .xlsx file is damaged (its ZIP directory is corrupt)')];
    case 'no-workbook':
      return [t(`这是 ZIP 压缩包，但不是 Excel 工作簿（缺少 ${f.part}）`, `this is a ZIP file but not an Excel workbook (${f.part} is missing)`), t(
        '请确认这是要用的那个 .xlsx 文件：.docx 文档、压缩的文件夹或损坏的导出文件都不是工作簿。',
        'check that this is the .xlsx you meant: a .docx, a zipped folder or a damaged export is not a workbook',
      )];
    case 'sheet-missing':
      return [t(
        `.xlsx 文件已损坏：工作表“${f.sheet}”的数据不见了${f.part === undefined ? '' : `（缺少内部文件 ${f.part}）`}`,
        `the .xlsx file is damaged: the data of sheet "${f.sheet}" is missing${f.part === undefined ? '' : ` (no part ${f.part})`}`,
      ), RESAVE];
    case 'entry': {
      const why = {
        method: t(`压缩方式（${f.method}）不受支持`, `unsupported compression method ${f.method}`),
        header: t('文件头（ZIP 条目头）有误', 'a ZIP entry header is corrupt'),
        data: t('压缩数据有误', 'compressed data is corrupt'),
      }[f.why];
      return [t(`.xlsx 文件已损坏：内部文件 ${f.part} 的${why.zh}`, `the .xlsx file is damaged: ${why.en} in part ${f.part}`), t(
        '请从原来的地方重新拷贝一份，或用 Excel 或 WPS 打开后重新保存一次。',
        'copy the file again from its source, or open it in Excel or WPS and save it again',
      )];
    }
    case 'xml': {
      const row = f.at?.row;
      const what = f.sheet === undefined ? t(`内部文件 ${f.part}`, `part ${f.part}`) : t(`工作表“${f.sheet}”（内部文件 ${f.part}）`, `sheet "${f.sheet}" (part ${f.part})`);
      const where = row === undefined ? NONE : t(`在第 ${row} 行附近`, ` near row ${row}`);
      return [t(
        `.xlsx 文件已损坏：${what.zh}${where.zh}的 XML 格式有误（${f.detail}）`,
        `the .xlsx file is damaged: ${what.en} is not well-formed XML${where.en} (${f.detail})`,
      ), RESAVE];
    }
    case 'cell': {
      const what = {
        'outside-row': t('有单元格不在任何一行里', 'a cell stands outside any row'),
        'past-last-row': t('这一行超出了 Excel 的最后一行（1048576）', 'the row lies beyond the last row Excel has (1048576)'),
        'nested-row': t('一行里面又嵌套了一行', 'a row holds another row'),
        'past-last-column': t('单元格超出了 Excel 的最后一列（XFD）', 'the cell lies beyond the last column Excel has (XFD)'),
        'nested-cell': t('一个单元格里面又嵌套了单元格或行', 'a cell holds another cell or row'),
        'shared-string': t('单元格引用的文字（共享字符串）在文件里不存在', 'the cell refers to a shared string the file does not contain'),
      }[f.what];
      return [what, RESAVE];
    }
  }
}

const STATE_ZH: Record<string, string> = { visible: '', hidden: '（隐藏）', veryHidden: '（深度隐藏）' };

function sheetNotFound(f: FailureOf<'SHEET_NOT_FOUND'>): Words {
  switch (f.problem) {
    case 'workbook':
      return [f.sheet === undefined ? t('这个工作簿里没有工作表', 'the workbook has no sheets') : t(`找不到名为“${f.sheet}”的工作表`, `no sheet named "${f.sheet}"`), t(
        `工作簿中的工作表有：${f.sheets.join('、')}。请在文件名后写明读哪一张，例如 ${f.example}`,
        `The workbook has: ${f.sheets.join(', ')}. Name one after the file: ${f.example}`,
      )];
    case 'named': {
      const listZh = f.sheets.map((s) => `“${s.name}”${STATE_ZH[s.state] ?? ''}`).join('、');
      const list = f.sheets.map((s) => (s.state === 'visible' ? `"${s.name}"` : `"${s.name}" (${s.state})`)).join(', ');
      return [t('工作簿里没有这个名字的工作表', 'the workbook has no sheet with this name'), f.sheets.length === 0
        ? t('这个工作簿里没有工作表', 'the workbook has no worksheets')
        : t(`这个工作簿中的工作表有：${listZh}`, `sheets in this workbook: ${list}`)];
    }
    case 'html': {
      if (f.tables.length === 0) {
        return [t('这是一个网页文件（HTML），但里面没有表格', 'this is a web page (HTML) that holds no table'), t(
          '它多半是系统导出失败时给出的页面（如“登录超时”）。请重新从系统导出这张表，或导出为 Excel / CSV。',
          'It is probably the page a system shows when an export fails (a login timeout, say). Export the table again, as Excel or CSV.',
        )];
      }
      const names = f.tables.map((x) => (x.name === String(x.index) ? `#${x.index}` : `#${x.index}（${x.name}）`));
      const namesEn = f.tables.map((x) => (x.name === String(x.index) ? `#${x.index}` : `#${x.index} (${x.name})`));
      return [t(`网页里没有“${f.sheet}”这张表格`, `the web page has no table "${f.sheet}"`), t(
        `网页中的表格有：${names.join('、')}。请在文件名后写明读哪一张，例如 ${f.example}`,
        `The page has: ${namesEn.join(', ')}. Name one after the file: ${f.example}`,
      )];
    }
    case 'csv':
      return [t(`CSV 文件没有工作表，无法读取“#${f.sheet}”`, `a CSV file has no sheets, so "#${f.sheet}" cannot be read`), t('CSV 文件请去掉文件名后面的 # 和工作表名。', 'Drop the #sheet part for CSV files.')];
  }
}

/** `The header has: A 项目名称, B 金额.` — the start of a hint, in both languages. */
function headerList(columns: readonly ColumnRef[]): Bilingual {
  const named = columns.filter((c) => c.display !== '').map((c) => `${c.ref} ${c.display}`);
  return t(`表头各列为：${named.join('、')}。`, `The header has: ${named.join(', ')}.`);
}

function columnsSnippet(configPath: string, field: string, example: string | readonly string[]): string {
  const value = typeof example === 'string' ? JSON.stringify(example) : `[${example.map((e) => JSON.stringify(e)).join(', ')}]`;
  return `"${configPath}": { "columns": { "${field}": ${value} } }`;
}

function configHint(configPath: string, field: string, example: string): Bilingual {
  const snippet = columnsSnippet(configPath, field, example);
  return t(`请在配置中写明用哪一列：${snippet}`, `Name the column in the config: ${snippet}`);
}

function hiddenNote(hidden: readonly ColumnRef[]): Bilingual {
  if (hidden.length === 0) return NONE;
  return t(
    `${hidden.map((c) => `${c.ref} 列“${c.display}”`).join('、')}在 Excel 中是隐藏列，隐藏列不会被当作金额列。`,
    `${hidden.map((c, i) => `${i === 0 ? 'Column' : 'column'} ${c.ref} "${c.display}"`).join(', ')} ${hidden.length === 1 ? 'is' : 'are'} hidden in Excel; a hidden column is never taken as the amount. `,
  );
}

/**
 * The way out of several amount candidates: the config line for the first visible one that is
 * not a component, and, where two or more visible candidates are components (中央资金,
 * 省级资金), the line that adds them. Hidden columns are never offered.
 */
function amountHint(configPath: string, candidates: readonly CandidateColumn[]): Bilingual {
  const visible = candidates.filter((c) => !c.hidden);
  const hidden = hiddenNote(candidates.filter((c) => c.hidden));
  const parts = visible.filter((c) => c.component);
  const single = visible.find((c) => !c.component) ?? (parts.length < 2 ? visible[0] : undefined);
  const zh: string[] = ['本工具不会在几个金额列之间猜测。', hidden.zh];
  const en: string[] = ['The tool does not guess between money columns. ', hidden.en];
  if (single && parts.length < 2) {
    const pick = configHint(configPath, 'amount', single.display);
    zh.push(pick.zh);
    en.push(pick.en);
  } else if (single) {
    const snippet = columnsSnippet(configPath, 'amount', single.display);
    zh.push(`若金额就是“${single.display}”这一列，请在配置中写：${snippet}`);
    en.push(`If the amount is "${single.display}", write in the config: ${snippet}`);
  }
  if (parts.length >= 2) {
    const snippet = columnsSnippet(configPath, 'amount', parts.map((c) => c.display));
    zh.push(`${single ? '；' : ''}若每行的金额是${parts.map((c) => `“${c.display}”`).join('、')}之和，请在配置中写：${snippet}`);
    en.push(`${single ? '; if' : 'If'} each row's amount is the sum of ${parts.map((c) => `"${c.display}"`).join(', ')}, write in the config: ${snippet}`);
  }
  if (!single && parts.length < 2) {
    const snippet = columnsSnippet(configPath, 'amount', '…');
    zh.push(`请在配置中写明金额列的表头（替换 …）：${snippet}`);
    en.push(`Name the amount column's header in the config (in place of …): ${snippet}`);
  }
  return t(zh.join(''), en.join(''));
}

function keyColumnHint(columns: readonly ColumnRef[], configPath: string): Bilingual {
  const header = headerList(columns);
  return t(
    `${header.zh}请用 -k 给出表头上的列名，或在配置中对应（"${configPath}.columns"）。`,
    `${header.en} Pass the header text with -k, or map it in the config ("${configPath}.columns").`,
  );
}

function columnNotFound(f: FailureOf<'COLUMN_NOT_FOUND'>): Words {
  switch (f.problem) {
    case 'configured': {
      const header = headerList(f.header);
      return [t(`配置中为 ${f.field} 指定的列“${f.column}”不在表头中`, `the column "${f.column}" set for ${f.field} is not in the header`), t(
        `${header.zh}请改正配置中的 "${f.configPath}.columns.${f.field}"。`,
        `${header.en} Fix "${f.configPath}.columns.${f.field}".`,
      )];
    }
    case 'status': {
      const header = headerList(f.header);
      const snippet = columnsSnippet(f.configPath, 'status', '处理状态');
      return [t('配置中写了发放状态的取值，但表头中找不到发放状态列', 'the config sets payment status values, but the header has no status column'), t(
        `${header.zh}请在配置中写明哪一列是发放状态：${snippet}（换成表中的表头），或去掉 "${f.configPath}.status"。`,
        `${header.en} Name the status column in the config: ${snippet} (with the sheet's header), or drop "${f.configPath}.status".`,
      )];
    }
    case 'amount': {
      const header = headerList(f.header);
      const hidden = hiddenNote(f.hidden);
      // With only hidden candidates the example is a blank to fill in, never one of them.
      const pick = f.hidden.length === 0
        ? configHint(f.configPath, 'amount', '金额')
        : t(
          `请在配置中写明金额列（把 … 换成它的表头）：${columnsSnippet(f.configPath, 'amount', '…')}`,
          `Name the amount column in the config (its header in place of …): ${columnsSnippet(f.configPath, 'amount', '…')}`,
        );
      return [t('表头中找不到金额列', 'no amount column in the header'), t(`${header.zh}${hidden.zh}${pick.zh}`, `${header.en} ${hidden.en}${pick.en}`)];
    }
    case 'roster-id':
      return [t('名单中找不到身份证号列', 'no ID number column (身份证号) in the roster'), t(
        '请在配置中写明是哪一列："roster": { "columns": { "idNumber": "身份证号码" } }',
        'Name it in the config: "roster": { "columns": { "idNumber": "身份证号码" } }',
      )];
    case 'group-by':
      return [t(`--group-by "${f.by}"：三本台账里都没有这一列`, `--group-by "${f.by}": no ledger has this column`), t(
        '请写表头上的列名（乡镇、村、资金来源），或字段名（region、fundSource）。',
        'Name a column by its header text (乡镇, 村, 资金来源) or a field (region, fundSource).',
      )];
  }
}

function dateInvalid(f: FailureOf<'DATE_INVALID'>): Words {
  const message = t('不是有效的日期', 'not a date');
  if (f.problem === 'year-month') {
    const { year: y, month: m } = f;
    const mm = m!.padStart(2, '0');
    return [message, t(
      `这是一个数字（${f.text}），不是日期：它可能是 ${y}年${m}月，也可能是 ${y}年${m}0月（Excel 会去掉小数末尾的 0）。请把这一列设成日期格式，或写成文字 ${y}-${mm}。`,
      `This is the number ${f.text}, not a date: it may be ${y}-${mm} or ${y}-${m}0 (Excel drops a trailing 0). Format the column as dates, or write the month as text (${y}-${mm}).`,
    )];
  }
  if (f.problem === 'number') {
    return [message, t(
      `这个数字既不是 yyyymmdd 形式的日期（如 20190405），也不是 ${f.first}–${f.last} 年之间的 Excel 日期序号。请核对这一格，或把这一列设成日期格式。`,
      `This number is neither a yyyymmdd date (20190405) nor an Excel date serial between ${f.first} and ${f.last}. Check the cell, or format the column as dates.`,
    )];
  }
  return [message, t(
    '日期可以写成 2019-04-14、2019/4/14 9:10、2019年4月14日、20190414，也可以是 Excel 的日期单元格。',
    'Dates may look like 2019-04-14, 2019/4/14 9:10, 2019年4月14日 or 20190414, or be Excel date cells.',
  )];
}

const NAMED_FILES = {
  allocated: t('上级下达台账', 'allocated ledger'),
  disbursed: t('拨付台账', 'disbursed ledger'),
  landed: t('落地台账', 'landed ledger'),
  roster: t('名单', 'roster'),
  config: t('配置文件', 'config file'),
};

function namedFileMissing(n: NonNullable<FailureOf<'FILE_NOT_FOUND'>['named']>): Words {
  const what = NAMED_FILES[n.kind];
  const where = n.base
    ? t(
      `报告中的路径（${n.recorded}）是相对运行 reconcile 时所在的目录写的：请确认 --base 指向那个目录。`,
      `paths in the report (${n.recorded}) are relative to where reconcile was run: check that --base names that folder.`,
    )
    : t(
      `报告中的路径按运行 reconcile 时所在的目录写（这里是 ${n.recorded}）：请在那个目录下运行 verify，或用 --base <目录> 指明它。`,
      `paths in the report are as given where reconcile was run (here ${n.recorded}): run verify from there, or name that folder with --base <dir>.`,
    );
  const others = n.others.length === 0 ? NONE : t(`另有 ${n.others.join('、')} 也找不到。`, ` Also missing: ${n.others.join(', ')}.`);
  return [t(`找不到报告所列的${what.zh}`, `the ${what.en} the report names is not there`), t(`${where.zh}${others.zh}`, `${where.en}${others.en}`)];
}

const LEDGER_WORDS = { allocated: t('上级下达', 'allocated'), disbursed: t('拨付', 'disbursed'), landed: t('落地', 'landed') };

function headingAmbiguous(f: FailureOf<'HEADING_AMBIGUOUS'>): Words {
  const { first, last, count } = f.under;
  const under = count === 1 ? t(`第 ${first} 行`, `row ${first}`) : t(`第 ${first}–${last} 行（${count} 行）之和`, `the sum of rows ${first}–${last} (${count} rows)`);
  const but = f.notRow !== undefined ? t(`（第 ${f.notRow} 行不是）`, ` (and row ${f.notRow} is not)`) : NONE;
  const maybe = f.maybe;
  const rows = t(
    `第 ${maybe.join('、')} 行${maybe.length > 1 ? '都' : ''}是标题行${but.zh}`,
    `${maybe.length === 1 ? 'row' : 'rows'} ${maybe.join(', ')} ${maybe.length === 1 ? 'is a heading' : 'are all headings'}${but.en}`,
  );
  const list = `"${f.configPath}": { "headings": [${maybe.join(', ')}] }`;
  const none = `"${f.configPath}": { "headings": "none" }`;
  const why = f.rival ? t('合计行对两种读法都相符', 'the total foots either way') : t('没有合计行可以核对', 'no total settles it');
  const other = f.otherLedger === undefined ? undefined : LEDGER_WORDS[f.otherLedger];
  const message = f.kind === 'doubt'
    ? t(
      `这一行“${f.label}”${f.amount} 元等于${under.zh}，可能是分类标题行（其金额是下面各行之和），也可能是一个项目；${why.zh}，其他台账里也没有这个项目，无法确定`,
      `this row "${f.label}" (${f.amount}) equals ${under.en}: it may be a heading carrying their sum or a row of its own; ${why.en} and no other ledger has this key`,
    )
    : t(
      `这一行“${f.label}”${f.amount} 元等于${under.zh}，按分类标题行处理会不计入金额，但${other?.zh}台账中有这个项目`,
      `this row "${f.label}" (${f.amount}) equals ${under.en} and would be read as a heading and not counted, but the ${other?.en} ledger has this key`,
    );
  return [message, t(
    `请在配置中写明哪些行是标题行（金额是其下各行之和、不计入合计的行）。如果${rows.zh}，写：${list}；如果这张表没有标题行，写：${none}；否则请列出真正的标题行的行号。`,
    `Say in the config which rows are headings (rows carrying the sum of the rows under them, not counted). If ${rows.en}, write ${list}; if the sheet has no headings, write ${none}; otherwise list the rows that are.`,
  )];
}

/** Status values already known, shown so the user sees what the tool reads without config. */
const KNOWN_STATUS = { success: ['成功', '交易成功', '已发放', '已到账'], failed: ['失败', '退回', '已退回', '退票', '冲正', '撤销'] };

function statusUnknown(f: FailureOf<'STATUS_UNKNOWN'>): Words {
  const value = f.text ?? '';
  const v = JSON.stringify(value);
  const success = `"${f.configPath}": { "status": { "success": [${v}] } }`;
  const failed = `"${f.configPath}": { "status": { "failed": [${v}] } }`;
  const none = `"${f.configPath}": { "status": false }`;
  return [value === ''
    ? t('这一行有金额，但发放状态是空的，无法判断这笔钱是否到账', 'this row has an amount but its payment status is empty: whether the money landed is unknown')
    : t('无法识别的发放状态，无法判断这笔钱是否到账', 'a payment status this tool does not know: whether the money landed is unknown'), t(
    `本工具不猜测发放结果。若 ${v} 表示已到账，请在配置中写：${success}；若表示失败或退回（这笔钱不计入），写：${failed}；若这一列不是发放结果，写：${none}。已认识的取值如 ${KNOWN_STATUS.success.join('、')}（成功）和 ${KNOWN_STATUS.failed.join('、')}（失败或退回）。`,
    `The tool does not guess a payment's outcome. If ${v} means the money arrived, write in the config: ${success}; if it failed or came back (and is not counted), write: ${failed}; if this column is not a payment result, write: ${none}. Known values include ${KNOWN_STATUS.success.join(', ')} (success) and ${KNOWN_STATUS.failed.join(', ')} (failed or returned).`,
  )];
}

const TYPE_WORDS: Record<string, Bilingual> = {
  string: t('字符串', 'a string'),
  number: t('数字', 'a number'),
  int: t('整数', 'a whole number'),
  object: t('对象（{ … }）', 'an object'),
  array: t('列表（[ … ]）', 'a list'),
  boolean: t('true 或 false', 'true or false'),
};

function configProblem(p: ConfigProblem): Bilingual {
  switch (p.kind) {
    case 'type': {
      const type = TYPE_WORDS[p.expected] ?? t(p.expected, p.expected);
      return t(`应为${type.zh}`, `expected ${type.en}`);
    }
    case 'unknown-keys': {
      const keys = p.keys.map((k) => JSON.stringify(k));
      return t(`未知字段 ${keys.join('、')}`, `unknown field${p.keys.length > 1 ? 's' : ''} ${keys.join(', ')}`);
    }
    case 'one-of': return t(`应为以下之一：${p.values.join('、')}`, `expected one of: ${p.values.join(', ')}`);
    case 'headings': return t('应为 "none" 或行号列表，例如 [3, 7]', 'expected "none" or a list of row numbers, like [3, 7]');
    case 'status': return t('应为 false，或 { "success": [ … ], "failed": [ … ] }', 'expected false, or { "success": [ … ], "failed": [ … ] }');
    case 'strings': return t('应为字符串或字符串列表', 'expected a string or a list of strings');
    case 'empty-string': return t('不能为空', 'must not be empty');
    case 'empty-list': return t('不能是空列表', 'must not be an empty list');
    case 'decimal': return t('应为加引号的数字，例如 "0.50"', 'expected a decimal number in quotes, like "0.50"');
    case 'yuan': return t('应为加引号的元金额，最多两位小数，例如 "0.50"', 'expected an amount in 元 in quotes, at most two decimals, like "0.50"');
    case 'more-than': return t(`应大于 ${p.bound}`, `must be more than ${p.bound}`);
    case 'at-least': return t(`应不小于 ${p.bound}`, `must be at least ${p.bound}`);
    case 'less-than': return t(`应小于 ${p.bound}`, `must be less than ${p.bound}`);
    case 'at-most': return t(`应不大于 ${p.bound}`, `must be at most ${p.bound}`);
    case 'other': return t(p.zh ?? p.message, p.message);
  }
}

const AGAIN = t(
  'verify 读取 fundgap reconcile 用 -f json 或 -f xlsx 写出的报告。请确认文件没有被改动，或重新生成报告。',
  'verify reads the report fundgap reconcile writes with -f json or -f xlsx: check the file was not edited, or produce the report again.',
);

function reportInvalid(f: FailureOf<'REPORT_INVALID'>): Words {
  switch (f.problem) {
    case 'not-file': return [t('这不是一个文件', 'this is not a file'), AGAIN];
    case 'not-report': return [t('这不是 fundgap 报告（既不是 JSON 也不是 XLSX 工作底稿）', 'this is not a fundgap report (neither JSON nor an XLSX working paper)'), AGAIN];
    case 'no-schema': return [t('这不是 fundgap 报告：没有 "schema": "fundgap.report/…"', 'this is not a fundgap report: it has no "schema": "fundgap.report/…"'), AGAIN];
    case 'no-lists': return [t('报告缺少 keys 或 findings 列表，可能已损坏', 'the report has no keys or findings list and may be damaged'), AGAIN];
    case 'too-large':
      return [t('报告太大，且不是 fundgap 写出的逐行格式，无法整体读入', 'the report is too large to read whole, and not laid out a line per key as fundgap writes it'), AGAIN];
    case 'head-row':
      return [t('“fundgap”工作表的内容不是 fundgap 写出的样子，工作底稿可能被改动', 'the "fundgap" sheet is not as fundgap writes it: the working paper may have been edited'), AGAIN];
    case 'head-sheet': return [t('这个工作簿不是 fundgap 工作底稿：没有（隐藏的）“fundgap”工作表', 'this workbook is not a fundgap working paper: it has no (hidden) "fundgap" sheet'), AGAIN];
    case 'schema':
      return [t(`报告的格式 ${f.schema} 不是这一版本能读的（${f.readable.join('、')}）`, `the report's schema ${f.schema} is not one this version reads (${f.readable.join(', ')})`), t(
        '报告多半由更新版本的 fundgap 写出：请用写出它的版本（见报告中的 tool.version）核对。',
        'the report was probably written by a newer fundgap: verify it with that version (see tool.version in the report).',
      )];
    case 'line':
      return [f.object
        ? t(`第 ${f.line} 行不是有效的 JSON 对象，报告可能被改动`, `line ${f.line} is not a valid JSON object: the report may have been edited`)
        : t(`第 ${f.line} 行不是 fundgap 写出的样子，报告可能被改动或截断`, `line ${f.line} is not as fundgap writes it: the report may have been edited or cut short`), AGAIN];
    case 'json':
      return [f.sheet === undefined
        ? t(`报告不是有效的 JSON，可能已损坏：${f.detail}`, `the report is not valid JSON and may be damaged: ${f.detail}`)
        : t(`“${f.sheet}”工作表中的报告数据无法读取：${f.detail}`, `the report data in the "${f.sheet}" sheet cannot be read: ${f.detail}`), AGAIN];
    case 'part':
      return [t(`报告中的 ${f.where} 无法读取：${f.detail}`, `${f.where} in the report cannot be read: ${f.detail}`), f.newer
        ? t(
          '报告可能被改动或损坏，或由更新版本的 fundgap 写出（见报告中的 tool.version）：请用写出它的版本核对，或重新生成报告。',
          'the report may have been edited or damaged, or written by a newer fundgap (see tool.version in the report): verify it with that version, or produce the report again',
        )
        : t('报告可能被改动或损坏：请重新生成报告。', 'the report may have been edited or damaged: produce it again.')];
    case 'other': return [t(f.detail, f.detail), AGAIN];
  }
}

function resultsInvalid(f: FailureOf<'RESULTS_INVALID'>): Words {
  switch (f.problem) {
    case 'out-of-range': return [t('金额超出范围', 'an amount out of range')];
    case 'duplicate-key':
      return [t('结果表 key_report 中同一个项目出现了两次', 'the result table key_report has the same key twice'), t(
        '多半是把两次运行的结果表放进了同一个文件夹：每个结果文件夹只放一次运行的结果。',
        'Most likely two runs\' result tables were put in one folder: keep one run\'s results per folder.',
      )];
    case 'manifest': {
      const why = f.why === 'json'
        ? t('不是有效的 JSON', 'not valid JSON')
        : t(`不是 fundgap normalise 写出的清单（应有 "schema": "${f.schema}"）`, `not a manifest fundgap normalise writes (it should have "schema": "${f.schema}")`);
      return [t(`清单无法读取：${why.zh}`, `the manifest cannot be read: ${why.en}`), t('请用 fundgap normalise 重新生成这个文件夹。', 'Produce the folder again with fundgap normalise.')];
    }
    case 'manifest-shape':
      return [t(`清单 ${f.path} 处不对：${f.detail}`, `the manifest is wrong at ${f.path}: ${f.detail}`), t(
        '清单应是 fundgap normalise 写出的原样：请用 fundgap normalise 重新生成这个文件夹，不要手改。',
        'The manifest must be as fundgap normalise wrote it: produce the folder again with fundgap normalise rather than editing it.',
      )];
    case 'row-counts': {
      const said = (c: { used: number; excluded: number; amount: string } | null) => (c === null
        ? t('没有', 'none')
        : t(`计入 ${c.used} 行、金额 ${c.amount}，不计入 ${c.excluded} 行`, `${c.used} rows used, amounting to ${c.amount}, and ${c.excluded} left out`));
      const [want, got] = [said(f.expected), said(f.got)];
      return [t(
        `结果表汇总的${LEDGER_WORDS[f.role].zh}台账（${f.file}）与 normalise 写出的不一致：结果表中${got.zh}，normalise 写出${want.zh}`,
        `the result tables do not sum the ${f.role} ledger (${f.file}) as normalise wrote it: the results have ${got.en}, normalise wrote ${want.en}`,
      ), t(
        '规范化数据在 normalise 之后被删改、复制或混入了别的县的文件，报告中的金额不可信。请只对这一次 normalise 写出的 ledger_rows（每个县一次运行）运行 SQL，并使用它的 manifest.json。',
        'The normalised rows were changed, dropped, copied or mixed with another county\'s after normalise, so no figure of this report can be trusted. Run the SQL over exactly the ledger_rows of this one normalise run (one county per run), with its manifest.json.',
      )];
    }
    case 'column-type':
      return [t(
        `${f.table} 的 ${f.column} 列应为 ${f.expected}，实际是 ${f.got ?? '（缺少这一列）'}`,
        `column ${f.column} of ${f.table} should be ${f.expected}, and is ${f.got ?? 'missing'}`,
      ), t('这不是 fundgap normalise 写出的数据：请用 fundgap normalise 重新生成，不要改写其中的 Parquet 文件。', 'These are not the rows fundgap normalise wrote: produce them again with fundgap normalise rather than rewriting its Parquet files.')];
    case 'engine':
      return [t(`DuckDB 无法读取这些文件：${f.detail}`, `DuckDB cannot read these files: ${f.detail}`), t(
        '文件缺失、不完整或不是 Parquet：请用 fundgap normalise（或 SQL）重新生成这个文件夹。',
        'A file is missing, truncated or not Parquet: produce the folder again with fundgap normalise (or the SQL).',
      )];
    case 'no-manifest':
      return [t(`这个文件夹里没有 ${f.file}`, `this folder has no ${f.file}`), t(
        `请给出 fundgap normalise 写出的文件夹；Spark 等引擎的结果文件夹里要放一份那次 normalise 的 ${f.file}。`,
        `Name a folder fundgap normalise wrote; a folder of an engine's results (Spark) needs a copy of that run's ${f.file}.`,
      )];
    case 'value':
      return [t(`结果表 ${f.table} 的 ${f.column} 列不是 fundgap 的 SQL 给出的那种值`, `column ${f.column} of the result table ${f.table} is not what fundgap's SQL gives`), t(
        '请用 sql/ 中的 SQL 重新生成结果表（docs/scale.md 说明了每张表）。',
        'Produce the result tables again with the SQL in sql/ (docs/scale.md describes each).',
      )];
    case 'no-table':
      return [t(`结果文件夹里没有 ${f.table} 表`, `the results folder has no ${f.table} table`), t(
        `应有 ${f.table}.parquet 或 ${f.table}/ 文件夹（Spark 写出的 part-*.parquet）；docs/scale.md 列出了每张结果表。`,
        `Expected ${f.table}.parquet or a folder ${f.table}/ of part files (as Spark writes them); docs/scale.md lists every result table.`,
      )];
    case 'role': return [t(`结果表 ${f.table} 中的 role 不对`, `a role in the result table ${f.table} is not one of allocated, disbursed, landed`)];
  }
}
