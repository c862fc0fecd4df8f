CREATE TEMPORARY VIEW key_report AS
SELECT s.key_shown AS key,
       CAST(k.a_fen * 0.01 AS DECIMAL(38, 2)) AS allocated,
       CAST(k.d_fen * 0.01 AS DECIMAL(38, 2)) AS disbursed,
       CAST(k.l_fen * 0.01 AS DECIMAL(38, 2)) AS landed,
       CAST(k.retained_fen * 0.01 AS DECIMAL(38, 2)) AS retained,
       CAST(k.not_landed_fen * 0.01 AS DECIMAL(38, 2)) AS not_landed,
       CAST(k.gap_fen * 0.01 AS DECIMAL(38, 2)) AS gap,
       k.is_matched, k.is_retained, k.is_over_disbursed, k.is_not_landed, k.is_over_landed,
       k.is_idle, k.is_unallocated, k.ad_rounding_note, k.dl_rounding_note,
       k.in_a, k.in_d, k.in_l,
       ra.row_list AS allocated_rows,
       rd.row_list AS disbursed_rows,
       rl.row_list AS landed_rows,
       ra.rounded_list AS allocated_rounded,
       rd.rounded_list AS disbursed_rounded,
       rl.rounded_list AS landed_rounded,
       k.discrepancy,
       k.key_id,
       s.key_parts
FROM key_status k
JOIN key_shown s ON s.key_id = k.key_id
LEFT JOIN key_rows ra ON ra.key_id = k.key_id AND ra.role = 'allocated'
LEFT JOIN key_rows rd ON rd.key_id = k.key_id AND rd.role = 'disbursed'
LEFT JOIN key_rows rl ON rl.key_id = k.key_id AND rl.role = 'landed';
