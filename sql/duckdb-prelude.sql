-- DuckDB only, run before the views: the two Spark SQL functions the views use that DuckDB
-- names otherwise. Spark's collect_list leaves NULLs out; datediff(end, start) counts days.
CREATE OR REPLACE TEMPORARY MACRO collect_list(x) AS list(x) FILTER (WHERE x IS NOT NULL);
CREATE OR REPLACE TEMPORARY MACRO datediff(end_date, start_date) AS date_diff('day', start_date, end_date);
