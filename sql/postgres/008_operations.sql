-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
CREATE TABLE IF NOT EXISTS etl_lock (
    pipeline    TEXT PRIMARY KEY,
    run_id      TEXT NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE etl_partition ADD COLUMN IF NOT EXISTS error TEXT;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS "trigger" TEXT;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS scheduled_for TIMESTAMPTZ;
