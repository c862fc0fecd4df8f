CREATE TEMPORARY VIEW duplicate_payments AS
WITH ordered AS (
  SELECT l.*, p.duplicate_window_days AS window_days,
         LAG(date) OVER (PARTITION BY role, source_file, identity, beneficiary_key, amount_abs
                         ORDER BY date, sheet_row) AS prev_date
  FROM live_payments l CROSS JOIN params p
), runs AS (
  SELECT ordered.*,
         SUM(CASE WHEN prev_date IS NULL OR datediff(date, prev_date) > window_days THEN 1 ELSE 0 END)
           OVER (PARTITION BY role, source_file, identity, beneficiary_key, amount_abs
                 ORDER BY date, sheet_row ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
  FROM ordered
), duplicates AS (
  SELECT role, source_file, identity, beneficiary_key, amount_abs, run,
         COUNT(*) AS payment_count,
         CASE WHEN COUNT(DISTINCT key_id) = 1 THEN MIN(key_id) END AS key_id,
         array_sort(collect_list(CAST(datediff(date, DATE '1970-01-01') AS BIGINT) * 4294967296 + CAST(sheet_row AS BIGINT) * 2)) AS day_rows,
         array_sort(collect_list(sheet_row)) AS row_list,
         array_sort(collect_list(date)) AS dates
  FROM runs
  GROUP BY role, source_file, identity, beneficiary_key, amount_abs, run
  HAVING COUNT(*) > 1
), firsts AS (
  SELECT p.role, p.source_file, p.identity, p.beneficiary_key, p.amount_abs, MIN(p.sheet_row) AS first_row
  FROM payments p
  JOIN (SELECT DISTINCT role, source_file, identity, beneficiary_key, amount_abs FROM duplicates) d
    ON d.role = p.role AND d.source_file = p.source_file AND d.identity = p.identity
   AND d.beneficiary_key = p.beneficiary_key AND d.amount_abs = p.amount_abs
  GROUP BY p.role, p.source_file, p.identity, p.beneficiary_key, p.amount_abs
)
SELECT d.role, d.source_file, d.identity, d.beneficiary_key, d.run,
       CAST(d.amount_abs * 0.01 AS DECIMAL(38, 2)) AS amount,
       CAST(d.amount_abs * (d.payment_count - 1) * 0.01 AS DECIMAL(38, 2)) AS paid_beyond_first,
       d.key_id, d.row_list, d.dates, d.day_rows,
       f.payee, f.id_number, f.bank_account, f.beneficiary
FROM duplicates d
JOIN firsts g
  ON g.role = d.role AND g.source_file = d.source_file AND g.identity = d.identity
 AND g.beneficiary_key = d.beneficiary_key AND g.amount_abs = d.amount_abs
JOIN ledger_rows f
  ON f.role = g.role AND f.source_file = g.source_file AND f.sheet_row = g.first_row AND f.status = 'used';
