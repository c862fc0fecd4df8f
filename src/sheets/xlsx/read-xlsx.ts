// Opens an .xlsx workbook: lists its worksheets in tab order and streams any one of them as raw
// rows (see ../types.ts). Only the shared strings, date styles and merged ranges are held in
// memory; rows are never buffered, and numeric cells keep the file's own decimal text.

import { posix } from 'node:path';
import { FundgapError } from '../../errors.js';
import type { RawRow, ReadPosition, SheetInfo } from '../types.js';
import { DEFAULT_LIMITS, type XlsxLimits } from './limits.js';
import { readSharedStrings } from './shared-strings.js';
import { flatten, scanMerges, sheetRowBatches, type ParserChoice } from './sheet.js';
import { readDateStyles, type DateStyles } from './styles.js';
import { scanHiddenColumns } from './hidden-columns.js';
import { inSheet, parsePart, type Attributes } from './xml.js';
import { openZip, type ZipArchive, type ZipEntry } from './zip.js';

export interface XlsxOptions {
  /** Raise these for a genuinely huge workbook; the defaults stop zip bombs (limits.ts). */
  readonly limits?: Partial<XlsxLimits> | undefined;
  /** Which XML parser reads the rows and shared strings: 'auto' unless a test forces one. */
  readonly parser?: ParserChoice | undefined;
}

export interface XlsxBook {
  /** Worksheets in tab order; chart sheets are left out (they have no cells). */
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  /** Stream the rows of one sheet (by exact name). Throws SHEET_NOT_FOUND at once if absent. */
  rows(sheetName: string): AsyncIterable<RawRow>;
  /** The 0-based indices of the columns hidden in one sheet (empty for an unknown sheet). */
  hiddenColumns(sheetName: string): Promise<ReadonlySet<number>>;
  /** How far the latest rows() of a sheet has got, in the file's compressed bytes. */
  readPosition(sheetName: string): ReadPosition | undefined;
}

interface Relationship {
  readonly type: string;
  /** The part name the target resolves to, without a leading slash. */
  readonly part: string;
}

interface SheetEntry extends SheetInfo {
  /** The worksheet part, or undefined when the workbook's relationship for it is missing. */
  readonly part: string | undefined;
}

/** Relationship types end the same way in transitional and strict OOXML. */
const isType = (rel: Relationship | undefined, kind: string): boolean => rel?.type.endsWith(`/${kind}`) === true;

export async function openXlsx(path: string, displayName: string, options: XlsxOptions = {}): Promise<XlsxBook> {
  const limits = limitsOf(options);
  const parser = options.parser ?? 'auto';
  const zip = await openZip(path, displayName, limits.maxPartBytes);
  const { sheets, date1904, workbookRels } = await listSheets(zip, displayName);

  const partOf = (kind: string, fallback: string): ZipEntry | undefined => {
    const rel = [...workbookRels.values()].find((r) => isType(r, kind));
    return zip.entry(rel?.part ?? fallback);
  };
  // Loaded on the first rows() call and shared by later ones: listing sheets needs neither.
  let lookups: Promise<{ sharedStrings: string[]; dateStyles: DateStyles }> | undefined;
  const loadLookups = () =>
    (lookups ??= (async () => ({
      sharedStrings: await readSharedStrings(zip, partOf('sharedStrings', 'xl/sharedStrings.xml'), displayName, {
        maxBytes: limits.maxSharedStringsBytes,
        parser,
      }),
      dateStyles: await readDateStyles(zip, partOf('styles', 'xl/styles.xml'), displayName),
    }))());

  /** XML bytes of each sheet's part that its latest reading has inflated, for readPosition. */
  const inflated = new Map<string, number>();
  async function* counted(name: string, chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
    inflated.set(name, 0);
    for await (const chunk of chunks) {
      inflated.set(name, inflated.get(name)! + chunk.length);
      yield chunk;
    }
  }

  async function* streamSheet(sheet: SheetEntry): AsyncGenerator<RawRow[]> {
    const entry = sheet.part === undefined ? undefined : zip.entry(sheet.part);
    if (!entry) {
      throw new FundgapError({ code: 'XLSX_MALFORMED', at: { file: displayName, sheet: sheet.name }, problem: 'sheet-missing', sheet: sheet.name, part: sheet.part });
    }
    // The merged ranges are stored after the rows: a scan that only inflates finds them while
    // the shared strings are read and the first rows parsed, on zlib's thread pool.
    const merges = scanMerges(zip.chunks(entry), displayName, entry.name).catch((e: unknown) => {
      throw e instanceof FundgapError ? inSheet(e, sheet.name) : e;
    });
    // Awaited by the rows; should reading fail first, its own failure is the one to report.
    merges.catch(() => {});
    const { sharedStrings, dateStyles } = await loadLookups();
    yield* sheetRowBatches(() => counted(sheet.name, zip.chunks(entry)), {
      displayName, sheet: sheet.name, part: entry.name, sharedStrings, dateStyles, date1904, merges, parser,
    });
  }

  return {
    sheets: sheets.map(({ name, state }) => ({ name, state })),
    date1904,
    rows(sheetName: string): AsyncIterable<RawRow> {
      const sheet = sheets.find((s) => s.name === sheetName);
      if (!sheet) throw sheetNotFound(sheets, sheetName, displayName);
      return flatten(streamSheet(sheet));
    },
    async hiddenColumns(sheetName: string): Promise<ReadonlySet<number>> {
      const part = sheets.find((s) => s.name === sheetName)?.part;
      const entry = part === undefined ? undefined : zip.entry(part);
      return entry ? scanHiddenColumns(zip.chunks(entry)) : new Set();
    },
    readPosition(sheetName: string): ReadPosition | undefined {
      const part = sheets.find((s) => s.name === sheetName)?.part;
      const entry = part === undefined ? undefined : zip.entry(part);
      if (!entry || entry.uncompressedSize === 0) return undefined;
      // The file's own bytes, which a person knows the size of: the compressed part, passed in
      // the proportion of its XML read (deflate shrinks a sheet's rows about evenly).
      const share = Math.min(1, (inflated.get(sheetName) ?? 0) / entry.uncompressedSize);
      return { bytes: Math.round(share * entry.compressedSize), totalBytes: entry.compressedSize };
    },
  };
}

