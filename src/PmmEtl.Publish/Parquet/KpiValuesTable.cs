using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// The columns of <c>kpi_values.parquet</c>, in the published order (<see cref="PublishedSchema.KpiValues"/>).
/// A new column goes at the end with the next <see cref="PublishedSchema.Current"/>; nothing is renamed, retyped or
/// removed.
/// </summary>
internal static class KpiValuesTable
{
    public const string FileName = PublishedSchema.ValuesFile;

    public static ParquetTableWriter<PublishedValue> CreateWriter(int rowGroupSize) =>
        new(AddColumns(new ColumnSet<PublishedValue>(rowGroupSize), row => row), rowGroupSize);

    /// <summary>Appends the kpi_values columns to <paramref name="set"/>; the history file reuses them after its own.</summary>
    public static ColumnSet<TRow> AddColumns<TRow>(ColumnSet<TRow> set, Func<TRow, PublishedValue> published) => set
        .Text("pipeline", r => published(r).Value.Pipeline)
        .Text("kpi_code", r => published(r).Value.KpiCode)
        .Text("kpi_id", r => published(r).Value.KpiId)
        .Text("variant", r => published(r).Value.Variant)
        .Text("period_type", r => published(r).Value.PeriodType)
        .Text("period_label", r => published(r).Value.PeriodLabel)
        .Date("period_start", r => published(r).Value.PeriodStart)
        .Date("period_end", r => published(r).Value.PeriodEnd)
        .Text("breakdown", r => published(r).Value.Breakdown)
        .Text("breakdown_value", r => published(r).Value.BreakdownValue)
        .OptionalDouble("value", r => published(r).Value.Value)
        .Text("unit", r => published(r).Value.Unit)
        .OptionalDouble("median", r => published(r).Value.Median)
        .OptionalDouble("p90", r => published(r).Value.P90)
        .OptionalDouble("min", r => published(r).Value.Min)
        .OptionalDouble("max", r => published(r).Value.Max)
        .OptionalDouble("sum_minutes", r => published(r).Value.SumMinutes)
        .Int64("n", r => published(r).Value.N)
        .OptionalInt64("numerator", r => published(r).Value.Numerator)
        .OptionalInt64("denominator", r => published(r).Value.Denominator)
        .Int64("excluded", r => published(r).Value.Excluded)
        .Text("disclosure", r => published(r).Value.Disclosure)
        .OptionalText("note", r => published(r).Value.Note)
        .Text("run_id", r => published(r).Value.RunId, inContentHash: false)
        .TimestampUtc("computed_at", r => published(r).Value.ComputedAt, inContentHash: false)
        .OptionalText("kpi_name", r => published(r).KpiName)
        .OptionalText("strategic_area", r => published(r).StrategicArea)
        .Boolean("suppressed", r => published(r).Suppressed)
        .OptionalText("value_text", r => published(r).Value.ValueText)
        .Boolean("provisional", r => published(r).Value.Provisional);
}
