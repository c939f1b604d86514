-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
ALTER TABLE fact_kpi_value ADD COLUMN IF NOT EXISTS provisional BOOLEAN NOT NULL DEFAULT FALSE;