/** The workbook's worksheets in tab order (chart sheets left out), its date system and its relationships. */
async function listSheets(zip: ZipArchive, displayName: string): Promise<{ sheets: SheetEntry[]; date1904: boolean; workbookRels: Map<string, Relationship> }> {
  const rootRels = await readRelationships(zip, '', displayName);
  const workbookPart = [...rootRels.values()].find((r) => isType(r, 'officeDocument'))?.part ?? 'xl/workbook.xml';
  const workbookEntry = zip.entry(workbookPart);
  if (!workbookEntry) {
    throw new FundgapError({ code: 'XLSX_MALFORMED', at: { file: displayName }, problem: 'no-workbook', part: workbookPart });
  }

  const { declared, date1904 } = await readWorkbook(zip, workbookEntry, displayName);

  const workbookRels = await readRelationships(zip, workbookPart, displayName);
  const sheets: SheetEntry[] = [];
  for (const d of declared) {
    const rel = d.rid === undefined ? undefined : workbookRels.get(d.rid);
    if (rel && !isType(rel, 'worksheet')) continue;
    sheets.push({ name: d.name, state: d.state, part: rel?.part });
  }
  return { sheets, date1904, workbookRels };
}

/** The sheets the workbook part declares, in tab order, and its date system. */
async function readWorkbook(zip: ZipArchive, entry: ZipEntry, displayName: string): Promise<{ declared: DeclaredSheet[]; date1904: boolean }> {
  const declared: DeclaredSheet[] = [];
  let date1904 = false;
  await parsePart(zip, entry, displayName, {
    open(name: string, a: Attributes) {
      if (name === 'workbookPr') {
        date1904 = a.date1904 === '1' || a.date1904 === 'true';
      } else if (name === 'sheet') {
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        // The id attribute's prefix is whatever the file bound the relationships namespace to.
        const ridKey = Object.keys(a).find((k) => k.endsWith(':id'));
        declared.push({ name: a.name ?? '', state, rid: ridKey === undefined ? undefined : a[ridKey] });
      }
    },
  });
  return { declared, date1904 };
}

interface DeclaredSheet {
  readonly name: string;
  readonly state: SheetInfo['state'];
  /** The relationship id of its part. */
  readonly rid: string | undefined;
}

/** The limits given, the defaults for the rest. */
function limitsOf(options: XlsxOptions): XlsxLimits {
  return {
    maxPartBytes: options.limits?.maxPartBytes ?? DEFAULT_LIMITS.maxPartBytes,
    maxSharedStringsBytes: options.limits?.maxSharedStringsBytes ?? DEFAULT_LIMITS.maxSharedStringsBytes,
  };
}

function sheetNotFound(sheets: readonly SheetInfo[], sheetName: string, displayName: string): FundgapError {
  return new FundgapError({
    code: 'SHEET_NOT_FOUND',
    at: { file: displayName },
    text: sheetName,
    problem: 'named',
    sheets: sheets.map((s) => ({ name: s.name, state: s.state })),
  });
}

/**
 * The relationships of a part (`xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`; '' for the
 * package's own), by id, with targets resolved to part names. External targets are skipped.
 */
async function readRelationships(zip: ZipArchive, part: string, displayName: string): Promise<Map<string, Relationship>> {
  const dir = posix.dirname(part);
  const entry = zip.entry(posix.join(dir, '_rels', `${posix.basename(part)}.rels`));
  const rels = new Map<string, Relationship>();
  if (!entry) return rels;
  await parsePart(zip, entry, displayName, {
    open(name: string, a: Attributes) {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Id || !a.Target) return;
      rels.set(a.Id, { type: a.Type ?? '', part: resolveTarget(dir, a.Target) });
    },
  });
  return rels;
}

/** 'worksheets/sheet1.xml' from 'xl' -> 'xl/worksheets/sheet1.xml'; '/xl/...' is absolute. */
function resolveTarget(dir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  t = t.replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t : posix.join(dir, t);
  return posix.normalize(joined).replace(/^\/+/, '');
}
