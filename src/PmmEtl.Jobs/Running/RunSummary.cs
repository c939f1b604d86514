using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Jobs.Running;

/// <summary>What a finished run did: its book entry, the year totals it measured, and where the snapshots went.</summary>
public sealed record RunSummary(
    RunRecord Run,
    IReadOnlyList<KpiValue> YearTotals,
    IReadOnlyList<PublishedSnapshot> Snapshots,
    IReadOnlyList<QuarantineEntry> QuarantineSample,
    string RunResultFile);
