-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.etl_partition_type', N'U') IS NULL
    CREATE TABLE dbo.etl_partition_type (
        pipeline      NVARCHAR(100) NOT NULL,
        record_type   NVARCHAR(100) NOT NULL,
        office_code   NVARCHAR(100) NOT NULL,
        business_date DATE NOT NULL,
        state         NVARCHAR(20) NOT NULL,
        run_id        NVARCHAR(100) NOT NULL,
        rows_loaded   BIGINT NOT NULL,
        updated_at    DATETIME2(6) NOT NULL,
        error         NVARCHAR(MAX) NULL,
        committed_run NVARCHAR(100) NULL,
        CONSTRAINT pk_etl_partition_type PRIMARY KEY (pipeline, record_type, office_code, business_date)
    );
IF OBJECT_ID(N'dbo.etl_partition', N'U') IS NOT NULL
BEGIN
    INSERT INTO dbo.etl_partition_type (pipeline, record_type, office_code, business_date, state, run_id, rows_loaded, updated_at, error, committed_run)
    SELECT pipeline, N'declaration', office_code, business_date, state, run_id, rows_loaded, updated_at, error,
           CASE WHEN state = N'done' THEN run_id END
    FROM dbo.etl_partition;
    DROP TABLE dbo.etl_partition;
END;
IF OBJECT_ID(N'dbo.etl_partition', N'V') IS NULL
    EXEC (N'CREATE VIEW dbo.etl_partition AS
SELECT pipeline, office_code, business_date,
       CASE WHEN sum(CASE WHEN state = ''failed'' THEN 1 ELSE 0 END) > 0 THEN ''failed''
            WHEN sum(CASE WHEN state = ''running'' THEN 1 ELSE 0 END) > 0 THEN ''running''
            WHEN sum(CASE WHEN state = ''pending'' THEN 1 ELSE 0 END) > 0 THEN ''pending''
            ELSE ''done'' END AS state,
       max(run_id) AS run_id, sum(rows_loaded) AS rows_loaded, max(updated_at) AS updated_at, max(error) AS error
FROM dbo.etl_partition_type
GROUP BY pipeline, office_code, business_date');
IF COL_LENGTH(N'dbo.etl_run', N'holder_host') IS NULL
    ALTER TABLE dbo.etl_run ADD holder_host NVARCHAR(200) NULL;
IF COL_LENGTH(N'dbo.etl_run', N'holder_pid') IS NULL
    ALTER TABLE dbo.etl_run ADD holder_pid INT NULL;
IF COL_LENGTH(N'dbo.etl_run', N'heartbeat_at') IS NULL
    ALTER TABLE dbo.etl_run ADD heartbeat_at DATETIME2(6) NULL;
IF COL_LENGTH(N'dbo.etl_lock', N'heartbeat_at') IS NULL
    ALTER TABLE dbo.etl_lock ADD heartbeat_at DATETIME2(6) NULL;
