// The two shapes that make up nearly all of a large workbook, as the fast scanner's shortcuts
// (see Shortcut in xml-scan.ts): the plain cell <c r="B2" s="1" t="s"><v>12</v></c> and the
// plain shared string <si><t>左权镇</t></si>. Anything richer (a formula, an inline string,
// an entity, other attributes or spacing) does not match and takes the general path.

import type { Shortcut } from './xml-scan.js';
import type { AttrReader, XmlSink } from './xml.js';

/** A namespace prefix such as "x:", or none; the same one must close the element. */
const PREFIX = '((?:[A-Za-z_][\\w.-]*:)?)';
/** An attribute value that needs no decoding: no quote, markup, entity or white space. */
const VALUE = '([^"<&\\x00-\\x20\\ufffe\\uffff]*)';
/**
 * Text that needs no decoding: no markup, entity or CR, no "]" (so no "]]>"), no character
 * XML does not allow. Tab and line feed stand as they are.
 */
const TEXT = '([^<&\\]\\r\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]*)';

const NO_ATTRS: AttrReader = { get: () => undefined };

/** The attributes of a plain cell. */
class CellAttrs implements AttrReader {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;

  get(name: string): string | undefined {
    switch (name) {
      case 'r':
        return this.r;
      case 's':
        return this.s;
      case 't':
        return this.t;
      default:
        return undefined;
    }
  }
}

/**
 * <c> with r=, s= and t= in Excel's order (or t before s, as some writers put it), each at most
 * once, and either nothing, or one <v> of plain text, inside.
 */
export function plainCell(): Shortcut {
  const attrs = new CellAttrs();
  return {
    pattern: new RegExp(
      `<${PREFIX}c(?: r="${VALUE}")?(?: t="${VALUE}")?(?: s="${VALUE}")?(?: t="${VALUE}")?` +
        `(?:/>|>(?:<\\1v>${TEXT}</\\1v>)?</\\1c>)`,
      'y',
    ),
    emit(m: RegExpExecArray, sink: XmlSink): boolean {
      // t= on both sides of s= is a repeated attribute, which the general path refuses.
      if (m[3] !== undefined && m[5] !== undefined) return false;
      attrs.r = m[2];
      attrs.t = m[3] ?? m[5];
      attrs.s = m[4];
      sink.open('c', attrs);
      const v = m[6];
      if (v !== undefined) {
        sink.open('v', NO_ATTRS);
        if (v !== '') sink.text(v);
        sink.close('v');
      }
      sink.close('c');
      return true;
    },
  };
}

/** <si> holding one <t> (with xml:space="preserve" or not) of plain text. */
export function plainSharedString(): Shortcut {
  const preserve: AttrReader = { get: (name: string) => (name === 'xml:space' ? 'preserve' : undefined) };
  return {
    pattern: new RegExp(`<${PREFIX}si><\\1t( xml:space="preserve")?>${TEXT}</\\1t></\\1si>`, 'y'),
    emit(m: RegExpExecArray, sink: XmlSink): boolean {
      sink.open('si', NO_ATTRS);
      sink.open('t', m[2] === undefined ? NO_ATTRS : preserve);
      if (m[3] !== '') sink.text(m[3]!);
      sink.close('t');
      sink.close('si');
      return true;
    },
  };
}
