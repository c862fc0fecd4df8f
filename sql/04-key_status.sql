CREATE TEMPORARY VIEW key_status AS
WITH gaps AS (
  SELECT f.*,
         a_fen - d_fen AS retained_fen,
         d_fen - l_fen AS not_landed_fen,
         a_fen - l_fen AS gap_fen,
         ABS(a_fen - d_fen) AS ad_diff,
         ABS(d_fen - l_fen) AS dl_diff,
         GREATEST(ABS(a_fen), ABS(d_fen)) AS ad_base,
         GREATEST(ABS(d_fen), ABS(l_fen)) AS dl_base,
         CASE WHEN a_fen > d_fen THEN p.retained_abs_fen   ELSE p.over_disbursed_abs_fen   END AS ad_abs,
         CASE WHEN a_fen > d_fen THEN p.retained_pct_micro ELSE p.over_disbursed_pct_micro END AS ad_pct,
         CASE WHEN d_fen > l_fen THEN p.not_landed_abs_fen   ELSE p.over_landed_abs_fen   END AS dl_abs,
         CASE WHEN d_fen > l_fen THEN p.not_landed_pct_micro ELSE p.over_landed_pct_micro END AS dl_pct
  FROM key_figures f
  CROSS JOIN params p
), judged AS (
  SELECT gaps.*,
         CASE WHEN ad_abs IS NULL AND ad_pct IS NULL THEN ad_diff = 0
              ELSE (ad_abs IS NULL OR ad_diff <= ad_abs)
               AND (ad_pct IS NULL OR ad_diff * 100000000 <= ad_base * ad_pct) END AS ad_within,
         CASE WHEN dl_abs IS NULL AND dl_pct IS NULL THEN dl_diff = 0
              ELSE (dl_abs IS NULL OR dl_diff <= dl_abs)
               AND (dl_pct IS NULL OR dl_diff * 100000000 <= dl_base * dl_pct) END AS dl_within,
         ad_diff * 2 <= a_rounded + d_rounded AS ad_by_rounding,
         dl_diff * 2 <= d_rounded + l_rounded AS dl_by_rounding,
         a_fen = 0 AND d_fen = 0 AND l_fen = 0 AS all_zero,
         in_a AND NOT in_d AND NOT in_l AS only_a
  FROM gaps
), flagged AS (
  SELECT judged.*,
         NOT all_zero AND only_a AS is_idle,
         NOT all_zero AND NOT only_a AND NOT in_a AS is_unallocated,
         NOT all_zero AND NOT only_a AND in_a AND NOT ad_within AND NOT ad_by_rounding AS ad_fails,
         NOT all_zero AND NOT only_a AND NOT dl_within AND NOT dl_by_rounding AS dl_fails,
         NOT all_zero AND NOT only_a AND in_a AND NOT ad_within AND ad_by_rounding AS ad_rounding_note,
         NOT all_zero AND NOT only_a AND NOT dl_within AND dl_by_rounding AS dl_rounding_note
  FROM judged
)
SELECT key_id, in_a, in_d, in_l, a_fen, d_fen, l_fen, retained_fen, not_landed_fen, gap_fen,
       ad_diff + dl_diff AS discrepancy,
       is_idle,
       is_unallocated,
       ad_fails AND a_fen > d_fen  AS is_retained,
       ad_fails AND a_fen <= d_fen AS is_over_disbursed,
       dl_fails AND d_fen > l_fen  AS is_not_landed,
       dl_fails AND d_fen <= l_fen AS is_over_landed,
       NOT is_idle AND NOT is_unallocated AND NOT ad_fails AND NOT dl_fails AS is_matched,
       ad_rounding_note,
       dl_rounding_note
FROM flagged;
