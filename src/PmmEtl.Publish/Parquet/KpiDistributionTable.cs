using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Parquet;

/// <summary>
/// The columns of <c>kpi_distribution.parquet</c> (<see cref="PublishedSchema.KpiDistribution"/>): the histogram of
/// per-declaration minutes behind each mean-duration KPI of the year, the data behind the report's histogram.
/// </summary>
internal static class KpiDistributionTable
{
    public const string FileName = PublishedSchema.DistributionFile;

    public static ParquetTableWriter<PublishedBin> CreateWriter(int rowGroupSize) => new(
        new ColumnSet<PublishedBin>(rowGroupSize)
            .Text("pipeline", b => b.Bin.Pipeline)
            .Text("kpi_code", b => b.Bin.KpiCode)
            .Int64("year", b => b.Bin.Year)
            .Int64("bin", b => b.Bin.Bin)
            .Double("lower_minutes", b => b.Bin.LowerMinutes)
            .OptionalDouble("upper_minutes", b => b.Bin.UpperMinutes)
            .OptionalInt64("count", b => b.Count)
            .Text("disclosure", b => b.Disclosure)
            .Boolean("suppressed", b => b.Suppressed)
            .Text("run_id", b => b.Bin.RunId, inContentHash: false),
        rowGroupSize);
}
