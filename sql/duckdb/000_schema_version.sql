-- The record of applied scripts. Runs before every migration; idempotent.
CREATE TABLE IF NOT EXISTS schema_version (
    script     VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
);
