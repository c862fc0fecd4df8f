// The reconciliation's arithmetic in DuckDB, as a yardstick for fundgap: read the three CSV
// ledgers, sum each key's amounts as DECIMAL (exact), join the three sums with full outer
// joins, write one line per key to a CSV file and print the key count and the three totals
// in fen as JSON. Run as its own process by the benchmark.
// Usage: node bench/peers/duckdb.mjs <allocated.csv> <disbursed.csv> <landed.csv> <out.csv>

import { DuckDBInstance } from '@duckdb/node-api';

const [allocated, disbursed, landed, out] = process.argv.slice(2);
const quote = (s) => `'${s.replace(/'/g, "''")}'`;
// Every column as text except the amount, as the ledgers hold them; no type guessing.
const read = (path) =>
  `read_csv(${quote(path)}, header = true, delim = ',', quote = '"', auto_detect = false, ` +
  `columns = {'key': 'VARCHAR', 'village': 'VARCHAR', 'source': 'VARCHAR', 'day': 'VARCHAR', 'remark': 'VARCHAR', 'amount': 'DECIMAL(18,2)'})`;

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
for (const [name, path] of [['a', allocated], ['d', disbursed], ['l', landed]]) {
  await con.run(`CREATE TABLE s${name} AS SELECT key, sum(amount) AS amount, count(*) AS n FROM ${read(path)} GROUP BY key`);
}
await con.run(`
  CREATE TABLE joined AS
  SELECT coalesce(sa.key, sd.key, sl.key) AS key,
         coalesce(sa.amount, 0) AS a, coalesce(sd.amount, 0) AS d, coalesce(sl.amount, 0) AS l
  FROM sa FULL OUTER JOIN sd ON sd.key = sa.key
          FULL OUTER JOIN sl ON sl.key = coalesce(sa.key, sd.key)`);
await con.run(`COPY (SELECT key, a, d, l, a - d AS retained, d - l AS not_landed FROM joined ORDER BY key) TO ${quote(out)} (HEADER)`);
const reader = await con.runAndReadAll(`
  SELECT count(*)::VARCHAR AS keys,
         (sum(a) * 100)::HUGEINT::VARCHAR AS allocated,
         (sum(d) * 100)::HUGEINT::VARCHAR AS disbursed,
         (sum(l) * 100)::HUGEINT::VARCHAR AS landed,
         count(*) FILTER (WHERE a <> d OR d <> l)::VARCHAR AS "gapKeys",
         current_setting('threads')::VARCHAR AS threads
  FROM joined`);
console.log(JSON.stringify(reader.getRowObjects()[0]));
