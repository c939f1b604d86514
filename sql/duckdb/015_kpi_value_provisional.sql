-- A value whose period had not ended at the run's data cut-off (the run's date, or the last month of data of a record
-- type it reads) is provisional: a later version may change it without that being a revision of a final value.
-- Added at the end of the table, where FactColumns.KpiValue has it; rows stored before are final (false). DuckDB
-- cannot add a column with a NOT NULL constraint; the writer always gives one, and a reader takes null as final.
ALTER TABLE fact_kpi_value ADD COLUMN IF NOT EXISTS provisional BOOLEAN DEFAULT FALSE;
