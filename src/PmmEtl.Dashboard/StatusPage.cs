using System.Globalization;
using System.Net;
using System.Text;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;

namespace PmmEtl.Dashboard;

/// <summary>The partitions, freshness and recent runs of every pipeline, as a plain self-contained HTML page.</summary>
public static class StatusPage
{
    public static string Render(IReadOnlyList<PipelineDefinition> pipelines, PipelineOperations operations)
    {
        var html = new StringBuilder("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>PmmEtl status</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
            td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;font-size:.9rem}th{background:#f2f4f7}
            .failed{color:#b00020}.succeeded{color:#0a7a2f}.skipped{color:#8a6d00}</style></head><body>
            <h1>PmmEtl pipelines</h1><p><a href="/hangfire">Hangfire dashboard</a> · <a href="/pmm/status.json">JSON</a></p>
            """);
        foreach (PipelineDefinition pipeline in pipelines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(pipeline.Name)}</h2>");
            PipelineStatus status;
            try
            {
                status = operations.Status(pipeline);
            }
            catch (Exception e) when (e is WarehouseBusyException or IOException or InvalidOperationException)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\">status not available now: {E(e.Message)}</p>");
                continue;
            }

            html.Append("<table><tr><th>partitions</th><th>last success</th><th>freshness</th><th>newest lodgement</th><th>gaps</th></tr><tr>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(string.Join(", ", status.PartitionsByState.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(status.LastSuccess?.RunId ?? "none")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(status.SinceLastSuccess is { } d ? $"{d.TotalHours:F1} h ago" : "never")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(status.LatestLodgement?.ToString() ?? "none")}</td><td>{E(string.Join(", ", status.GapCounts.Select(g => $"{g.Key} {g.Value}")))}</td></tr></table>");
            html.Append("<p>last successful run by window mode: ");
            html.Append(E(status.LastSuccessByMode.Count == 0 ? "none" : string.Join(", ", status.LastSuccessByMode.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => $"{m.Key} {m.Value.FinishedAt?.InUtc().Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}"))));
            html.Append("</p>");
            foreach ((string kind, int count) in status.GapCounts.Where(g => g.Value > 0))
            {
                html.Append(CultureInfo.InvariantCulture, $"<h3>Gaps: {E(kind)} ({count})</h3><ul>");
                foreach (Gap g in status.FirstGaps(kind, 10))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{g.BusinessDate:uuuu-MM-dd} {E(g.OfficeCode)} {E(g.RecordType)}</li>");
                }

                html.Append("</ul>");
            }

            if (status.IncompleteDays.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h3>Days partly loaded ({status.IncompleteDays.Count})</h3><ul>");
                foreach (DayState day in status.IncompleteDays.Take(20))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{day.BusinessDate:uuuu-MM-dd} {E(day.OfficeCode)}: {E(string.Join(", ", day.Done))} done; {E(string.Join(", ", day.NotDone))} not</li>");
                }

                html.Append("</ul>");
            }

            if (status.Failed.Count > 0)
            {
                html.Append("<h3>Failed partitions</h3><table><tr><th>record type</th><th>office</th><th>date</th><th>run</th><th>error</th></tr>");
                foreach (PartitionState f in status.Failed.Take(50))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.RecordType)}</td><td>{E(f.OfficeCode)}</td><td>{f.BusinessDate:uuuu-MM-dd}</td><td>{E(f.RunId)}</td><td class=\"failed\">{E(f.Error ?? "")}</td></tr>");
                }

                html.Append("</table>");
            }

            html.Append("<h3>Recent runs</h3><table><tr><th>run</th><th>trigger</th><th>status</th><th>window</th><th>read</th><th>loaded</th><th>quarantined</th><th>DST ambiguous / skipped</th><th>error</th></tr>");
            foreach (RunRecord r in status.RecentRuns.Take(15))
            {
                string window = r.WindowFrom is null && r.WindowTo is null ? "all" : $"{r.WindowFrom:uuuu-MM-dd} – {r.WindowTo:uuuu-MM-dd}";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(r.RunId)}</td><td>{E(r.Trigger)}</td><td class=\"{E(r.Status)}\">{E(r.Status)}</td><td>{E(window)}</td><td>{r.RowsRead}</td><td>{r.RowsLoaded}</td><td>{r.RowsQuarantined}</td><td>{r.DstAmbiguous} / {r.DstSkipped}</td><td>{E(r.Error ?? "")}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
