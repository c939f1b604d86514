-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- Run bookkeeping: one row per run, the state of each office × business-date partition, and the quarantine.
CREATE TABLE IF NOT EXISTS etl_run (
    run_id            TEXT PRIMARY KEY,
    pipeline          TEXT NOT NULL,
    status            TEXT NOT NULL,     -- running, succeeded, failed
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    window_from       DATE,
    window_to         DATE,
    rows_read         BIGINT,
    rows_loaded       BIGINT,
    rows_quarantined  BIGINT,
    rows_replaced     BIGINT,
    dst_ambiguous     BIGINT,
    dst_skipped       BIGINT,
    dst_rejected      BIGINT,
    dst_policy        TEXT NOT NULL,
    tzdb_version      TEXT NOT NULL,
    kpi_values        BIGINT,
    extract_load_ms   BIGINT,               -- extract, normalise and append run as one stream
    merge_ms          BIGINT,
    measure_ms        BIGINT,
    publish_ms        BIGINT,
    error             TEXT
);

CREATE TABLE IF NOT EXISTS etl_partition (
    pipeline      TEXT NOT NULL,
    office_code   TEXT NOT NULL,
    business_date DATE NOT NULL,
    state         TEXT NOT NULL,         -- done (pending/running/failed come with the operations work)
    run_id        TEXT NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pipeline, office_code, business_date)
);

-- The current quarantine: one row per refused source row. A re-run of a window replaces what that window
-- quarantined before, so a row fixed at the source leaves the quarantine and nothing is listed twice.
CREATE TABLE IF NOT EXISTS dq_quarantine (
    pipeline          TEXT NOT NULL,
    record_type       TEXT NOT NULL,
    source_name       TEXT NOT NULL,
    source_row        BIGINT NOT NULL,
    source_key        TEXT,
    business_date_raw TEXT,
    field             TEXT NOT NULL,
    reason            TEXT NOT NULL,
    raw_value         TEXT,
    run_id            TEXT NOT NULL,
    quarantined_at    TIMESTAMPTZ NOT NULL
);

CREATE UNLOGGED TABLE IF NOT EXISTS stg_quarantine (LIKE dq_quarantine);
