using System.Globalization;
using PmmEtl.Jobs.Checking;

namespace PmmEtl.Cli;

/// <summary>The check report for a terminal: one aligned table per record type, then what is missing and the problems.</summary>
internal static class CheckPrinter
{
    private const int SourceWidth = 44;

    public static void Print(TextWriter o, CheckReport report)
    {
        string scope = report.Sample is { } n ? $"the first {n.ToString("N0", CultureInfo.InvariantCulture)} records" : "every record";
        o.WriteLine($"Check of '{report.Pipeline}' ({report.SourceKind} source): {scope} of each record type, nothing loaded.");
        foreach (RecordTypeCheck type in report.RecordTypes)
        {
            o.WriteLine();
            PrintType(o, type);
        }

        if (report.NotGiven.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Record types the KPIs read that the source does not give:");
            foreach (MissingRecordType missing in report.NotGiven)
            {
                o.WriteLine($"  {missing.RecordType} ({missing.Where}): not measurable {string.Join(", ", missing.NotMeasurable)}");
            }
        }

        o.WriteLine();
        if (report.Clean)
        {
            o.WriteLine("check: clean");
            return;
        }

        o.WriteLine($"check: {report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}");
        foreach (string problem in report.Problems)
        {
            o.WriteLine($"  {problem}");
        }
    }

    private static void PrintType(TextWriter o, RecordTypeCheck type)
    {
        if (type.Error is { } error)
        {
            o.WriteLine($"{type.RecordType}: cannot be read: {error}");
            return;
        }

        o.WriteLine($"{type.RecordType} ({type.Where}): {type.Read} read, {type.Accepted} accepted, {type.Rejected} rejected ({Percent(type.RejectedPercent)})");
        string[] header = ["field", "source", "null", "rejects", "not measurable without it"];
        List<string[]> rows = [header];
        rows.AddRange(type.Fields.Select(f => new[]
        {
            f.Field,
            Shorten(Source(f, type.Where)),
            Percent(f.NullPercent),
            f.Rejects.ToString(CultureInfo.InvariantCulture),
            f.NotMeasurable.Count > 0 ? string.Join(", ", f.NotMeasurable)
                : f.AtRisk.Count > 0 ? $"mostly empty; rests on it: {string.Join(", ", f.AtRisk)}" : "",
        }));
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length))];
        foreach (string[] row in rows)
        {
            string line = $"  {row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadLeft(widths[2])}  {row[3].PadLeft(widths[3])}  {row[4]}";
            o.WriteLine(line.TrimEnd());
        }

        foreach (FieldCheck f in type.Fields.Where(f => f.Note is not null))
        {
            o.WriteLine($"  {f.Field}: {f.Note}");
        }

        if (type.RejectReasons.Count > 0)
        {
            o.WriteLine("  rejected, by reason:");
            int w = type.RejectReasons.Values.Max().ToString(CultureInfo.InvariantCulture).Length;
            foreach ((string reason, long count) in type.RejectReasons)
            {
                o.WriteLine($"    {count.ToString(CultureInfo.InvariantCulture).PadLeft(w)}  {reason}");
            }

            foreach (string example in type.RejectExamples)
            {
                o.WriteLine($"    e.g. {example}");
            }
        }

        if (type.SourceCounts.Count > 0)
        {
            o.WriteLine($"  source counts: {string.Join(", ", type.SourceCounts.Select(c => $"{c.Key} {c.Value}"))}");
        }

        if (type.LoadedAsOther.Count > 0)
        {
            o.WriteLine($"  codes outside the list, loaded as OTHER: {string.Join(", ", type.LoadedAsOther.Select(c => $"{c.Key} ×{c.Value}"))}");
        }
    }

    /// <summary>Where the field comes from, without the type's own key (it heads the table).</summary>
    private static string Source(FieldCheck f, string where)
    {
        string from = f.Source.EndsWith($" of {where}", StringComparison.Ordinal) ? f.Source[..^(where.Length + 4)] : f.Source;
        return f.Presence switch
        {
            "given" => from,
            "computed" => "computed",
            _ when from.StartsWith(f.Presence, StringComparison.Ordinal) => from,
            _ => $"{f.Presence}: {from}",
        };
    }

    private static string Percent(double value) => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} %";

    private static string Shorten(string text) => text.Length <= SourceWidth ? text : string.Concat(text.AsSpan(0, SourceWidth - 1), "…");
}
