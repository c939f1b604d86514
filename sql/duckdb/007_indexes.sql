-- Intentionally empty for DuckDB: it scans columns and needs no indexes for the merge or the measures
-- (sql/postgres and sql/sqlserver create theirs here). Kept so that every engine has the same script list.
SELECT 1;
