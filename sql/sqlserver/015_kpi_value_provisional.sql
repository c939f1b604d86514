-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF COL_LENGTH(N'dbo.fact_kpi_value', N'provisional') IS NULL
    ALTER TABLE dbo.fact_kpi_value ADD provisional BIT NOT NULL CONSTRAINT df_fact_kpi_value_provisional DEFAULT 0;
