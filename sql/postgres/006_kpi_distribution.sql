-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- Distribution of the per-declaration durations behind each mean-duration KPI: how many measured declarations
-- fall in each bin of minutes, per year. Reports draw the release-time histogram from it.
CREATE TABLE IF NOT EXISTS fact_kpi_distribution (
    pipeline     TEXT NOT NULL,
    kpi_code     TEXT NOT NULL,
    period_year  SMALLINT NOT NULL,
    bin          INTEGER NOT NULL,        -- 0-based, in order
    lower_min    DOUBLE PRECISION NOT NULL,         -- inclusive
    upper_min    DOUBLE PRECISION,                  -- exclusive; null on the last, open bin
    count        BIGINT NOT NULL,
    run_id       TEXT NOT NULL
);
