using System.Text;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Reports.Html.Charts;
using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports.Html;

/// <summary>
/// One KPI of the report: its definition and headline value, the month-by-month line against the previous year, the
/// year-by-year bars from the history, the histogram of minutes and the responsible-actor split (mean durations), and
/// the quarters, months and breakdowns each beside the previous period.
/// </summary>
internal static class KpiCard
{
    private const string Accent = "#1f5f8b";
    private const string Previous = "#9aa8b5";

    private static readonly (string Actor, string Label, string Color)[] Actors =
    [
        ("BUSINESS", "Business", "#5b8fc7"),
        ("OGA", "Other government agencies", "#d49a3a"),
        ("CUSTOMS", "Customs", "#4f9a6a"),
    ];

    public static void Write(StringBuilder html, PublicationReport r, string code)
    {
        KpiDefinition? kpi = ReportRows.Kpi(r, code);
        List<ReportValue> rows = [.. r.Values.Where(v => v.Value.KpiCode == code && v.Value.Variant == ReportRows.Pmm)];
        ReportValue? year = rows.FirstOrDefault(v => ReportRows.IsYear(v.Value.PeriodType) && v.Value.Breakdown == ReportRows.Total);
        string unit = year?.Value.Unit ?? kpi?.Unit ?? "";

        html.Append($"<article class=\"kpi\" id=\"{Cells.Anchor(code)}\"><h3><span class=\"code\">{E(code)}</span>{E(kpi?.Name ?? code)}</h3>");
        if (kpi is not null)
        {
            html.Append($"<p class=\"definition\">{E(kpi.Definition)} Disclosure: {E(kpi.Disclosure.ToCode())}.</p>");
        }

        if (year is { Suppressed: false, Value: { Value: null, ValueText: { } answer } })
        {
            // A text answer or label has no unit, trend or change; it is the headline as it stands.
            html.Append($"<div class=\"headline\">{E(answer)}<small>{r.Year}")
                .Append(ReportRows.PreviousPeriod(r, year.Value) is { } prev ? $" · {r.Year - 1}: {Cells.Value(prev)}" : "")
                .Append("</small></div>");
        }
        else if (year is not null)
        {
            string duration = unit == "minutes" && year.Value.Value is { } minutes ? Duration(minutes) : "";
            html.Append($"<div class=\"headline\">{Cells.Value(year)} {E(Unit(unit))}<small>{(duration.Length > 0 ? E(duration) + " · " : "")}{r.Year} · N = {Count(year.Value.N)}")
                .Append(ReportRows.PreviousPeriod(r, year.Value) is { } prev ? $" · {r.Year - 1}: {Cells.Value(prev)} ({Cells.Change(year, prev)})" : "")
                .Append("</small></div>");
        }

        html.Append("<div class=\"grid\">");

        // Only KPIs measured by month get the monthly line, and only KPIs with numbers the yearly bars: a yearly
        // questionnaire answer would draw an empty chart.
        bool monthly = rows.Concat(r.PreviousYear).Any(v => v.Value.KpiCode == code && v.Value.PeriodType == "month");
        bool numeric = rows.Any(v => v.Value.Value is not null) || !rows.Any(v => v.Value.ValueText is not null);
        if (monthly)
        {
            MonthlyTrend(html, r, code, rows, unit);
        }

        if (numeric)
        {
            YearlyTrend(html, r, code, year, unit);
        }

        if (r.Distribution.Any(b => b.KpiCode == code))
        {
            Histogram(html, r, code);
        }

        if (rows.Any(v => v.Value.Breakdown == ReportRows.ActorBreakdown && v.Value.PeriodType == "year"))
        {
            ActorSplit(html, r, rows, year);
        }

        if (rows.Any(v => v.Value.PeriodType is "quarter" or "month"))
        {
            PeriodTable(html, r, rows, unit);
        }

        BreakdownTable(html, r, rows);
        html.Append("</div></article>\n");
    }

