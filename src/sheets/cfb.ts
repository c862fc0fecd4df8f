// Lists the stream and storage names of an OLE compound file (MS-CFB): the container of
// Excel 97-2003 .xls, WPS .et, Word .doc and of password-protected .xlsx files. It reads the
// header and follows the directory's sector chain through the FAT, and nothing else; every
// count and offset comes from the file, so each is bounded before it is trusted.

import type { RandomAccess } from '../io/bytes.js';

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;
/** Sector ids from 0xFFFFFFFA up are markers (free, end of chain, FAT, DIFAT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffff9;
const HEADER_DIFAT = 109;
/** More directory sectors than any workbook has (4096 entries with 512-byte sectors). */
const MAX_DIRECTORY_SECTORS = 1024;
const MAX_DIFAT_SECTORS = 4096;
const ENTRY_SIZE = 128;

export function isCompoundFile(head: Uint8Array): boolean {
  return head.length >= 8 && SIGNATURE.every((b, i) => head[i] === b);
}

/**
 * The names of the storages and streams in the file, in directory order. Undefined when the
 * header or directory cannot be read (a damaged or truncated file); a chain that breaks off
 * part-way gives the names found before the break.
 */
export async function compoundFileNames(file: RandomAccess): Promise<string[] | undefined> {
  const header = await file.read(0, 512);
  if (header.length < 512 || !isCompoundFile(header)) return undefined;
  const shift = header.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.ceil(file.size / sectorSize) - 1;
  const inFile = (s: number) => s >= 0 && s <= MAX_REGULAR_SECTOR && s < sectorCount;
  const readSector = (s: number) => file.read((s + 1) * sectorSize, sectorSize);

  // The FAT sectors' ids: 109 in the header, the rest in a chain of DIFAT sectors, read only
  // as far as a lookup needs.
  const difat: number[] = [];
  for (let i = 0; i < HEADER_DIFAT; i++) difat.push(header.readUInt32LE(76 + i * 4));
  let nextDifat = header.readUInt32LE(68);
  let difatRead = 0;
  const fatSectorId = async (index: number): Promise<number | undefined> => {
    while (index >= difat.length && inFile(nextDifat) && difatRead < MAX_DIFAT_SECTORS) {
      const sector = await readSector(nextDifat);
      difatRead++;
      for (let i = 0; i < perSector - 1; i++) difat.push(sector.readUInt32LE(i * 4));
      nextDifat = sector.readUInt32LE((perSector - 1) * 4);
    }
    return difat[index];
  };
  const nextInChain = async (s: number): Promise<number | undefined> => {
    const fat = await fatSectorId(Math.floor(s / perSector));
    if (fat === undefined || !inFile(fat)) return undefined;
    const entry = await file.read((fat + 1) * sectorSize + (s % perSector) * 4, 4);
    return entry.length === 4 ? entry.readUInt32LE(0) : undefined;
  };

  const names: string[] = [];
  const seen = new Set<number>();
  let s = header.readUInt32LE(48);
  if (!inFile(s)) return undefined;
  while (inFile(s) && !seen.has(s) && seen.size < MAX_DIRECTORY_SECTORS) {
    seen.add(s);
    const sector = await readSector(s);
    for (let p = 0; p + ENTRY_SIZE <= sector.length; p += ENTRY_SIZE) {
      const type = sector[p + 66];
      const nameBytes = sector.readUInt16LE(p + 64);
      // 1 storage, 2 stream, 5 root; 0 is an unused slot.
      if ((type !== 1 && type !== 2 && type !== 5) || nameBytes < 2 || nameBytes > 64) continue;
      names.push(sector.toString('utf16le', p, p + nameBytes - 2));
    }
    const next = await nextInChain(s);
    if (next === undefined || next === END_OF_CHAIN) break;
    s = next;
  }
  return names;
}
