-- Row-store engines need indexes for the partition merge (by date, by declaration id, by run) and the
-- year-scoped measure queries. DuckDB needs none: it scans columns.
CREATE INDEX IF NOT EXISTS ix_fact_declaration_date ON fact_declaration (business_date);
CREATE INDEX IF NOT EXISTS ix_fact_declaration_id ON fact_declaration (declaration_id);
CREATE INDEX IF NOT EXISTS ix_fact_declaration_run ON fact_declaration (run_id);
CREATE INDEX IF NOT EXISTS ix_fact_kpi_value_year ON fact_kpi_value (pipeline, period_year);
CREATE INDEX IF NOT EXISTS ix_dq_quarantine_key ON dq_quarantine (pipeline, source_key);
