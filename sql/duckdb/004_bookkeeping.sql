-- Run bookkeeping: one row per run, the state of each office × business-date partition, and the quarantine.
CREATE TABLE IF NOT EXISTS etl_run (
    run_id            VARCHAR PRIMARY KEY,
    pipeline          VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,     -- running, succeeded, failed
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    window_from       DATE,
    window_to         DATE,
    rows_read         BIGINT,
    rows_loaded       BIGINT,
    rows_quarantined  BIGINT,
    rows_replaced     BIGINT,
    dst_ambiguous     BIGINT,
    dst_skipped       BIGINT,
    dst_rejected      BIGINT,
    dst_policy        VARCHAR NOT NULL,
    tzdb_version      VARCHAR NOT NULL,
    kpi_values        BIGINT,
    extract_load_ms   BIGINT,               -- extract, normalise and append run as one stream
    merge_ms          BIGINT,
    measure_ms        BIGINT,
    publish_ms        BIGINT,
    error             VARCHAR
);

CREATE TABLE IF NOT EXISTS etl_partition (
    pipeline      VARCHAR NOT NULL,
    office_code   VARCHAR NOT NULL,
    business_date DATE NOT NULL,
    state         VARCHAR NOT NULL,         -- done (pending/running/failed come with the operations work)
    run_id        VARCHAR NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (pipeline, office_code, business_date)
);

-- The current quarantine: one row per refused source row. A re-run of a window replaces what that window
-- quarantined before, so a row fixed at the source leaves the quarantine and nothing is listed twice.
CREATE TABLE IF NOT EXISTS dq_quarantine (
    pipeline          VARCHAR NOT NULL,
    record_type       VARCHAR NOT NULL,
    source_name       VARCHAR NOT NULL,
    source_row        BIGINT NOT NULL,
    source_key        VARCHAR,
    business_date_raw VARCHAR,
    field             VARCHAR NOT NULL,
    reason            VARCHAR NOT NULL,
    raw_value         VARCHAR,
    run_id            VARCHAR NOT NULL,
    quarantined_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS stg_quarantine AS SELECT * FROM dq_quarantine LIMIT 0;
