// DuckDB for the engine tests, loaded as the engine loads it: under `npm ci --omit=optional`
// it is undefined and the tests that need it stand aside.

export const duckdb = await import('@duckdb/node-api').catch(() => undefined);

/** Runs one statement on a fresh in-memory DuckDB (reading Parquet files, say) and returns its rows. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await duckdb!.DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
