// The shared-string table (xl/sharedStrings.xml), held in memory because any row may refer to
// any entry. Each entry is the text a person sees: rich-text runs joined, phonetic guides
// (<rPh>, furigana/pinyin) left out, OOXML _xHHHH_ escapes decoded.

import { detach, parsePart } from './xml.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/**
 * Decodes the OOXML escape for characters XML cannot carry: _x000D_ is "\r". The escape of an
 * underscore, _x005F_, makes the rest literal: "_x005F_x000D_" reads "_x000D_" (one
 * left-to-right pass gives exactly that).
 */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects the visible text of a string item (<si> or an inline <is>): every <t>, except those
 * inside a phonetic run. Feed it the item's events; `take()` returns the text and resets.
 */
export class StringItem {
  private parts = '';
  private inT = false;
  private phoneticDepth = 0;
  private piece = '';

  open(name: string): void {
    if (name === 't') {
      this.inT = this.phoneticDepth === 0;
      this.piece = '';
    } else if (name === 'rPh') {
      this.phoneticDepth++;
    }
  }

  close(name: string): void {
    if (name === 't' && this.inT) {
      // Escapes are decoded per <t>, so an escape cannot be formed across two runs.
      this.parts += decodeOoxmlEscapes(this.piece);
      this.inT = false;
    } else if (name === 'rPh') {
      this.phoneticDepth--;
    }
  }

  text(s: string): void {
    if (this.inT) this.piece += s;
  }

  take(): string {
    const s = detach(this.parts);
    this.parts = '';
    this.inT = false;
    this.phoneticDepth = 0;
    return s;
  }
}

export async function readSharedStrings(zip: ZipArchive, entry: ZipEntry | undefined, displayName: string): Promise<string[]> {
  if (!entry) return [];
  const strings: string[] = [];
  const item = new StringItem();
  let inSi = false;
  await parsePart(zip, entry, displayName, {
    // saxes reports a closetag for <si/> too, so an empty item is still pushed.
    open(name: string) {
      if (name === 'si') inSi = true;
      else if (inSi) item.open(name);
    },
    close(name: string) {
      if (name === 'si') {
        strings.push(item.take());
        inSi = false;
      } else if (inSi) {
        item.close(name);
      }
    },
    text(s: string) {
      if (inSi) item.text(s);
    },
  });
  return strings;
}
