-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF COL_LENGTH(N'dbo.etl_lock', N'holder_host') IS NULL
    ALTER TABLE dbo.etl_lock ADD holder_host NVARCHAR(200) NULL;
IF COL_LENGTH(N'dbo.etl_lock', N'holder_pid') IS NULL
    ALTER TABLE dbo.etl_lock ADD holder_pid INT NULL;
