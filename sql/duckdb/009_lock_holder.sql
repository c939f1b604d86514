-- Which process holds a pipeline's lock, so a lock left by a killed process on this machine is taken over at
-- once instead of after the stale limit.
ALTER TABLE etl_lock ADD COLUMN IF NOT EXISTS holder_host VARCHAR;
ALTER TABLE etl_lock ADD COLUMN IF NOT EXISTS holder_pid INTEGER;
