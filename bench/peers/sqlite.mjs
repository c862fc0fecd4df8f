// The reconciliation's arithmetic in the sqlite3 command-line shell, as a yardstick for
// fundgap: import the three CSV ledgers into an in-memory database, sum each key in integer
// fen, join the sums with full outer joins (SQLite 3.39+), write one line per key to a CSV
// file and print the key count and totals in fen as JSON. This module only writes the SQL;
// the benchmark feeds it to `sqlite3 -batch -bail :memory:` on stdin.

const quote = (s) => `'${s.replace(/'/g, "''")}'`;

// The generated amounts always have exactly two decimals (the script checks it and reports
// any that do not), so dropping the point gives fen exactly, with no binary fraction.
const FEN = `CAST(replace(amount, '.', '') AS INTEGER)`;
const BAD = `amount NOT GLOB '*[0-9].[0-9][0-9]' OR amount GLOB '*[^0-9.]*'`;

export function sqliteScript({ allocated, disbursed, landed, out }) {
  const tables = [['a', allocated], ['d', disbursed], ['l', landed]];
  return [
    '.bail on',
    '.mode csv',
    ...tables.flatMap(([t, path]) => [
      `CREATE TABLE ${t}(key TEXT, village TEXT, source TEXT, day TEXT, remark TEXT, amount TEXT);`,
      `.import --skip 1 ${quote(path)} ${t}`,
      // Keyed tables: the full outer joins below then probe an index. On tables made with
      // CREATE TABLE … AS, SQLite 3.40 plans them as nested scans, quadratic in the keys.
      `CREATE TABLE s${t}(key TEXT PRIMARY KEY, fen INTEGER, n INTEGER) WITHOUT ROWID;`,
      `INSERT INTO s${t} SELECT key, sum(${FEN}), count(*) FROM ${t} GROUP BY key;`,
    ]),
    `CREATE TABLE joined AS
  SELECT coalesce(sa.key, sd.key, sl.key) AS key,
         coalesce(sa.fen, 0) AS a, coalesce(sd.fen, 0) AS d, coalesce(sl.fen, 0) AS l
  FROM sa FULL OUTER JOIN sd ON sd.key = sa.key
          FULL OUTER JOIN sl ON sl.key = coalesce(sa.key, sd.key);`,
    `.once ${quote(out)}`,
    'SELECT key, a, d, l, a - d AS retained, d - l AS not_landed FROM joined ORDER BY key;',
    '.mode list',
    `SELECT json_object(
  'keys', CAST(count(*) AS TEXT),
  'allocated', CAST(sum(a) AS TEXT), 'disbursed', CAST(sum(d) AS TEXT), 'landed', CAST(sum(l) AS TEXT),
  'gapKeys', CAST(sum(a <> d OR d <> l) AS TEXT),
  'badAmounts', (SELECT count(*) FROM a WHERE ${BAD}) + (SELECT count(*) FROM d WHERE ${BAD}) + (SELECT count(*) FROM l WHERE ${BAD})
) FROM joined;`,
    '',
  ].join('\n');
}
