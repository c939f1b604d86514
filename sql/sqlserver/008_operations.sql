-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.etl_lock', N'U') IS NULL
    CREATE TABLE dbo.etl_lock (
        pipeline    NVARCHAR(100) NOT NULL PRIMARY KEY,
        run_id      NVARCHAR(100) NOT NULL,
        acquired_at DATETIME2(6) NOT NULL
    );
IF COL_LENGTH(N'dbo.etl_partition', N'error') IS NULL
    ALTER TABLE dbo.etl_partition ADD error NVARCHAR(MAX) NULL;
IF COL_LENGTH(N'dbo.etl_run', N'trigger') IS NULL
    ALTER TABLE dbo.etl_run ADD [trigger] NVARCHAR(20) NULL;
IF COL_LENGTH(N'dbo.etl_run', N'scheduled_for') IS NULL
    ALTER TABLE dbo.etl_run ADD scheduled_for DATETIME2(6) NULL;
