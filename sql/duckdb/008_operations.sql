-- Operations: one lock row per running pipeline (a second trigger finds it and is skipped), and the reason a
-- partition failed.
CREATE TABLE IF NOT EXISTS etl_lock (
    pipeline    VARCHAR PRIMARY KEY,
    run_id      VARCHAR NOT NULL,
    acquired_at TIMESTAMP NOT NULL
);
ALTER TABLE etl_partition ADD COLUMN IF NOT EXISTS error VARCHAR;
-- What started a run (manual, scheduled, backfill, retry) and, for scheduled runs, the occurrence it stands
-- for, so missed nights can be found and caught up in order.
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS "trigger" VARCHAR;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS scheduled_for TIMESTAMP;
