# The reconciliation of sql/ on Spark: binds the normalised rows and the params row that
# `fundgap normalise` wrote, registers fundgap's two row functions, runs sql/NN-*.sql in
# order and writes the result tables `fundgap report --from` reads (docs/scale.md, section 8).
#
#   spark-submit --py-files scripts/spark/fundgap_udfs.py scripts/spark/fundgap_spark.py \
#     --rows 'rows/*/ledger_rows' --params rows/county-a/params.parquet --sql sql --out results

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
}


def quoted(path):
    return "'" + path.replace("'", "''") + "'"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description='fundgap: the reconciliation of sql/ on Spark')
    p.add_argument('--rows', required=True, help="the normalised rows: a folder or glob of Parquet files, e.g. 'rows/*/ledger_rows'")
    p.add_argument('--params', required=True, help='params.parquet of the normalise run whose settings apply')
    p.add_argument('--sql', default=os.path.join(here, '..', '..', 'sql'), help='the sql/ folder of fundgap')
    p.add_argument('--out', required=True, help='where to write the result tables, one folder each')
    args = p.parse_args()

    # ANSI mode: an overflow is an error, never a wrapped number.
    spark = SparkSession.builder.appName('fundgap').config('spark.sql.ansi.enabled', 'true').getOrCreate()
    register(spark)
    spark.sql(f'CREATE TEMPORARY VIEW ledger_rows USING parquet OPTIONS (path {quoted(args.rows)})')
    spark.sql(f'CREATE TEMPORARY VIEW params USING parquet OPTIONS (path {quoted(args.params)})')
    for path in sorted(glob.glob(os.path.join(args.sql, '[0-9][0-9]-*.sql'))):
        with open(path, encoding='utf-8') as f:
            spark.sql(f.read().strip().rstrip(';'))
    for name, view in RESULT_TABLES.items():
        spark.table(view).write.mode('overwrite').parquet(os.path.join(args.out, name))
    spark.stop()


if __name__ == '__main__':
    main()
