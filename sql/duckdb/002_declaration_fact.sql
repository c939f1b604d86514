-- Accumulating snapshot: one row per declaration, updated as its milestones arrive.
-- Instants are UTC (columns *_utc); business_date is the office's local date, the partition key with office_code.
-- Durations are minutes computed from instants, per measured interval, with the responsible-actor split.
CREATE TABLE IF NOT EXISTS fact_declaration (
    declaration_id         VARCHAR NOT NULL,
    declaration_type       VARCHAR NOT NULL,
    direction              VARCHAR NOT NULL,
    office_code            VARCHAR NOT NULL,
    business_date          DATE NOT NULL,
    date_key               INTEGER NOT NULL,
    mode_of_transport      VARCHAR NOT NULL,
    control_channel        VARCHAR NOT NULL,
    trader_id              VARCHAR,
    is_aeo                 BOOLEAN NOT NULL,
    is_pre_arrival         BOOLEAN NOT NULL,
    is_ecommerce           BOOLEAN NOT NULL,
    is_low_risk            BOOLEAN NOT NULL,
    submission_channel     VARCHAR NOT NULL,
    is_electronic          BOOLEAN NOT NULL,
    is_immediate_release   BOOLEAN NOT NULL,
    arrival_utc            TIMESTAMP,
    lodged_utc             TIMESTAMP NOT NULL,
    oga_permit_utc         TIMESTAMP,
    inspection_start_utc   TIMESTAMP,
    inspection_end_utc     TIMESTAMP,
    cleared_utc            TIMESTAMP,
    released_utc           TIMESTAMP,
    loaded_utc             TIMESTAMP,
    arrival_to_release_min            DOUBLE,
    arrival_to_release_business_min   DOUBLE,
    arrival_to_release_oga_min        DOUBLE,
    arrival_to_release_customs_min    DOUBLE,
    lodgement_to_loading_min          DOUBLE,
    lodgement_to_loading_business_min DOUBLE,
    lodgement_to_loading_oga_min      DOUBLE,
    lodgement_to_loading_customs_min  DOUBLE,
    arrival_to_loading_min            DOUBLE,
    arrival_to_loading_business_min   DOUBLE,
    arrival_to_loading_oga_min        DOUBLE,
    arrival_to_loading_customs_min    DOUBLE,
    lodgement_to_clearance_min        DOUBLE,
    source_name            VARCHAR NOT NULL,
    source_row             BIGINT NOT NULL,
    run_id                 VARCHAR NOT NULL
);

-- Staging for one load: filled by the appender, merged into the fact in one transaction, then emptied.
CREATE TABLE IF NOT EXISTS stg_declaration AS SELECT * FROM fact_declaration LIMIT 0;
