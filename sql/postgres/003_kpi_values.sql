-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- Periodic snapshot of KPI values: KPI × variant × period × breakdown value.
CREATE TABLE IF NOT EXISTS fact_kpi_value (
    pipeline        TEXT NOT NULL,
    kpi_code        TEXT NOT NULL,
    kpi_id          TEXT NOT NULL,
    variant         TEXT NOT NULL,       -- pmm, or a labelled reading of a defective printed formula
    period_type     TEXT NOT NULL,       -- month, quarter, year
    period_label    TEXT NOT NULL,
    period_start    DATE NOT NULL,
    period_end      DATE NOT NULL,          -- exclusive
    period_year     SMALLINT NOT NULL,
    breakdown       TEXT NOT NULL,       -- total, or the breakdown's name
    breakdown_value TEXT NOT NULL,       -- ALL on total rows
    value           DOUBLE PRECISION,                 -- null: not measurable (see note)
    unit            TEXT NOT NULL,
    median          DOUBLE PRECISION,
    p90             DOUBLE PRECISION,
    min             DOUBLE PRECISION,
    max             DOUBLE PRECISION,
    sum_minutes     DOUBLE PRECISION,
    n               BIGINT NOT NULL,
    numerator       BIGINT,
    denominator     BIGINT,
    excluded        BIGINT NOT NULL,
    disclosure      TEXT NOT NULL,       -- public, wco, national
    note            TEXT,
    run_id          TEXT NOT NULL,
    computed_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS fact_kpi_exclusion (
    pipeline     TEXT NOT NULL,
    kpi_code     TEXT NOT NULL,
    period_type  TEXT NOT NULL,
    period_label TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_year  SMALLINT NOT NULL,
    reason       TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    count        BIGINT NOT NULL,
    run_id       TEXT NOT NULL
);
