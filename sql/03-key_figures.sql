CREATE TEMPORARY VIEW key_figures AS
SELECT COALESCE(a.key_id, d.key_id, l.key_id) AS key_id,
       a.key_id IS NOT NULL AS in_a,
       d.key_id IS NOT NULL AS in_d,
       l.key_id IS NOT NULL AS in_l,
       COALESCE(a.fen, 0) AS a_fen,
       COALESCE(d.fen, 0) AS d_fen,
       COALESCE(l.fen, 0) AS l_fen,
       COALESCE(a.rounded_rows, 0) AS a_rounded,
       COALESCE(d.rounded_rows, 0) AS d_rounded,
       COALESCE(l.rounded_rows, 0) AS l_rounded
FROM (SELECT * FROM key_sums WHERE role = 'allocated') a
FULL OUTER JOIN (SELECT * FROM key_sums WHERE role = 'disbursed') d
  ON d.key_id = a.key_id
FULL OUTER JOIN (SELECT * FROM key_sums WHERE role = 'landed') l
  ON l.key_id = COALESCE(a.key_id, d.key_id);
