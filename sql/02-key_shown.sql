CREATE TEMPORARY VIEW key_shown AS
SELECT key_id, key_shown, key_parts
FROM (
  SELECT key_id, key_shown, key_parts,
         ROW_NUMBER() OVER (
           PARTITION BY key_id
           ORDER BY CASE role WHEN 'allocated' THEN 0 WHEN 'disbursed' THEN 1 ELSE 2 END, source_file, sheet_row
         ) AS n
  FROM ledger_rows
  WHERE status = 'used'
) first_written
WHERE n = 1;
