-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF COL_LENGTH(N'dbo.etl_run', N'rows_outside_window') IS NULL
    ALTER TABLE dbo.etl_run ADD rows_outside_window BIGINT NULL;
