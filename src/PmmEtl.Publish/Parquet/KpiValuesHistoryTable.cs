using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Parquet;

/// <summary>One row of the history file: a published value and the version of its year it was copied from.</summary>
internal sealed record HistoryRow(int SnapshotYear, int SnapshotVersion, NodaTime.Instant SnapshotCreatedAt, PublishedValue Row);

/// <summary>The columns of <c>kpi_values_history.parquet</c> (<see cref="PublishedSchema.KpiValuesHistory"/>).</summary>
internal static class KpiValuesHistoryTable
{
    public const string FileName = PublishedSchema.HistoryFile;

    public static ParquetTableWriter<HistoryRow> CreateWriter(int rowGroupSize) => new(
        KpiValuesTable.AddColumns(
            new ColumnSet<HistoryRow>(rowGroupSize)
                .Int64("snapshot_year", h => h.SnapshotYear)
                .Int64("snapshot_version", h => h.SnapshotVersion)
                .TimestampUtc("snapshot_created_at", h => h.SnapshotCreatedAt, inContentHash: false),
            h => h.Row),
        rowGroupSize);
}
