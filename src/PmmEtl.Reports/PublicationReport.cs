using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Reports;

/// <summary>A published KPI value as the documents show it: suppressed cells have no value and say so.</summary>
public sealed record ReportValue(KpiValue Value, bool Suppressed)
{
    /// <summary>A value of a whole year: the calendar year, or the financial year of the KPIs measured by it (K41).</summary>
    public bool IsYearly => ReportRows.IsYear(Value.PeriodType);
}

/// <summary>One histogram bin: declarations measured with lower ≤ minutes &lt; upper (no upper: no bound); null count when suppressed.</summary>
public sealed record ReportBin(string KpiCode, int Bin, double LowerMinutes, double? UpperMinutes, long? Count);

/// <summary>A year-period value of another year, from the latest version of that year.</summary>
public sealed record HistoryValue(int Year, string Version, ReportValue Row);

/// <summary>
/// Everything the workbook and the HTML report of one publication show. Built by the publisher from the rows it
/// publishes for one audience, plus the same audience's earlier years, so a document never shows a row its
/// audience may not see.
/// </summary>
public sealed record PublicationReport
{
    public required string Pipeline { get; init; }
    public required int Year { get; init; }
    public required int Version { get; init; }
    public required string Audience { get; init; }
    public string? Supersedes { get; init; }
    public required Instant CreatedAt { get; init; }
    public required string RunId { get; init; }
    public required string CatalogueVersion { get; init; }
    public required string TzdbVersion { get; init; }
    public required string DstPolicy { get; init; }
    public required string SourceWindow { get; init; }
    public int? SuppressBelow { get; init; }

    /// <summary>This year's values, every period type and breakdown the audience may see.</summary>
    public required IReadOnlyList<ReportValue> Values { get; init; }

    /// <summary>The previous year's values from its latest version (empty when there is none).</summary>
    public IReadOnlyList<ReportValue> PreviousYear { get; init; } = [];

    /// <summary>Year-period values of the other published years, for the year-over-year trend.</summary>
    public IReadOnlyList<HistoryValue> History { get; init; } = [];

    public IReadOnlyList<ReportBin> Distribution { get; init; } = [];

    /// <summary>Per-reason exclusion counts (national publications only).</summary>
    public IReadOnlyList<KpiExclusionCount> Exclusions { get; init; } = [];

    /// <summary>Counts of values added, removed and changed against the superseded version, when there is one.</summary>
    public (int Added, int Removed, int Changed)? Changes { get; init; }

    public IReadOnlyList<KpiDefinition> Catalogue { get; init; } = KpiCatalogue.All;
}
