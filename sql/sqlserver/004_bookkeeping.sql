-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.etl_run', N'U') IS NULL
    CREATE TABLE dbo.etl_run (
        run_id            NVARCHAR(100) NOT NULL PRIMARY KEY,
        pipeline          NVARCHAR(100) NOT NULL,
        status            NVARCHAR(20) NOT NULL,
        started_at        DATETIME2(6) NOT NULL,
        finished_at       DATETIME2(6) NULL,
        window_from       DATE NULL,
        window_to         DATE NULL,
        rows_read         BIGINT NULL,
        rows_loaded       BIGINT NULL,
        rows_quarantined  BIGINT NULL,
        rows_replaced     BIGINT NULL,
        dst_ambiguous     BIGINT NULL,
        dst_skipped       BIGINT NULL,
        dst_rejected      BIGINT NULL,
        dst_policy        NVARCHAR(100) NOT NULL,
        tzdb_version      NVARCHAR(20) NOT NULL,
        kpi_values        BIGINT NULL,
        extract_load_ms   BIGINT NULL,
        merge_ms          BIGINT NULL,
        measure_ms        BIGINT NULL,
        publish_ms        BIGINT NULL,
        error             NVARCHAR(MAX) NULL
    );

IF OBJECT_ID(N'dbo.etl_partition', N'U') IS NULL
    CREATE TABLE dbo.etl_partition (
        pipeline      NVARCHAR(100) NOT NULL,
        office_code   NVARCHAR(100) NOT NULL,
        business_date DATE NOT NULL,
        state         NVARCHAR(20) NOT NULL,
        run_id        NVARCHAR(100) NOT NULL,
        rows_loaded   BIGINT NOT NULL,
        updated_at    DATETIME2(6) NOT NULL,
        CONSTRAINT pk_etl_partition PRIMARY KEY (pipeline, office_code, business_date)
    );

IF OBJECT_ID(N'dbo.dq_quarantine', N'U') IS NULL
    CREATE TABLE dbo.dq_quarantine (
        pipeline          NVARCHAR(100) NOT NULL,
        record_type       NVARCHAR(50) NOT NULL,
        source_name       NVARCHAR(1000) NOT NULL,
        source_row        BIGINT NOT NULL,
        source_key        NVARCHAR(100) NULL,
        business_date_raw NVARCHAR(100) NULL,
        field             NVARCHAR(100) NOT NULL,
        reason            NVARCHAR(MAX) NOT NULL,
        raw_value         NVARCHAR(MAX) NULL,
        run_id            NVARCHAR(100) NOT NULL,
        quarantined_at    DATETIME2(6) NOT NULL
    );

IF OBJECT_ID(N'dbo.stg_quarantine', N'U') IS NULL
    SELECT TOP 0 * INTO dbo.stg_quarantine FROM dbo.dq_quarantine;
