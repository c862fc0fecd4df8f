CREATE TEMPORARY VIEW key_rows AS
SELECT key_id, role,
       array_sort(collect_list(sheet_row)) AS row_list,
       array_sort(collect_list(CASE WHEN written IS NOT NULL THEN sheet_row END)) AS rounded_list
FROM ledger_rows
WHERE status = 'used'
GROUP BY key_id, role;
