using PmmEtl.Core.Records;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// The columns of <c>kpi_values.parquet</c>, in the published order. Changing a name, type or the order is a
/// change of the published schema: bump <see cref="ParquetSnapshotPublisher.SchemaVersion"/>.
/// </summary>
internal static class KpiValuesTable
{
    public const string FileName = "kpi_values.parquet";

    public static ParquetTableWriter<KpiValue> CreateWriter(int rowGroupSize) => new(
        new ColumnSet<KpiValue>(rowGroupSize)
            .Text("pipeline", v => v.Pipeline)
            .Text("kpi_code", v => v.KpiCode)
            .Text("kpi_id", v => v.KpiId)
            .Text("variant", v => v.Variant)
            .Text("period_type", v => v.PeriodType)
            .Text("period_label", v => v.PeriodLabel)
            .Date("period_start", v => v.PeriodStart)
            .Date("period_end", v => v.PeriodEnd)
            .Text("breakdown", v => v.Breakdown)
            .Text("breakdown_value", v => v.BreakdownValue)
            .OptionalDouble("value", v => v.Value)
            .Text("unit", v => v.Unit)
            .OptionalDouble("median", v => v.Median)
            .OptionalDouble("p90", v => v.P90)
            .OptionalDouble("min", v => v.Min)
            .OptionalDouble("max", v => v.Max)
            .OptionalDouble("sum_minutes", v => v.SumMinutes)
            .Int64("n", v => v.N)
            .OptionalInt64("numerator", v => v.Numerator)
            .OptionalInt64("denominator", v => v.Denominator)
            .Int64("excluded", v => v.Excluded)
            .Text("disclosure", v => v.Disclosure)
            .OptionalText("note", v => v.Note)
            .Text("run_id", v => v.RunId, inContentHash: false)
            .TimestampUtc("computed_at", v => v.ComputedAt, inContentHash: false),
        rowGroupSize);
}
