CREATE TEMPORARY VIEW live_payments AS
WITH netted AS (
  SELECT role, source_file, identity, beneficiary_key, amount_abs,
         net_reversals(collect_list(
           CAST(datediff(date, DATE '1970-01-01') AS BIGINT) * 4294967296
           + CAST(sheet_row AS BIGINT) * 2
           + CASE WHEN reversal THEN 1 ELSE 0 END)) AS live_rows
  FROM payments
  WHERE identity IS NOT NULL
  GROUP BY role, source_file, identity, beneficiary_key, amount_abs
  HAVING SUM(CASE WHEN reversal THEN 1 ELSE 0 END) > 0
)
SELECT p.*
FROM payments p
LEFT JOIN netted n
  ON n.role = p.role AND n.source_file = p.source_file AND n.identity = p.identity
 AND n.beneficiary_key = p.beneficiary_key AND n.amount_abs = p.amount_abs
WHERE p.identity IS NOT NULL
  AND NOT p.reversal
  AND (n.live_rows IS NULL OR array_contains(n.live_rows, p.sheet_row));
