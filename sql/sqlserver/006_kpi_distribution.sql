-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.fact_kpi_distribution', N'U') IS NULL
    CREATE TABLE dbo.fact_kpi_distribution (
        pipeline     NVARCHAR(100) NOT NULL,
        kpi_code     NVARCHAR(10) NOT NULL,
        period_year  SMALLINT NOT NULL,
        bin          INT NOT NULL,
        lower_min    FLOAT NOT NULL,
        upper_min    FLOAT NULL,
        count        BIGINT NOT NULL,
        run_id       NVARCHAR(100) NOT NULL
    );
