CREATE TEMPORARY VIEW row_counts AS
SELECT role, source_file, input_sha256,
       CAST(SUM(CASE WHEN status = 'used' THEN 1 ELSE 0 END) AS BIGINT) AS used_rows,
       CAST(SUM(CASE WHEN status = 'used' THEN 0 ELSE 1 END) AS BIGINT) AS excluded_rows,
       CAST(SUM(CASE WHEN status = 'used' THEN CAST(amount_fen AS DECIMAL(38, 0)) ELSE 0 END) * 0.01 AS DECIMAL(38, 2)) AS used_amount
FROM ledger_rows
GROUP BY role, source_file, input_sha256;
