// Lower bounds for reading one CSV ledger, each run as its own process by the benchmark:
// `bytes` streams the file and does nothing else; `csv-parse` also splits it into records
// with the parser fundgap uses and the options it passes. Prints `{"rows": n, "bytes": n}`.
// Usage: node bench/floors.mjs bytes|csv-parse <file>

import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';

const [mode, file] = process.argv.slice(2);
// The chunk size fundgap's own reader asks for (src/io/files.ts).
const open = () => createReadStream(file, { highWaterMark: 256 * 1024 });

let bytes = 0;
let rows = 0;
if (mode === 'bytes') {
  for await (const chunk of open()) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  }
} else if (mode === 'csv-parse') {
  const input = open();
  input.on('data', (c) => { bytes += c.length; });
  const parser = input.pipe(parse({ delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  for await (const record of parser) if (record.length > 0) rows++;
} else {
  console.error('usage: node bench/floors.mjs bytes|csv-parse <file>');
  process.exit(2);
}
console.log(JSON.stringify({ rows, bytes }));
