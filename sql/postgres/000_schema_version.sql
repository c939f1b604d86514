-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- The record of applied scripts. Runs before every migration; idempotent.
CREATE TABLE IF NOT EXISTS schema_version (
    script     TEXT PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL
);
