using PmmEtl.Core.Records;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// The columns of <c>kpi_exclusions.parquet</c>, in the published order. Changing a name, type or the order is a
/// change of the published schema: bump <see cref="ParquetSnapshotPublisher.SchemaVersion"/>.
/// </summary>
internal static class KpiExclusionsTable
{
    public const string FileName = "kpi_exclusions.parquet";

    public static ParquetTableWriter<KpiExclusionCount> CreateWriter(int rowGroupSize) => new(
        new ColumnSet<KpiExclusionCount>(rowGroupSize)
            .Text("pipeline", e => e.Pipeline)
            .Text("kpi_code", e => e.KpiCode)
            .Text("period_type", e => e.PeriodType)
            .Text("period_label", e => e.PeriodLabel)
            .Date("period_start", e => e.PeriodStart)
            .Text("reason", e => e.Reason)
            .Text("explanation", e => e.Explanation)
            .Int64("count", e => e.Count)
            .Text("run_id", e => e.RunId, inContentHash: false),
        rowGroupSize);
}
