CREATE TEMPORARY VIEW key_sums AS
SELECT role,
       key_id,
       SUM(CAST(amount_fen AS DECIMAL(38, 0)))          AS fen,
       COUNT(*)                                         AS row_count,
       SUM(CASE WHEN written IS NULL THEN 0 ELSE 1 END) AS rounded_rows
FROM ledger_rows
WHERE status = 'used'
GROUP BY role, key_id;