    private static void MonthlyTrend(StringBuilder html, PublicationReport r, string code, List<ReportValue> rows, string unit)
    {
        string[] labels = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        double?[] Month(IEnumerable<ReportValue> source) => [.. Enumerable.Range(1, 12).Select(m => source.FirstOrDefault(v =>
            v.Value.KpiCode == code && v.Value.Variant == ReportRows.Pmm && v.Value.PeriodType == "month"
            && v.Value.Breakdown == ReportRows.Total && v.Value.PeriodStart.Month == m)?.Value.Value)];
        var series = new List<Series>();
        if (r.PreviousYear.Count > 0)
        {
            series.Add(new Series((r.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Month(r.PreviousYear), Previous, Dashed: true));
        }

        series.Add(new Series(r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Month(rows), Accent));
        html.Append("<figure><h4>Month by month</h4>")
            .Append(LineChart.Render($"{code} by month, {r.Year}", labels, series, Unit(unit)))
            .Append("<figcaption>Business-date months (office-local). A gap is a month without a value (not measurable or suppressed).</figcaption></figure>");
    }

    private static void YearlyTrend(StringBuilder html, PublicationReport r, string code, ReportValue? year, string unit)
    {
        var bars = r.History
            .Where(h => h.Row.Value.KpiCode == code && h.Row.Value.Variant == ReportRows.Pmm && h.Row.Value.Breakdown == ReportRows.Total)
            .Select(h => (h.Year, Label: $"{h.Year}", h.Row.Value.Value, Note: $"{h.Year} ({h.Version})"))
            .ToList();
        if (year is not null)
        {
            bars.Add((r.Year, $"{r.Year}", year.Value.Value, $"{r.Year} (this version)"));
        }

        Bar[] drawn = [.. bars.OrderBy(b => b.Year).TakeLast(12).Select(b => new Bar(b.Label, b.Value,
            b.Value is { } v ? $"{b.Note}: {Number(v)} {Unit(unit)}" : $"{b.Note}: no value", b.Year == r.Year))];
        html.Append("<figure><h4>Year by year</h4>")
            .Append(BarChart.Render($"{code} by year", drawn, Unit(unit), Accent, v => Number(v, 0), valueLabels: true))
            .Append(drawn.Length < 2
                ? "<figcaption>Only this year is published so far; earlier years appear here as they are published.</figcaption>"
                : "<figcaption>Each year from its latest version (the history file); this year highlighted.</figcaption>")
            .Append("</figure>");
    }

    private static void Histogram(StringBuilder html, PublicationReport r, string code)
    {
        ReportBin[] bins = [.. r.Distribution.Where(b => b.KpiCode == code).OrderBy(b => b.Bin)];
        long total = bins.Sum(b => b.Count ?? 0);
        Bar[] bars = [.. bins.Select(b => new Bar(Bin(b.LowerMinutes, b.UpperMinutes), b.Count,
            b.Count is { } c ? $"{Bin(b.LowerMinutes, b.UpperMinutes)}: {Count(c)} declarations ({Number(total > 0 ? 100.0 * c / total : 0, 1)} %)" : "suppressed (small count)"))];
        html.Append("<figure><h4>Distribution of minutes per declaration, ").Append(r.Year).Append("</h4>")
            .Append(BarChart.Render($"{code} distribution of per-declaration minutes", bars, "declarations", "#4f7ea8", Cells.Thousands, slantedLabels: true))
            .Append($"<figcaption>Declarations measured per range of minutes ({Count(total)} in all); ranges widen to the right.")
            .Append(bins.Any(b => b.Count is null) ? " Dashed outlines: suppressed small counts." : "")
            .Append("</figcaption></figure>");
    }

    private static void ActorSplit(StringBuilder html, PublicationReport r, List<ReportValue> rows, ReportValue? year)
    {
        ReportValue[] actors = [.. rows.Where(v => v.Value.Breakdown == ReportRows.ActorBreakdown && v.Value.PeriodType == "year")];
        html.Append("<figure><h4>Who takes the time: stage breakdown by responsible actor</h4>");
        if (year?.Value.Value is { } total)
        {
            ActorShare[] shares = [.. Actors.Select(a => new ActorShare(a.Label,
                actors.FirstOrDefault(v => v.Value.BreakdownValue == a.Actor)?.Value.Value, a.Color))];
            html.Append(ActorBar.Render($"{year.Value.KpiCode} split by responsible actor, {r.Year}", total, shares));
        }

        html.Append("<table><thead><tr><th>Actor</th><th class=\"num\">Mean</th><th class=\"num\">")
            .Append(r.Year - 1).Append("</th><th class=\"num\">Change</th><th class=\"num\">Median</th><th class=\"num\">P90</th></tr></thead><tbody>");
        foreach ((string actor, string label, _) in Actors)
        {
            if (actors.FirstOrDefault(v => v.Value.BreakdownValue == actor) is not { } row)
            {
                continue;
            }

            ReportValue? previous = ReportRows.PreviousPeriod(r, row.Value);
            html.Append($"<tr><td>{E(label)}</td><td class=\"num\">{Cells.Value(row)}</td><td class=\"num\">{Cells.Value(previous)}</td><td class=\"num\">{Cells.Change(row, previous)}</td>")
                .Append($"<td class=\"num\">{Cells.Optional(row, row.Value.Median)}</td><td class=\"num\">{Cells.Optional(row, row.Value.P90)}</td></tr>");
        }

        html.Append("</tbody></table><figcaption>Minutes per declaration; the shares add up to the KPI. ")
            .Append("Business: until lodgement and arrival, and after release until loading; OGA: until the permit; Customs: the rest until release.</figcaption></figure>");
    }

    private static void PeriodTable(StringBuilder html, PublicationReport r, List<ReportValue> rows, string unit)
    {
        html.Append("<div><h4>Quarters and months (previous period beside)</h4><table><thead><tr><th>Period</th>")
            .Append($"<th class=\"num\">Value ({E(Unit(unit))})</th><th class=\"num\">Previous</th><th class=\"num\">Change</th><th class=\"num\">N</th></tr></thead><tbody>");
        foreach (string type in new[] { "quarter", "month" })
        {
            ReportValue[] periods = [.. ReportRows.Ordered(rows.Where(v => v.Value.PeriodType == type && v.Value.Breakdown == ReportRows.Total))];
            if (periods.Length == 0)
            {
                continue;
            }

            html.Append($"<tr class=\"group\"><td colspan=\"5\">{(type == "quarter" ? "Quarters" : "Months")}</td></tr>");
            foreach (ReportValue row in periods)
            {
                ReportValue? previous = ReportRows.PreviousPeriod(r, row.Value);
                html.Append($"<tr><td>{E(row.Value.PeriodLabel)}</td><td class=\"num\">{Cells.Value(row)}</td><td class=\"num\" title=\"{E(previous?.Value.PeriodLabel)}\">{Cells.Value(previous)}</td>")
                    .Append($"<td class=\"num\">{Cells.Change(row, previous)}</td><td class=\"num\">{Count(row.Value.N)}</td></tr>");
            }
        }

        html.Append("</tbody></table></div>");
    }

    private static void BreakdownTable(StringBuilder html, PublicationReport r, List<ReportValue> rows)
    {
        ReportValue[] breakdowns = [.. ReportRows.Ordered(rows.Where(v => ReportRows.IsYear(v.Value.PeriodType)
            && v.Value.Breakdown != ReportRows.Total && v.Value.Breakdown != ReportRows.ActorBreakdown))];
        html.Append($"<div><h4>Breakdowns, {r.Year} beside {r.Year - 1}</h4>");
        if (breakdowns.Length == 0)
        {
            html.Append("<p class=\"hint\">No breakdown of this KPI is disclosed to this audience.</p></div>");
            return;
        }

        html.Append($"<table><thead><tr><th>Value of</th><th class=\"num\">{r.Year}</th><th class=\"num\">{r.Year - 1}</th><th class=\"num\">Change</th><th class=\"num\">N</th></tr></thead><tbody>");
        foreach (IGrouping<string, ReportValue> group in breakdowns.GroupBy(v => v.Value.Breakdown))
        {
            html.Append($"<tr class=\"group\"><td colspan=\"5\">{E(group.Key.Replace('_', ' '))}</td></tr>");
            foreach (ReportValue row in group)
            {
                ReportValue? previous = ReportRows.PreviousPeriod(r, row.Value);
                html.Append($"<tr><td>{E(row.Value.BreakdownValue)}</td><td class=\"num\">{Cells.Value(row)}</td><td class=\"num\">{Cells.Value(previous)}</td>")
                    .Append($"<td class=\"num\">{Cells.Change(row, previous)}</td><td class=\"num\">{Count(row.Value.N)}</td></tr>");
            }
        }

        html.Append("</tbody></table></div>");
    }
}
