-- PostgreSQL version of the script of the same name in sql/duckdb; keep the two in step.
-- Dimensions of the KPI star schema. Re-runnable: every statement is idempotent.
-- Small coded dimensions use their canonical code as key: stable across engines and readable in Power BI.

CREATE TABLE IF NOT EXISTS dim_date (
    date_key      INTEGER PRIMARY KEY,      -- yyyymmdd
    date          DATE NOT NULL,
    year          SMALLINT NOT NULL,
    quarter       SMALLINT NOT NULL,
    month         SMALLINT NOT NULL,
    day           SMALLINT NOT NULL,
    iso_week      SMALLINT NOT NULL,
    day_of_week   SMALLINT NOT NULL,        -- ISO: 1 = Monday
    month_label   TEXT NOT NULL,         -- 2025-03
    quarter_label TEXT NOT NULL          -- 2025-Q1
);

CREATE TABLE IF NOT EXISTS dim_office (
    office_code   TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    office_type   TEXT NOT NULL,
    country       TEXT NOT NULL,
    iana_zone     TEXT NOT NULL,
    is_main_entry BOOLEAN NOT NULL,
    is_main_exit  BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_transport_mode (
    mode_code TEXT PRIMARY KEY,
    name      TEXT NOT NULL
);
INSERT INTO dim_transport_mode VALUES
    ('AIR', 'Air'), ('SEA', 'Sea'), ('LAND', 'Land (road)'), ('RAIL', 'Rail')
ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS dim_control_channel (
    channel_code        TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    is_customs_control  BOOLEAN NOT NULL    -- physical examination or NII: never "immediate release"
);
INSERT INTO dim_control_channel VALUES
    ('GREEN', 'Green: no examination', false),
    ('YELLOW', 'Yellow: documentary check', false),
    ('RED', 'Red: physical examination', true),
    ('NII', 'Non-intrusive inspection', true)
ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS dim_procedure (
    declaration_type TEXT PRIMARY KEY,
    name             TEXT NOT NULL
);
INSERT INTO dim_procedure VALUES
    ('IMPORT', 'Import declaration'), ('EXPORT', 'Export declaration'),
    ('TRANSIT', 'Transit declaration'), ('CARGO', 'Cargo declaration (manifest)')
ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS dim_submission_channel (
    channel_code  TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    is_electronic BOOLEAN NOT NULL          -- K10: structured messages only; e-mail and scans do not count
);
INSERT INTO dim_submission_channel VALUES
    ('EDI', 'EDI message', true), ('WEB', 'Web form', true), ('SINGLE_WINDOW', 'Single Window', true),
    ('EMAIL', 'E-mail', false), ('SCAN', 'Scanned upload', false), ('PAPER', 'Paper', false)
ON CONFLICT DO NOTHING;

-- Trader with the AEO status last seen on its declarations (type-2 history comes with the AEO register).
CREATE TABLE IF NOT EXISTS dim_trader (
    trader_id      TEXT PRIMARY KEY,
    is_aeo         BOOLEAN NOT NULL,
    last_seen_date DATE NOT NULL
);
