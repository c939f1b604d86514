-- SQL Server version of the script of the same name in sql/duckdb; keep them in step.
IF COL_LENGTH(N'dbo.fact_kpi_value', N'value_text') IS NULL
    ALTER TABLE dbo.fact_kpi_value ADD value_text NVARCHAR(MAX) NULL;
-- The other engines' period_type is unbounded text; here it was NVARCHAR(10), too short for 'financial_year' (K41).
-- Widening is idempotent and keeps every stored value.
ALTER TABLE dbo.fact_kpi_value ALTER COLUMN period_type NVARCHAR(20) NOT NULL;
ALTER TABLE dbo.fact_kpi_exclusion ALTER COLUMN period_type NVARCHAR(20) NOT NULL;
