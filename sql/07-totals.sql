CREATE TEMPORARY VIEW totals AS
SELECT CAST(SUM(a_fen) * 0.01 AS DECIMAL(38, 2)) AS allocated,
       CAST(SUM(d_fen) * 0.01 AS DECIMAL(38, 2)) AS disbursed,
       CAST(SUM(l_fen) * 0.01 AS DECIMAL(38, 2)) AS landed,
       CAST(SUM(retained_fen) * 0.01 AS DECIMAL(38, 2)) AS retained,
       CAST(SUM(not_landed_fen) * 0.01 AS DECIMAL(38, 2)) AS not_landed,
       CAST(SUM(gap_fen) * 0.01 AS DECIMAL(38, 2)) AS gap
FROM key_status;
