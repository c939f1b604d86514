-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
ALTER TABLE etl_lock ADD COLUMN IF NOT EXISTS holder_host TEXT;
ALTER TABLE etl_lock ADD COLUMN IF NOT EXISTS holder_pid INTEGER;
