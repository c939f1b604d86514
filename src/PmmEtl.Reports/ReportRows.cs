using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Reports;

/// <summary>The order and grouping both documents use, so the workbook and the report read alike.</summary>
internal static class ReportRows
{
    public const string Total = "total";
    public const string ActorBreakdown = "responsible_actor";
    public const string Pmm = "pmm";

    /// <summary>A KPI's yearly value: the calendar year, or the financial year for the KPIs measured by it (K41).</summary>
    public static bool IsYear(string periodType) => periodType is "year" or "financial_year";

    public static int PeriodRank(string periodType) => periodType switch
    {
        "year" or "financial_year" => 0,
        "quarter" => 1,
        "month" => 2,
        _ => 3,
    };

    /// <summary>KPI, the KPI's own reading before variants, year before quarters before months, the total before breakdowns.</summary>
    public static IEnumerable<ReportValue> Ordered(IEnumerable<ReportValue> rows) => rows
        .OrderBy(r => r.Value.KpiCode, StringComparer.Ordinal)
        .ThenBy(r => r.Value.Variant == Pmm ? 0 : 1).ThenBy(r => r.Value.Variant, StringComparer.Ordinal)
        .ThenBy(r => PeriodRank(r.Value.PeriodType))
        .ThenBy(r => r.Value.PeriodStart)
        .ThenBy(r => r.Value.Breakdown == Total ? 0 : 1).ThenBy(r => r.Value.Breakdown, StringComparer.Ordinal)
        .ThenBy(r => r.Value.BreakdownValue, StringComparer.Ordinal);

    /// <summary>The strategic areas in catalogue order, each with its KPIs that have rows; KPIs unknown to the catalogue last.</summary>
    public static IReadOnlyList<(string Area, IReadOnlyList<string> KpiCodes)> Areas(PublicationReport report)
    {
        var present = report.Values.Select(v => v.Value.KpiCode).ToHashSet(StringComparer.Ordinal);
        var areas = new List<(string, IReadOnlyList<string>)>();
        foreach (IGrouping<string, KpiDefinition> area in report.Catalogue.GroupBy(k => k.Area))
        {
            string[] codes = [.. area.Select(k => k.Code).Where(present.Contains).Order(StringComparer.Ordinal)];
            if (codes.Length > 0)
            {
                areas.Add((area.Key, codes));
            }
        }

        string[] unknown = [.. present.Where(c => report.Catalogue.All(k => k.Code != c)).Order(StringComparer.Ordinal)];
        if (unknown.Length > 0)
        {
            areas.Add(("Not in the catalogue", unknown));
        }

        return areas;
    }

    public static KpiDefinition? Kpi(PublicationReport report, string code) => report.Catalogue.FirstOrDefault(k => k.Code == code);


    /// <summary>The same cell one period earlier: the previous month or quarter, or the previous year, from this year's rows or the previous year's.</summary>
    public static ReportValue? PreviousPeriod(PublicationReport report, KpiValue v)
    {
        NodaTime.LocalDate start = v.PeriodType switch
        {
            "month" => v.PeriodStart.PlusMonths(-1),
            "quarter" => v.PeriodStart.PlusMonths(-3),
            _ => v.PeriodStart.PlusYears(-1),
        };
        Dictionary<CellKey, ReportValue> index = Indexes.GetValue(report, static r => Index(r.Values.Concat(r.PreviousYear)));
        return index.GetValueOrDefault(new CellKey(v.KpiCode, v.Variant, v.PeriodType, start, v.Breakdown, v.BreakdownValue));
    }

    /// <summary>One row per cell key (the first), as in a published file, where keys are unique.</summary>
    public static IReadOnlyList<ReportValue> Distinct(IEnumerable<ReportValue> rows) => [.. Index(rows).Values];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PublicationReport, Dictionary<CellKey, ReportValue>> Indexes = [];

    private static Dictionary<CellKey, ReportValue> Index(IEnumerable<ReportValue> rows)
    {
        var index = new Dictionary<CellKey, ReportValue>();
        foreach (ReportValue row in rows)
        {
            KpiValue v = row.Value;
            index.TryAdd(new CellKey(v.KpiCode, v.Variant, v.PeriodType, v.PeriodStart, v.Breakdown, v.BreakdownValue), row);
        }

        return index;
    }

    private readonly record struct CellKey(string KpiCode, string Variant, string PeriodType, NodaTime.LocalDate PeriodStart, string Breakdown, string BreakdownValue);
}
