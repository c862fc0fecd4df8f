CREATE TEMPORARY VIEW duplicate_names AS
SELECT p.role, p.source_file, p.identity, p.payee, MIN(p.sheet_row) AS first_row
FROM payments p
JOIN (SELECT DISTINCT role, source_file, identity FROM duplicate_payments WHERE identity LIKE 'id:%') d
  ON d.role = p.role AND d.source_file = p.source_file AND d.identity = p.identity
WHERE p.payee IS NOT NULL
GROUP BY p.role, p.source_file, p.identity, p.payee;
