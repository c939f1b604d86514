-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.fact_declaration', N'U') IS NULL
    CREATE TABLE dbo.fact_declaration (
        declaration_id         NVARCHAR(100) NOT NULL,
        declaration_type       NVARCHAR(20) NOT NULL,
        direction              NVARCHAR(20) NOT NULL,
        office_code            NVARCHAR(100) NOT NULL,
        business_date          DATE NOT NULL,
        date_key               INT NOT NULL,
        mode_of_transport      NVARCHAR(20) NOT NULL,
        control_channel        NVARCHAR(20) NOT NULL,
        trader_id              NVARCHAR(100) NULL,
        is_aeo                 BIT NOT NULL,
        is_pre_arrival         BIT NOT NULL,
        is_ecommerce           BIT NOT NULL,
        is_low_risk            BIT NOT NULL,
        submission_channel     NVARCHAR(20) NOT NULL,
        is_electronic          BIT NOT NULL,
        is_immediate_release   BIT NOT NULL,
        arrival_utc            DATETIME2(6) NULL,
        lodged_utc             DATETIME2(6) NOT NULL,
        oga_permit_utc         DATETIME2(6) NULL,
        inspection_start_utc   DATETIME2(6) NULL,
        inspection_end_utc     DATETIME2(6) NULL,
        cleared_utc            DATETIME2(6) NULL,
        released_utc           DATETIME2(6) NULL,
        loaded_utc             DATETIME2(6) NULL,
        arrival_to_release_min            FLOAT NULL,
        arrival_to_release_business_min   FLOAT NULL,
        arrival_to_release_oga_min        FLOAT NULL,
        arrival_to_release_customs_min    FLOAT NULL,
        lodgement_to_loading_min          FLOAT NULL,
        lodgement_to_loading_business_min FLOAT NULL,
        lodgement_to_loading_oga_min      FLOAT NULL,
        lodgement_to_loading_customs_min  FLOAT NULL,
        arrival_to_loading_min            FLOAT NULL,
        arrival_to_loading_business_min   FLOAT NULL,
        arrival_to_loading_oga_min        FLOAT NULL,
        arrival_to_loading_customs_min    FLOAT NULL,
        lodgement_to_clearance_min        FLOAT NULL,
        source_name            NVARCHAR(1000) NOT NULL,  -- a file path for file sources
        source_row             BIGINT NOT NULL,
        run_id                 NVARCHAR(100) NOT NULL
    );

-- Staging: a heap with the fact's columns, bulk-loaded with a table lock and emptied after each merge.
IF OBJECT_ID(N'dbo.stg_declaration', N'U') IS NULL
    SELECT TOP 0 * INTO dbo.stg_declaration FROM dbo.fact_declaration;
