-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.stg_shadowed_row', N'U') IS NULL
    CREATE TABLE dbo.stg_shadowed_row (
        source_name NVARCHAR(1000) NOT NULL,
        source_row  BIGINT NOT NULL
    );
