-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- Accumulating snapshot: one row per declaration, updated as its milestones arrive.
-- Instants are UTC (columns *_utc); business_date is the office's local date, the partition key with office_code.
-- Durations are minutes computed from instants, per measured interval, with the responsible-actor split.
CREATE TABLE IF NOT EXISTS fact_declaration (
    declaration_id         TEXT NOT NULL,
    declaration_type       TEXT NOT NULL,
    direction              TEXT NOT NULL,
    office_code            TEXT NOT NULL,
    business_date          DATE NOT NULL,
    date_key               INTEGER NOT NULL,
    mode_of_transport      TEXT NOT NULL,
    control_channel        TEXT NOT NULL,
    trader_id              TEXT,
    is_aeo                 BOOLEAN NOT NULL,
    is_pre_arrival         BOOLEAN NOT NULL,
    is_ecommerce           BOOLEAN NOT NULL,
    is_low_risk            BOOLEAN NOT NULL,
    submission_channel     TEXT NOT NULL,
    is_electronic          BOOLEAN NOT NULL,
    is_immediate_release   BOOLEAN NOT NULL,
    arrival_utc            TIMESTAMPTZ,
    lodged_utc             TIMESTAMPTZ NOT NULL,
    oga_permit_utc         TIMESTAMPTZ,
    inspection_start_utc   TIMESTAMPTZ,
    inspection_end_utc     TIMESTAMPTZ,
    cleared_utc            TIMESTAMPTZ,
    released_utc           TIMESTAMPTZ,
    loaded_utc             TIMESTAMPTZ,
    arrival_to_release_min            DOUBLE PRECISION,
    arrival_to_release_business_min   DOUBLE PRECISION,
    arrival_to_release_oga_min        DOUBLE PRECISION,
    arrival_to_release_customs_min    DOUBLE PRECISION,
    lodgement_to_loading_min          DOUBLE PRECISION,
    lodgement_to_loading_business_min DOUBLE PRECISION,
    lodgement_to_loading_oga_min      DOUBLE PRECISION,
    lodgement_to_loading_customs_min  DOUBLE PRECISION,
    arrival_to_loading_min            DOUBLE PRECISION,
    arrival_to_loading_business_min   DOUBLE PRECISION,
    arrival_to_loading_oga_min        DOUBLE PRECISION,
    arrival_to_loading_customs_min    DOUBLE PRECISION,
    lodgement_to_clearance_min        DOUBLE PRECISION,
    source_name            TEXT NOT NULL,
    source_row             BIGINT NOT NULL,
    run_id                 TEXT NOT NULL
);

-- Staging for one load: filled by the appender, merged into the fact in one transaction, then emptied.
CREATE UNLOGGED TABLE IF NOT EXISTS stg_declaration (LIKE fact_declaration);
