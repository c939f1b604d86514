-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
CREATE TABLE IF NOT EXISTS measure_kept_month (
    population_key TEXT NOT NULL,
    month          DATE NOT NULL,
    fingerprint    TEXT NOT NULL,
    payload        TEXT NOT NULL,
    PRIMARY KEY (population_key, month)
);
