CREATE TEMPORARY VIEW retained_tranches AS
SELECT r.key_id, r.date,
       CAST(CAST(r.amount_fen AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(38, 2)) AS amount,
       r.source_file, r.sheet_row
FROM ledger_rows r
JOIN key_status k ON k.key_id = r.key_id
CROSS JOIN params p
WHERE r.role = 'allocated' AND r.status = 'used' AND k.retained_fen > 0 AND p.as_of IS NOT NULL;
