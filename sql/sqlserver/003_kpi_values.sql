-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF OBJECT_ID(N'dbo.fact_kpi_value', N'U') IS NULL
    CREATE TABLE dbo.fact_kpi_value (
        pipeline        NVARCHAR(100) NOT NULL,
        kpi_code        NVARCHAR(10) NOT NULL,
        kpi_id          NVARCHAR(100) NOT NULL,
        variant         NVARCHAR(50) NOT NULL,
        period_type     NVARCHAR(10) NOT NULL,
        period_label    NVARCHAR(20) NOT NULL,
        period_start    DATE NOT NULL,
        period_end      DATE NOT NULL,
        period_year     SMALLINT NOT NULL,
        breakdown       NVARCHAR(50) NOT NULL,
        breakdown_value NVARCHAR(100) NOT NULL,
        value           FLOAT NULL,
        unit            NVARCHAR(20) NOT NULL,
        median          FLOAT NULL,
        p90             FLOAT NULL,
        min             FLOAT NULL,
        max             FLOAT NULL,
        sum_minutes     FLOAT NULL,
        n               BIGINT NOT NULL,
        numerator       BIGINT NULL,
        denominator     BIGINT NULL,
        excluded        BIGINT NOT NULL,
        disclosure      NVARCHAR(20) NOT NULL,
        note            NVARCHAR(1000) NULL,
        run_id          NVARCHAR(100) NOT NULL,
        computed_at     DATETIME2(6) NOT NULL
    );

IF OBJECT_ID(N'dbo.fact_kpi_exclusion', N'U') IS NULL
    CREATE TABLE dbo.fact_kpi_exclusion (
        pipeline     NVARCHAR(100) NOT NULL,
        kpi_code     NVARCHAR(10) NOT NULL,
        period_type  NVARCHAR(10) NOT NULL,
        period_label NVARCHAR(20) NOT NULL,
        period_start DATE NOT NULL,
        period_year  SMALLINT NOT NULL,
        reason       NVARCHAR(100) NOT NULL,
        explanation  NVARCHAR(400) NOT NULL,
        count        BIGINT NOT NULL,
        run_id       NVARCHAR(100) NOT NULL
    );
