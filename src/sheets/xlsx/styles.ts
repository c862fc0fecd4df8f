// Reads styles.xml only to learn which cell styles (the `s` index of a cell, into cellXfs) show
// a date, since a date is stored as a plain number. Fonts, fills and the rest are ignored.

import { isDateFormatCode, isDateFormatId } from './dates.js';
import { parsePart, type Attributes } from './xml.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/** For each cellXfs index, whether a numeric cell with that style is a date. */
export type DateStyles = readonly boolean[];

export async function readDateStyles(zip: ZipArchive, entry: ZipEntry | undefined, displayName: string): Promise<DateStyles> {
  if (!entry) return [];
  const customCodes = new Map<number, string>();
  const xfFormats: number[] = [];
  // <numFmt> and <xf> also appear in conditional formats (dxfs) and cell-style masters
  // (cellStyleXfs); only the lists that cells refer to count.
  let within: 'numFmts' | 'cellXfs' | undefined;
  await parsePart(zip, entry, displayName, {
    open(name: string, a: Attributes) {
      if (name === 'numFmts' || name === 'cellXfs') within = name;
      else if (name === 'numFmt' && within === 'numFmts') customCodes.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'xf' && within === 'cellXfs') xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name: string) {
      if (name === within) within = undefined;
    },
  });
  // A <numFmt> may redefine a built-in id (WPS writes its CJK date formats out this way);
  // its own code then decides.
  return xfFormats.map((id) => {
    const code = customCodes.get(id);
    return code === undefined ? isDateFormatId(id) : isDateFormatCode(code);
  });
}
