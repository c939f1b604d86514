using System.Globalization;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// What the area I and II KPI tests read back from fact_kpi_value: beyond the value, the cell facts a reader checks
/// a published number with (N, A and B, the unit, the disclosure level, the note that says why there is no value).
/// The tests themselves are <see cref="AreaIKpiTests"/> and <see cref="AreaIIKpiTests"/>.
/// </summary>
internal static class AreaIAndIIKpiCells
{
    public sealed record Cell(double? Value, long N, long? Numerator, long? Denominator, string Unit, string Disclosure, string? Note);

    /// <summary>The one row of a KPI cell; a missing or duplicated row fails the test with the cell named.</summary>
    public static Cell Row(this PipelineHarness h, string code, string period, string breakdown = "total", string value = "ALL", string variant = "pmm")
    {
        List<object?[]> rows = h.Query($"""
            SELECT value, n, numerator, denominator, unit, disclosure, note FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND breakdown_value = '{value}' AND variant = '{variant}'
            """);
        Assert.True(rows.Count == 1, $"expected one row for {code} {period} {breakdown}={value} {variant}, found {rows.Count}");
        object?[] r = rows[0];
        return new Cell(
            r[0] is null ? null : Convert.ToDouble(r[0], CultureInfo.InvariantCulture),
            Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
            r[2] is null ? null : Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
            r[3] is null ? null : Convert.ToInt64(r[3], CultureInfo.InvariantCulture),
            (string)r[4]!,
            (string)r[5]!,
            r[6] as string);
    }

    /// <summary>The values published for one breakdown of a KPI in a period, in order (no row for a value nobody has).</summary>
    public static List<string> BreakdownValues(this PipelineHarness h, string code, string period, string breakdown, string variant = "pmm") =>
        h.Query($"""
            SELECT breakdown_value FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND variant = '{variant}'
            ORDER BY breakdown_value
            """).Select(r => (string)r[0]!).ToList();

    /// <summary>The periods and breakdowns a KPI has rows for, "period breakdown variant", in order.</summary>
    public static List<string> Cells(this PipelineHarness h, string code) =>
        h.Query($"""
            SELECT period_label || ' ' || breakdown || ' ' || variant FROM fact_kpi_value
            WHERE kpi_code = '{code}' GROUP BY 1 ORDER BY 1
            """).Select(r => (string)r[0]!).ToList();

    /// <summary>A goods declaration lodged at NYC on <paramref name="date"/> (a cargo declaration is an inward manifest).</summary>
    public static FixtureRow Declaration(string id, string type, string date, string? trader = null) =>
        new(id, type, "NYC", date, Direction: type == "CARGO" ? "IMPORT" : null, Lod: $"{date} 10:00:00", Trader: trader);
}
