# The reconciliation of sql/ on Spark: binds the normalised rows and the params row that
# `fundgap normalise` wrote, registers fundgap's two row functions, runs sql/NN-*.sql in
# order and writes the result tables `fundgap report --from` reads (docs/scale.md, section 8).
#
#   spark-submit --deploy-mode client --py-files scripts/spark/fundgap_udfs.py scripts/spark/fundgap_spark.py \
#     --rows rows/county-a/ledger_rows --params rows/county-a/params.parquet --sql sql --out results/county-a
#
# One county per run gives result tables `fundgap report --from` renders (with that county's
# manifest.json); a run over many counties' rows gives the province's figures only, and its
# --params may be a glob of every county's params.parquet, which must then all be the same.

import argparse
import glob
import os

from pyspark.sql import SparkSession

from fundgap_udfs import register

RESULT_TABLES = {
    'keys': 'key_report',
    'totals': 'totals',
    'invalid_ids': 'invalid_ids',
    'duplicate_payments': 'duplicate_payments',
    'duplicate_names': 'duplicate_names',
    'late_disbursements': 'late_disbursements',
    'retained_tranches': 'retained_tranches',
    'row_counts': 'row_counts',
}


def quoted(path):
    return "'" + path.replace("'", "''") + "'"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description='fundgap: the reconciliation of sql/ on Spark')
    p.add_argument('--rows', required=True, help="the normalised rows: a folder or glob of Parquet files, e.g. 'rows/*/ledger_rows'")
    p.add_argument('--params', required=True, help="params.parquet of the normalise run whose settings apply, or a glob of several that must agree")
    p.add_argument('--sql', default=os.path.join(here, '..', '..', 'sql'), help="the sql/ folder of fundgap, on the driver's own disk")
    p.add_argument('--out', required=True, help='where to write the result tables, one folder each')
    args = p.parse_args()

    # The SQL is read by the driver, not by Spark: in cluster mode a path on the submitting
    # machine is not there. Say so instead of running nothing.
    sql_files = sorted(glob.glob(os.path.join(args.sql, '[0-9][0-9]-*.sql')))
    if not sql_files:
        raise SystemExit(f"fundgap_spark: no NN-*.sql files in --sql {args.sql!r} on the driver. "
                         "Run with --deploy-mode client from a checkout of fundgap, or ship sql/*.sql with --files and pass --sql .")

    # ANSI mode: an overflow is an error, never a wrapped number.
    spark = SparkSession.builder.appName('fundgap').config('spark.sql.ansi.enabled', 'true').getOrCreate()
    register(spark)
    spark.sql(f'CREATE TEMPORARY VIEW ledger_rows USING parquet OPTIONS (path {quoted(args.rows)})')
    spark.sql(f'CREATE TEMPORARY VIEW params USING parquet OPTIONS (path {quoted(args.params)})')
    # Several counties' params (a glob) are one setting only if they are all the same row.
    if spark.sql('SELECT DISTINCT * FROM params').count() != 1:
        spark.stop()
        raise SystemExit(f"fundgap_spark: the params files {args.params!r} do not hold one and the same row of settings. "
                         "Normalise every county with the same config and options, or run the counties apart.")
    for path in sql_files:
        with open(path, encoding='utf-8') as f:
            spark.sql(f.read().strip().rstrip(';'))
    for name, view in RESULT_TABLES.items():
        spark.table(view).write.mode('overwrite').parquet(os.path.join(args.out, name))
    spark.stop()


if __name__ == '__main__':
    main()
