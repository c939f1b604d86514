using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Stages;

/// <summary>Read side of the measured values, as the publish stage sees the warehouse.</summary>
public interface IKpiValueReader
{
    IEnumerable<KpiValue> ReadValues(string pipeline, int year);
    IEnumerable<KpiExclusionCount> ReadExclusions(string pipeline, int year);

    /// <summary>The duration histograms of the year's mean-duration KPIs.</summary>
    IEnumerable<KpiDistributionBin> ReadDistribution(string pipeline, int year);
}

/// <summary>What to publish: one pipeline's calendar year, with the facts a reader needs to trust it.</summary>
public sealed record SnapshotRequest(
    string Pipeline,
    int Year,
    string RunId,
    Instant CreatedAt,
    string DstPolicy,
    string TzdbVersion,
    string CatalogueVersion,
    string SourceWindow,
    string OutputFolder);

/// <summary>Where a snapshot went. <see cref="Unchanged"/> when the values equal the latest version, which is kept as it is.</summary>
public sealed record PublishedSnapshot(string Folder, int Version, bool Unchanged, IReadOnlyDictionary<string, long> RowCounts);
