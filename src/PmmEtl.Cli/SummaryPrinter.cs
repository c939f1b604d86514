using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Cli;

/// <summary>The end-of-run report on standard output: KPI year totals, data quality, and where the files went.</summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter o, PipelineDefinition pipeline, RunSummary s)
    {
        RunRecord r = s.Run;
        o.WriteLine();
        o.WriteLine($"Run {r.RunId} of '{pipeline.Name}' {r.Status} in {(r.FinishedAt!.Value - r.StartedAt).TotalSeconds:F1} s");
        o.WriteLine($"  rows: {r.RowsRead:N0} read, {r.RowsLoaded:N0} loaded, {r.RowsQuarantined:N0} quarantined, {r.RowsReplaced:N0} replaced");
        o.WriteLine($"  DST ({r.DstPolicy}): {r.DstAmbiguous:N0} ambiguous and {r.DstSkipped:N0} skipped local times resolved, {r.DstRejected:N0} rejected; tzdb {r.TzdbVersion}");
        o.WriteLine($"  time: extract+normalise+append {r.ExtractLoadMs} ms, merge {r.MergeMs} ms, measure {r.MeasureMs} ms, publish {r.PublishMs} ms");
        o.WriteLine();

        const string Header = "{0,-4} {1,-58} {2,-10} {3,-5} {4,12} {5,-8} {6,9} {7,9} {8,-8}";
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, Header, "KPI", "Name", "Variant", "Year", "Value", "Unit", "N", "Excluded", "Access"));
        foreach (KpiValue v in s.YearTotals.OrderBy(v => v.KpiCode, StringComparer.Ordinal).ThenBy(v => v.PeriodLabel, StringComparer.Ordinal).ThenBy(v => v.Variant != "pmm"))
        {
            string name = KpiCatalogue.Find(v.KpiCode)?.Name ?? v.KpiId;
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, Header,
                v.KpiCode, Shorten(name, 58), v.Variant, v.PeriodLabel,
                v.Value is { } value ? value.ToString("N2", CultureInfo.InvariantCulture) : "n/a",
                v.Unit, v.N.ToString("N0", CultureInfo.InvariantCulture), v.Excluded.ToString("N0", CultureInfo.InvariantCulture), v.Disclosure));
        }

        o.WriteLine();
        foreach (PublishedSnapshot snapshot in s.Snapshots)
        {
            o.WriteLine($"  snapshot v{snapshot.Version}{(snapshot.Unchanged ? " (unchanged, kept)" : "")}: {snapshot.Folder}");
            foreach (PublishedAudience audience in snapshot.Audiences)
            {
                foreach (string finding in audience.Findings)
                {
                    o.WriteLine($"    {audience.Audience}: {finding}");
                }
            }
        }

        o.WriteLine($"  warehouse: {pipeline.Warehouse.Describe()}");
        o.WriteLine($"  run result: {s.RunResultFile}");
        if (s.QuarantineSample.Count > 0)
        {
            o.WriteLine($"  quarantine (table dq_quarantine), first {s.QuarantineSample.Count}:");
            foreach (QuarantineEntry q in s.QuarantineSample)
            {
                o.WriteLine($"    {Shorten(q.ToString(), 150)}");
            }
        }
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
