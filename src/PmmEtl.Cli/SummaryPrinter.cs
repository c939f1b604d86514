using System.Globalization;
using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Cli;

/// <summary>
/// The end-of-run report on standard output, short enough to read at a glance: counts, DST resolutions, what was
/// published and where, the headline KPIs of the latest year, and how many entries are not measurable and why. The
/// whole table (every entry and year) is <c>run --table</c>; <c>pmm-etl kpis</c>, the workbook and the report hold the rest.
/// </summary>
internal static partial class SummaryPrinter
{
    /// <summary>How many measured KPIs of the latest year the summary names; the rest are in the table.</summary>
    private const int Headlines = 8;

    /// <summary>How many kinds of reason (quarantine, not measurable) are named before "and N more".</summary>
    private const int Reasons = 5;

    public static void Print(TextWriter o, PipelineDefinition pipeline, RunSummary s, bool table = false)
    {
        RunRecord r = s.Run;
        // The first line is "Run <id> …": the benchmark reads the run id from it.
        o.WriteLine();
        o.WriteLine($"Run {r.RunId} of '{pipeline.Name}' {r.Status} in {(r.FinishedAt!.Value - r.StartedAt).TotalSeconds:F1} s");
        o.WriteLine(Invariant($"  rows: {r.RowsRead:N0} read, {r.RowsLoaded:N0} loaded, {r.RowsQuarantined:N0} quarantined, {r.RowsReplaced:N0} replaced")
            + (r.RecordsLoaded + r.RecordsQuarantined > 0 ? Invariant($"; register records: {r.RecordsLoaded:N0} loaded, {r.RecordsQuarantined:N0} quarantined") : ""));
        // The kinds of reason are in the run result, per record type: the summary reads them through the same types.
        Grouped(o, "  quarantined (table dq_quarantine)", RunResultFile.Read(s.RunResultFile).Records
            .SelectMany(t => t.QuarantineReasons.Select(q => (Kind: t.RecordType == "declaration" ? q.Key : $"{t.RecordType}: {q.Key}", Count: q.Value)))
            .GroupBy(q => q.Kind).ToDictionary(g => g.Key, g => g.Sum(q => q.Count)));
        o.WriteLine(Invariant($"  DST ({r.DstPolicy}): {r.DstAmbiguous:N0} ambiguous and {r.DstSkipped:N0} skipped local times resolved, {r.DstRejected:N0} rejected; tzdb {r.TzdbVersion}"));
        o.WriteLine($"  time: extract+normalise+append {r.ExtractLoadMs} ms, merge {r.MergeMs} ms, measure {r.MeasureMs} ms, publish {r.PublishMs} ms");

        IReadOnlyList<KpiValue> entries = s.YearTotals;
        List<KpiValue> unmeasurable = entries.Where(v => v.Value is null && v.ValueText is null).ToList();
        o.WriteLine(Invariant($"  KPIs: {entries.Count:N0} entries (KPI × variant × year), {entries.Count - unmeasurable.Count:N0} measured, {unmeasurable.Count:N0} not measurable"));
        Grouped(o, "  not measurable", unmeasurable.GroupBy(v => Reason(v.Note)).ToDictionary(g => g.Key, g => (long)g.Count()));
        Headline(o, entries);

        foreach (PublishedSnapshot snapshot in s.Snapshots)
        {
            o.WriteLine($"  published v{snapshot.Version}{(snapshot.Unchanged ? " (unchanged, kept)" : "")}: {snapshot.Folder}");
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
        if (table)
        {
            Table(o, entries);
        }
        else
        {
            o.WriteLine("  every entry and year: pmm-etl run --table, the snapshots' workbook and report; the catalogue: pmm-etl kpis");
        }
    }

    /// <summary>The latest year's measured PMM KPIs, first by code: value, unit and N.</summary>
    private static void Headline(TextWriter o, IReadOnlyList<KpiValue> entries)
    {
        List<KpiValue> measured = entries.Where(v => v.Variant == "pmm" && (v.Value is not null || v.ValueText is not null)).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        string year = measured.Select(v => v.PeriodLabel).Max(StringComparer.Ordinal)!;
        // In catalogue order: the PMM's KPIs first, then the FoS indicators.
        var order = KpiCatalogue.All.Select((k, i) => (k.Code, i)).ToDictionary(k => k.Code, k => k.i, StringComparer.Ordinal);
        List<KpiValue> latest = measured.Where(v => v.PeriodLabel == year)
            .OrderBy(v => order.GetValueOrDefault(v.KpiCode, int.MaxValue)).ThenBy(v => v.KpiCode, StringComparer.Ordinal).ToList();
        o.WriteLine(Invariant($"  headline KPIs {year} ({Math.Min(Headlines, latest.Count)} of {latest.Count} measured):"));
        foreach (KpiValue v in latest.Take(Headlines))
        {
            string name = KpiCatalogue.Find(v.KpiCode)?.Name ?? v.KpiId;
            o.WriteLine(Invariant($"    {v.KpiCode,-8} {Shorten(name, 56),-56} {Value(v),12} {v.Unit,-10} N {v.N:N0}"));
        }
    }

    /// <summary>Counts by kind, largest first, the first few named and the rest counted.</summary>
    private static void Grouped(TextWriter o, string title, IReadOnlyDictionary<string, long> kinds)
    {
        if (kinds.Count == 0)
        {
            return;
        }

        var ordered = kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).ToList();
        o.WriteLine($"{title}, by reason:");
        foreach ((string reason, long count) in ordered.Take(Reasons))
        {
            o.WriteLine(Invariant($"    {count,7:N0}  {Shorten(reason, 110)}"));
        }

        if (ordered.Count > Reasons)
        {
            o.WriteLine(Invariant($"    {ordered.Skip(Reasons).Sum(k => k.Value),7:N0}  for {ordered.Count - Reasons} other reasons"));
        }
    }

