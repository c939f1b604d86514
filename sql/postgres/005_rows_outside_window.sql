-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- File sources (CSV folders, message folders) cannot filter by business date before normalisation: rows they
-- give outside the run's window are skipped and counted here.
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS rows_outside_window BIGINT;
