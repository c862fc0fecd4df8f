// Runs a part reader over a streamed part: through the fast scanner first, and if the part
// holds XML outside the scanner's subset, again from the first byte through saxes. Either way
// the reader sees the same events, so the choice of parser never changes what is read.

import { FastPathUnsupported, FastXmlScanner, type Shortcut } from './xml-scan.js';
import { saxesParser, utf8Chunks, type XmlSink } from './xml.js';

/** 'auto': fast, falling back to saxes. 'fast' and 'saxes' force one parser (for tests). */
export type ParserChoice = 'auto' | 'fast' | 'saxes';

/** A part's inflated bytes, from the start each time it is called. */
export type ChunkSource = () => AsyncIterable<Buffer>;

/**
 * Feeds the part to a sink from `makeSink`, yielding the sink after each chunk so the caller
 * can pass on what it produced. A fallback starts a fresh sink, so the caller's makeSink must
 * know what the first attempt already passed on. `fail` turns any other error into the one
 * to throw, given the sink that met it. `shortcut` is the fast scanner's, for the part's
 * commonest element.
 */
export async function* streamXml<S extends XmlSink>(
  source: ChunkSource,
  choice: ParserChoice,
  makeSink: () => S,
  fail: (e: unknown, sink: S) => unknown,
  shortcut?: Shortcut,
): AsyncGenerator<S> {
  const attempts = choice === 'auto' ? (['fast', 'saxes'] as const) : [choice];
  for (const parserName of attempts) {
    const sink = makeSink();
    const parser = parserName === 'saxes' ? saxesParser(sink) : new FastXmlScanner(sink, shortcut);
    try {
      for await (const text of utf8Chunks(source())) {
        parser.write(text);
        yield sink;
        if (parser.finished) return;
      }
      parser.close();
      return;
    } catch (e) {
      if (e instanceof FastPathUnsupported) {
        if (choice === 'auto') continue;
        throw e;
      }
      throw fail(e, sink);
    }
  }
}
