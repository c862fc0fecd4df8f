-- The settings the SQL depends on, one row, as `fundgap normalise` writes params.parquet.
-- NULL is "not set". Limits are integers: fen, and millionths of a percent (0.5 % is 500000).
CREATE TABLE params (
  retained_abs_fen         BIGINT,   -- A − D > 0
  retained_pct_micro       BIGINT,
  over_disbursed_abs_fen   BIGINT,   -- A − D < 0
  over_disbursed_pct_micro BIGINT,
  not_landed_abs_fen       BIGINT,   -- D − L > 0
  not_landed_pct_micro     BIGINT,
  over_landed_abs_fen      BIGINT,   -- D − L < 0
  over_landed_pct_micro    BIGINT,
  duplicate_window_days    INTEGER,  -- --duplicate-window
  late_days                INTEGER,  -- --late-days
  as_of                    DATE      -- --as-of: bounds ID birth dates, ages retained money
);
