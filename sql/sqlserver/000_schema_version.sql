-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.schema_version', N'U') IS NULL
    CREATE TABLE dbo.schema_version (
        script     NVARCHAR(200) NOT NULL PRIMARY KEY,
        applied_at DATETIME2(6) NOT NULL
    );
