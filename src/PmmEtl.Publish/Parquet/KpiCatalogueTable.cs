using PmmEtl.Publish.Schema;
using PmmEtl.Reports;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// The columns of <c>kpi_catalogue.parquet</c> (<see cref="PublishedSchema.KpiCatalogue"/>): the definition of every
/// KPI the version has values of, so a value can always be read next to the definition it was computed by.
/// Every column counts in the content hash: a definition that changes makes a new version even when no value does.
/// </summary>
internal static class KpiCatalogueTable
{
    public const string FileName = PublishedSchema.CatalogueFile;

    public static ParquetTableWriter<CatalogueEntry> CreateWriter(int rowGroupSize) => new(
        new ColumnSet<CatalogueEntry>(rowGroupSize)
            .Text("family", e => e.Family)
            .Text("kpi_code", e => e.KpiCode)
            .Text("kpi_id", e => e.KpiId)
            .Text("kpi_name", e => e.KpiName)
            .Text("strategic_area", e => e.StrategicArea)
            .Text("outcome", e => e.Outcome)
            .Text("input_kind", e => e.InputKind)
            .Text("formula_kind", e => e.FormulaKind)
            .Text("formula", e => e.Formula)
            .Text("printed_formula", e => e.PrintedFormula)
            .Text("definition", e => e.Definition)
            .Text("unit", e => e.Unit)
            .Int64("precision", e => e.Precision)
            .Text("minimum_periodicity", e => e.MinimumPeriodicity)
            .Text("periods", e => e.Periods)
            .Text("disclosure", e => e.Disclosure)
            .OptionalText("breakdowns", e => e.Breakdowns)
            .OptionalText("variables", e => e.Variables)
            .OptionalText("checklist_items", e => e.ChecklistItems)
            .OptionalText("variants", e => e.Variants)
            .OptionalText("decision", e => e.Decision)
            .Text("catalogue_version", e => e.CatalogueVersion),
        rowGroupSize);
}
