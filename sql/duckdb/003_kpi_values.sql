-- Periodic snapshot of KPI values: KPI × variant × period × breakdown value.
CREATE TABLE IF NOT EXISTS fact_kpi_value (
    pipeline        VARCHAR NOT NULL,
    kpi_code        VARCHAR NOT NULL,
    kpi_id          VARCHAR NOT NULL,
    variant         VARCHAR NOT NULL,       -- pmm, or a labelled reading of a defective printed formula
    period_type     VARCHAR NOT NULL,       -- month, quarter, year
    period_label    VARCHAR NOT NULL,
    period_start    DATE NOT NULL,
    period_end      DATE NOT NULL,          -- exclusive
    period_year     SMALLINT NOT NULL,
    breakdown       VARCHAR NOT NULL,       -- total, or the breakdown's name
    breakdown_value VARCHAR NOT NULL,       -- ALL on total rows
    value           DOUBLE,                 -- null: not measurable (see note)
    unit            VARCHAR NOT NULL,
    median          DOUBLE,
    p90             DOUBLE,
    min             DOUBLE,
    max             DOUBLE,
    sum_minutes     DOUBLE,
    n               BIGINT NOT NULL,
    numerator       BIGINT,
    denominator     BIGINT,
    excluded        BIGINT NOT NULL,
    disclosure      VARCHAR NOT NULL,       -- public, wco, national
    note            VARCHAR,
    run_id          VARCHAR NOT NULL,
    computed_at     TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS fact_kpi_exclusion (
    pipeline     VARCHAR NOT NULL,
    kpi_code     VARCHAR NOT NULL,
    period_type  VARCHAR NOT NULL,
    period_label VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_year  SMALLINT NOT NULL,
    reason       VARCHAR NOT NULL,
    explanation  VARCHAR NOT NULL,
    count        BIGINT NOT NULL,
    run_id       VARCHAR NOT NULL
);
