using System.Globalization;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// Reads published cells for the area IV, WCO-tool and FoS tests (the harness's Kpi() gives value, n and disclosure
/// only). Plain static methods, used through <c>using static</c>, so that no extension method can clash with another
/// area's helpers.
/// </summary>
internal static class Area4FosRows
{
    /// <summary>One published cell of fact_kpi_value with the columns these tests check.</summary>
    public sealed record PublishedCell(double? Value, long N, long? Numerator, long? Denominator, string Disclosure, string? Note, string? ValueText, string PeriodType);

    public static PublishedCell Cell(PipelineHarness h, string code, string period, string breakdown = "total", string value = "ALL", string variant = "pmm")
    {
        List<object?[]> rows = h.Query($"""
            SELECT value, n, numerator, denominator, disclosure, note, value_text, period_type FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND breakdown_value = '{value}' AND variant = '{variant}'
            """);
        Assert.True(rows.Count == 1, $"expected one row for {code} {period} {breakdown}={value} {variant}, found {rows.Count}");
        object?[] r = rows[0];
        return new PublishedCell(
            r[0] is null ? null : Convert.ToDouble(r[0], CultureInfo.InvariantCulture),
            Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
            r[2] is null ? null : Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
            r[3] is null ? null : Convert.ToInt64(r[3], CultureInfo.InvariantCulture),
            (string)r[4]!,
            (string?)r[5],
            (string?)r[6],
            (string)r[7]!);
    }

    /// <summary>The breakdown values published for a KPI, period and breakdown, in order.</summary>
    public static List<string> BreakdownValues(PipelineHarness h, string code, string period, string breakdown) =>
        h.Query($"""
            SELECT breakdown_value FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND period_label = '{period}' AND breakdown = '{breakdown}' AND variant = 'pmm'
            ORDER BY breakdown_value
            """).Select(r => (string)r[0]!).ToList();

    /// <summary>The period labels published for a KPI (total rows), in order.</summary>
    public static List<string> Periods(PipelineHarness h, string code) =>
        h.Query($"""
            SELECT period_label FROM fact_kpi_value
            WHERE kpi_code = '{code}' AND breakdown = 'total' AND variant = 'pmm'
            ORDER BY period_start
            """).Select(r => (string)r[0]!).ToList();
}
