-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
CREATE UNLOGGED TABLE IF NOT EXISTS stg_shadowed_row (
    source_name VARCHAR NOT NULL,
    source_row  BIGINT NOT NULL
);
