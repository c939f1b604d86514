using System.Text;
using NodaTime.Text;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Reports.Html;
using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports;

/// <summary>
/// The publication as one self-contained HTML file: inline CSS and inline SVG charts, no script, no external font,
/// image or stylesheet, so it opens offline and can be mailed or archived as it is. For each strategic area: the
/// year's KPIs beside the previous year; for each KPI the monthly trend against the previous year, the yearly trend
/// from the history, the release-time histogram and the split by responsible actor (mean-duration KPIs), and tables
/// of months, quarters and breakdowns each beside the previous period.
/// </summary>
public static class HtmlReportWriter
{
    public static void Write(PublicationReport report, string path) => File.WriteAllText(path, Render(report), new UTF8Encoding(false));

    /// <exception cref="InvalidDataException">A date or instant of the report is outside <see cref="PublishableDates"/>.</exception>
    public static string Render(PublicationReport report)
    {
        PublishableDates.Check(report);
        // Keys are unique in a published file; keeping the first of any repeat bounds the tables to the periods and breakdowns.
        PublicationReport r = report with { Values = ReportRows.Distinct(report.Values), PreviousYear = ReportRows.Distinct(report.PreviousYear) };
        var html = new StringBuilder();
        string title = $"PMM KPI report: {r.Pipeline} {r.Year} v{r.Version} ({r.Audience})";
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<meta name=\"generator\" content=\"PmmEtl\"><title>{E(title)}</title><style>{ReportStyle.Css}</style></head>\n<body><main>\n");
        Masthead(html, r);
        IReadOnlyList<(string Area, IReadOnlyList<string> Codes)> areas = ReportRows.Areas(r);
        Contents(html, r, areas);
        foreach ((string area, IReadOnlyList<string> codes) in areas)
        {
            html.Append($"<section class=\"area\"><h2>{E(area)}</h2>\n");
            AreaSummary(html, r, codes);
            foreach (string code in codes)
            {
                KpiCard.Write(html, r, code);
            }

            html.Append("</section>\n");
        }

        Footer(html, r);
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Masthead(StringBuilder html, PublicationReport r)
    {
        html.Append("<header><div class=\"eyebrow\">WCO Performance Measurement Mechanism · KPI snapshot</div>")
            .Append($"<h1>{E(r.Pipeline)}, {r.Year}</h1><div class=\"badges\">")
            .Append($"<span class=\"badge aud-{E(r.Audience)}\" title=\"{E(WorkbookWriter.AudienceText(r.Audience))}\">audience: {E(r.Audience)}</span>")
            .Append($"<span class=\"badge\">version v{r.Version}</span>");
        if (r.Supersedes is { } superseded)
        {
            string changes = r.Changes is { } c ? $": {c.Changed} values changed, {c.Added} added, {c.Removed} removed" : "";
            html.Append($"<span class=\"hint\">supersedes {E(superseded)}{E(changes)} (listed in manifest.json)</span>");
        }
        else
        {
            html.Append("<span class=\"hint\">first version of this year</span>");
        }

        html.Append("</div><dl class=\"facts\">");
        Fact(html, "Published (UTC)", InstantPattern.General.Format(r.CreatedAt));
        Fact(html, "Run", r.RunId);
        Fact(html, "KPI catalogue", r.CatalogueVersion);
        Fact(html, "tzdb", r.TzdbVersion);
        Fact(html, "DST policy", r.DstPolicy);
        Fact(html, "Source window", r.SourceWindow);
        Fact(html, "Small counts", r.SuppressBelow is { } n ? $"suppressed below {n} declarations" : "nothing suppressed");
        Fact(html, "Previous year", r.PreviousYear.Count > 0 ? $"{r.Year - 1}, latest version" : "not published");
        html.Append("</dl></header>\n");
    }

    private static void Fact(StringBuilder html, string key, string value) =>
        html.Append($"<div><dt>{E(key)}</dt><dd>{E(value)}</dd></div>");

    private static void Contents(StringBuilder html, PublicationReport r, IReadOnlyList<(string Area, IReadOnlyList<string> Codes)> areas)
    {
        html.Append("<nav class=\"toc\">");
        foreach ((_, IReadOnlyList<string> codes) in areas)
        {
            foreach (string code in codes)
            {
                html.Append($"<a href=\"#{Cells.Anchor(code)}\">{E(code)} {E(ReportRows.Kpi(r, code)?.Name ?? "")}</a> ");
            }
        }

        html.Append("</nav>\n");
    }

    private static void AreaSummary(StringBuilder html, PublicationReport r, IReadOnlyList<string> codes)
    {
        html.Append("<table class=\"summary\"><thead><tr><th>KPI</th><th>Name</th><th>Reading</th>")
            .Append($"<th class=\"num\">{r.Year}</th><th class=\"num\">{r.Year - 1}</th><th class=\"num\">Change</th><th>Unit</th><th class=\"num\">N</th><th>Note</th></tr></thead><tbody>");
        foreach (string code in codes)
        {
            foreach (ReportValue row in ReportRows.Ordered(r.Values.Where(v => v.Value.KpiCode == code && ReportRows.IsYear(v.Value.PeriodType) && v.Value.Breakdown == ReportRows.Total)))
            {
                KpiValue v = row.Value;
                ReportValue? previous = ReportRows.PreviousPeriod(r, v);
                html.Append($"<tr><td><a href=\"#{Cells.Anchor(code)}\">{E(code)}</a></td><td>{E(ReportRows.Kpi(r, code)?.Name ?? v.KpiId)}</td><td>{E(v.Variant == ReportRows.Pmm ? "PMM" : v.Variant)}</td>")
                    .Append($"<td class=\"num\"><b>{Cells.Value(row)}</b></td><td class=\"num\">{Cells.Value(previous)}</td><td class=\"num\">{Cells.Change(row, previous)}</td>")
                    .Append($"<td>{E(Unit(v.Unit))}</td><td class=\"num\">{Count(v.N)}</td><td class=\"hint\">{E(v.Note)}</td></tr>");
            }
        }

        html.Append("</tbody></table>\n");
    }

    private static void Footer(StringBuilder html, PublicationReport r)
    {
        html.Append("<footer><p>")
            .Append("Values are the PMM readings of the KPI catalogue ").Append(E(r.CatalogueVersion))
            .Append("; minutes and percentages to two decimals; an answer or a level's label is shown as its text. <i>not measurable</i>: nothing in scope (N or B = 0); ")
            .Append("<i>suppressed</i>: fewer declarations than the publication minimum; <i>—</i>: no such value in that period. ")
            .Append("Changes are this value minus the previous period's, in the KPI's unit.</p><p>")
            .Append("This report belongs to version v").Append(r.Version).Append(" and is listed with its SHA-256 in manifest.json beside it, ")
            .Append("with kpi_values.parquet (the same values, for Power BI, Excel Power Query and DuckDB), kpi_catalogue.parquet (the definition of each KPI) and kpi_values.xlsx.</p></footer>\n");
    }
}
