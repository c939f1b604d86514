-- The measure's kept month cells: for each population (its compiled SQL, hashed) and month, the finest cells and the
-- rank search's bin counts of that month, with the fingerprint of the rows they were computed from. A measure takes a
-- month from here only while the fingerprint of the month's rows (and of every other table the population reads) is
-- unchanged, and computes it again otherwise: derived data, never a source of truth; deleting every row is safe.
CREATE TABLE IF NOT EXISTS measure_kept_month (
    population_key VARCHAR NOT NULL,
    month          DATE NOT NULL,
    fingerprint    VARCHAR NOT NULL,
    payload        VARCHAR NOT NULL,
    PRIMARY KEY (population_key, month)
);
