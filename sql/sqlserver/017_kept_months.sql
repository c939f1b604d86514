-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.measure_kept_month', N'U') IS NULL
    CREATE TABLE dbo.measure_kept_month (
        population_key NVARCHAR(64) NOT NULL,
        month          DATE NOT NULL,
        fingerprint    NVARCHAR(64) NOT NULL,
        payload        NVARCHAR(MAX) NOT NULL,
        CONSTRAINT pk_measure_kept_month PRIMARY KEY (population_key, month)
    );
