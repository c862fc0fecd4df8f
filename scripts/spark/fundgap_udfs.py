# fundgap's two row functions for Spark (and DuckDB's Python API): the ID check of
# src/rules/id-number.ts and the netting of reversals of src/rules/duplicate-payment.ts,
# ported line for line. docs/scale.md shows the same code.

import re
from datetime import date, timedelta

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
PROVINCES = {'11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
             '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
             '71', '81', '82', '83'}
HALF = {0x3000: ' ', **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}

def birth_ok(y, m, d, as_of):
    try:
        born = date(y, m, d)
    except ValueError:
        return False
    return y >= 1900 and (as_of is None or born <= as_of)

def id_problem(raw, was_number, as_of):
    if raw is None:
        return None
    id = ''.join(raw.translate(HALF).split()).upper()
    if re.fullmatch(r'\d(\.\d+)?E\+?\d+', id): return 'scientific'
    if was_number and len(id) > 15: return 'stored-as-number'
    if re.fullmatch(r'\d{15}', id):
        if id[:2] not in PROVINCES: return 'region'
        if not birth_ok(1900 + int(id[6:8]), int(id[8:10]), int(id[10:12]), as_of): return 'birth-date'
        return None
    if not re.fullmatch(r'\d{17}[\dX]', id): return 'format'
    if id[:2] not in PROVINCES: return 'region'
    if not birth_ok(int(id[6:10]), int(id[10:12]), int(id[12:14]), as_of): return 'birth-date'
    check = '10X98765432'[sum(int(c) * w for c, w in zip(id[:17], WEIGHTS)) % 11]
    if check != id[17]: return 'trailing-zeros' if id.endswith('000') else 'check-digit'
    return None

def net_reversals(codes):
    # fundgap's netReversals over payments coded day * 2**32 + row * 2 + reversal: each
    # reversal cancels the latest payment on or before its day, else the earliest after it.
    items = sorted((c >> 32, (c & 0xFFFFFFFF) >> 1, c & 1) for c in codes)
    live = [p for p in items if not p[2]]
    for r in (p for p in items if p[2]):
        pick = -1
        for i, p in enumerate(live):
            if (p[0], p[1]) < (r[0], r[1]) or p[0] == r[0]: pick = i
            else: break
        if pick == -1 and live: pick = 0
        if pick != -1: live.pop(pick)
    return [p[1] for p in live]


def register(spark):
    """Registers both functions under the names sql/ calls them by."""
    from pyspark.sql.types import ArrayType, IntegerType, StringType
    spark.udf.register('id_problem', id_problem, StringType())
    spark.udf.register('net_reversals', net_reversals, ArrayType(IntegerType()))
