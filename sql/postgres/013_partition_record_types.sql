-- PostgreSQL version of the script of the same name in sql/duckdb; keep them in step.
CREATE TABLE IF NOT EXISTS etl_partition_type (
    pipeline      TEXT NOT NULL,
    record_type   TEXT NOT NULL,
    office_code   TEXT NOT NULL,
    business_date DATE NOT NULL,
    state         TEXT NOT NULL,
    run_id        TEXT NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    error         TEXT,
    committed_run TEXT,
    PRIMARY KEY (pipeline, record_type, office_code, business_date)
);
INSERT INTO etl_partition_type (pipeline, record_type, office_code, business_date, state, run_id, rows_loaded, updated_at, error, committed_run)
SELECT pipeline, 'declaration', office_code, business_date, state, run_id, rows_loaded, updated_at, error,
       CASE WHEN state = 'done' THEN run_id END
FROM etl_partition;
DROP TABLE etl_partition;
CREATE VIEW etl_partition AS
SELECT pipeline, office_code, business_date,
       CASE WHEN sum(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) > 0 THEN 'failed'
            WHEN sum(CASE WHEN state = 'running' THEN 1 ELSE 0 END) > 0 THEN 'running'
            WHEN sum(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) > 0 THEN 'pending'
            ELSE 'done' END AS state,
       max(run_id) AS run_id, sum(rows_loaded) AS rows_loaded, max(updated_at) AS updated_at, max(error) AS error
FROM etl_partition_type
GROUP BY pipeline, office_code, business_date;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS holder_host TEXT;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS holder_pid INTEGER;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMPTZ;
ALTER TABLE etl_lock ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMPTZ;