    /// <summary>
    /// A not-measurable note as a kind of reason: its first clause, without what it quotes and with its year as "the
    /// year", so the same reason for different KPIs or years counts once ("no inspection records for the year").
    /// </summary>
    internal static string Reason(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return "no reason recorded";
        }

        string first = note.Split("; ", 2)[0].Trim();
        if (first.StartsWith(NotMeasurable, StringComparison.Ordinal))
        {
            first = first[NotMeasurable.Length..];
        }

        int quote = first.IndexOf('\'', StringComparison.Ordinal);
        first = quote > 0 ? first[..quote].TrimEnd(' ', ':', '(') : first;
        return Year().Replace(first, "the year");
    }

    private const string NotMeasurable = "not measurable: ";

    [GeneratedRegex(@"\b(?:19|20|21)\d{2}(?:-\d{2}){0,2}\b")]
    private static partial Regex Year();

    /// <summary>The whole table, every entry and year (<c>run --table</c>).</summary>
    private static void Table(TextWriter o, IReadOnlyList<KpiValue> entries)
    {
        o.WriteLine();
        const string Header = "{0,-4} {1,-58} {2,-10} {3,-5} {4,12} {5,-8} {6,9} {7,9} {8,-8}";
        o.WriteLine(string.Format(CultureInfo.InvariantCulture, Header, "KPI", "Name", "Variant", "Year", "Value", "Unit", "N", "Excluded", "Access"));
        foreach (KpiValue v in entries.OrderBy(v => v.KpiCode, StringComparer.Ordinal).ThenBy(v => v.PeriodLabel, StringComparer.Ordinal).ThenBy(v => v.Variant != "pmm"))
        {
            string name = KpiCatalogue.Find(v.KpiCode)?.Name ?? v.KpiId;
            o.WriteLine(string.Format(CultureInfo.InvariantCulture, Header,
                v.KpiCode, Shorten(name, 58), v.Variant, v.PeriodLabel, Value(v),
                v.Unit, v.N.ToString("N0", CultureInfo.InvariantCulture), v.Excluded.ToString("N0", CultureInfo.InvariantCulture), v.Disclosure));
        }
    }

    private static string Value(KpiValue v) =>
        v.Value is { } value ? value.ToString("N2", CultureInfo.InvariantCulture) : v.ValueText is { } text ? Shorten(text, 12) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
