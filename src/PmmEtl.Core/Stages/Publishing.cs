using NodaTime;
using PmmEtl.Core.Catalogue;
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
    string OutputFolder)
{
    /// <summary>The audiences to publish for, each into its own tree; all three unless the pipeline says otherwise.</summary>
    public IReadOnlyList<Disclosure> Audiences { get; init; } = [Disclosure.Public, Disclosure.Wco, Disclosure.National];

    /// <summary>
    /// Small-count suppression for the public and WCO publications: a cell counting fewer declarations than this
    /// is published without its value. Null (the default) publishes every value.
    /// </summary>
    public int? SuppressBelow { get; init; }
}

/// <summary>
/// Where a snapshot went: the widest audience published (national by default), with every audience in
/// <see cref="Audiences"/>. <see cref="Unchanged"/> when the values of every audience equal its latest version,
/// which is kept as it is.
/// </summary>
public sealed record PublishedSnapshot(string Folder, int Version, bool Unchanged, IReadOnlyDictionary<string, long> RowCounts)
{
    public IReadOnlyList<PublishedAudience> Audiences { get; init; } = [];
}

/// <summary>One audience's version of a published year.</summary>
public sealed record PublishedAudience(string Audience, string Folder, int Version, bool Unchanged)
{
    /// <summary>
    /// What the publisher found wrong in the archive and did about it (a damaged latest version superseded, a stale
    /// history rebuilt), one sentence each, for the log and the run summary; empty when all was in order.
    /// </summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
}
