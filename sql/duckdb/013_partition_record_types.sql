-- Partitions per record type: the state of each office × business date for each dated record type a pipeline
-- reads, written in the same transaction as that type's load. committed_run is the run whose load last
-- committed the partition (NULL: no load ever committed it), so a date a later run failed to re-load is not
-- called "not loaded". A type without an office field is recorded under office '*' (every office).
CREATE TABLE IF NOT EXISTS etl_partition_type (
    pipeline      VARCHAR NOT NULL,
    record_type   VARCHAR NOT NULL,
    office_code   VARCHAR NOT NULL,
    business_date DATE NOT NULL,
    state         VARCHAR NOT NULL,     -- pending, running, done, failed
    run_id        VARCHAR NOT NULL,     -- the run that set the state
    rows_loaded   BIGINT NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    error         VARCHAR,
    committed_run VARCHAR,
    PRIMARY KEY (pipeline, record_type, office_code, business_date)
);
-- What the old book knew was the declaration's.
INSERT INTO etl_partition_type (pipeline, record_type, office_code, business_date, state, run_id, rows_loaded, updated_at, error, committed_run)
SELECT pipeline, 'declaration', office_code, business_date, state, run_id, rows_loaded, updated_at, error,
       CASE WHEN state = 'done' THEN run_id END
FROM etl_partition;
DROP TABLE etl_partition;
-- The day (office × business date) is derived: done only when every record type recorded for it is done.
CREATE VIEW etl_partition AS
SELECT pipeline, office_code, business_date,
       CASE WHEN sum(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) > 0 THEN 'failed'
            WHEN sum(CASE WHEN state = 'running' THEN 1 ELSE 0 END) > 0 THEN 'running'
            WHEN sum(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) > 0 THEN 'pending'
            ELSE 'done' END AS state,
       max(run_id) AS run_id, sum(rows_loaded) AS rows_loaded, max(updated_at) AS updated_at, max(error) AS error
FROM etl_partition_type
GROUP BY pipeline, office_code, business_date;
-- Who runs a run and when it last showed life: a run whose holder is dead is abandoned (pid and host on this
-- machine, the heartbeat elsewhere), not judged by its age.
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS holder_host VARCHAR;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS holder_pid INTEGER;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP;
ALTER TABLE etl_lock ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP;
