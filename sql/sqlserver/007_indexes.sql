-- SQL Server version of sql/postgres/007_indexes.sql: indexes for the partition merge and year-scoped measures.
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_fact_declaration_date')
    CREATE INDEX ix_fact_declaration_date ON dbo.fact_declaration (business_date);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_fact_declaration_id')
    CREATE INDEX ix_fact_declaration_id ON dbo.fact_declaration (declaration_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_fact_declaration_run')
    CREATE INDEX ix_fact_declaration_run ON dbo.fact_declaration (run_id);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_fact_kpi_value_year')
    CREATE INDEX ix_fact_kpi_value_year ON dbo.fact_kpi_value (pipeline, period_year);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_dq_quarantine_key')
    CREATE INDEX ix_dq_quarantine_key ON dbo.dq_quarantine (pipeline, source_key);
