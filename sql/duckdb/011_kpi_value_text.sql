-- A text beside (or instead of) the number of a KPI value: the answer of a FoS questionnaire item, or the label of
-- an implementation level. Null for numeric KPIs. Added at the end of the table, where FactColumns.KpiValue has it.
ALTER TABLE fact_kpi_value ADD COLUMN IF NOT EXISTS value_text VARCHAR;
