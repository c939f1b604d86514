-- The measure's kept month cells: for each population (its compiled SQL, hashed) and month, what the measure computed
-- from that month's rows (the finest cells, the rank search's bin counts, the month's medians and 90th percentiles; a
-- histogram's counts under its own key; a quarter's percentiles under the population's quarter key, dated at the
-- quarter's start), with the fingerprint of the rows it was computed from. A measure takes a row from here only while
-- the fingerprint of those rows (and of every other table the population reads) is unchanged, and computes it again
-- otherwise: derived data, never a source of truth; deleting every row is safe.
CREATE TABLE IF NOT EXISTS measure_kept_month (
    population_key VARCHAR NOT NULL,
    month          DATE NOT NULL,
    fingerprint    VARCHAR NOT NULL,
    payload        VARCHAR NOT NULL,
    PRIMARY KEY (population_key, month)
);
