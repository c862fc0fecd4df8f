CREATE TEMPORARY VIEW late_disbursements AS
WITH allocation_dates AS (
  SELECT key_id, date AS allocation_date, sheet_row AS allocation_row
  FROM (
    SELECT key_id, date, sheet_row,
           ROW_NUMBER() OVER (PARTITION BY key_id ORDER BY date, source_file, sheet_row) AS n
    FROM ledger_rows
    WHERE role = 'allocated' AND status = 'used' AND date IS NOT NULL
  ) earliest
  WHERE n = 1
)
SELECT d.key_id, a.allocation_date, a.allocation_row,
       d.date AS disbursement_date, d.sheet_row AS disbursement_row, d.source_file,
       datediff(d.date, a.allocation_date) AS days,
       p.late_days,
       CAST(CAST(d.amount_fen AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS amount
FROM ledger_rows d
JOIN allocation_dates a ON a.key_id = d.key_id
CROSS JOIN params p
WHERE d.role = 'disbursed' AND d.status = 'used' AND d.date IS NOT NULL
  AND p.late_days IS NOT NULL AND datediff(d.date, a.allocation_date) > p.late_days;
