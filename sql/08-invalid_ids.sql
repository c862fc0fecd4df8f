CREATE TEMPORARY VIEW invalid_ids AS
WITH ids AS (
  SELECT role, source_file, id_norm, id_was_number, MIN(sheet_row) AS first_row
  FROM ledger_rows
  WHERE status = 'used' AND id_number IS NOT NULL
  GROUP BY role, source_file, id_norm, id_was_number
), checked AS (
  SELECT ids.*, f.id_number, f.payee, id_problem(f.id_number, ids.id_was_number, p.as_of) AS problem
  FROM ids
  JOIN ledger_rows f
    ON f.role = ids.role AND f.source_file = ids.source_file AND f.sheet_row = ids.first_row AND f.status = 'used'
  CROSS JOIN params p
)
SELECT c.role, c.source_file, c.id_norm, c.id_was_number, c.id_number, c.payee, c.problem,
       CAST(SUM(CAST(r.amount_fen AS DECIMAL(38, 0))) * 0.01 AS DECIMAL(38, 2)) AS amount,
       CASE WHEN COUNT(DISTINCT r.key_id) = 1 THEN MIN(r.key_id) END AS key_id,
       array_sort(collect_list(r.sheet_row)) AS row_list
FROM checked c
JOIN ledger_rows r
  ON r.role = c.role AND r.source_file = c.source_file AND r.id_norm = c.id_norm AND r.id_was_number = c.id_was_number
WHERE c.problem IS NOT NULL AND r.status = 'used'
GROUP BY c.role, c.source_file, c.id_norm, c.id_was_number, c.id_number, c.payee, c.problem;
