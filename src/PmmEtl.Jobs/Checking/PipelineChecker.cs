using System.Globalization;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;
using Serilog;

namespace PmmEtl.Jobs.Checking;

/// <summary>How much <c>check</c> reads and what it calls a problem.</summary>
/// <param name="Sample">The first records read of each record type; null: all of them.</param>
/// <param name="MaxQuarantinePercent">A record type whose rejected share of the sample is above this fails the check.</param>
/// <param name="MostlyNullPercent">A field given but empty in at least this share of the sample is reported with the values resting on it.</param>
public sealed record CheckOptions(long? Sample = 1000, double MaxQuarantinePercent = 10, double MostlyNullPercent = 50);

/// <summary>
/// Profiles a pipeline's source before anything is loaded: for the first records of each record type it gives, through
/// the very source reader and normaliser a run uses (no second parser), where each canonical field comes from, how
/// often it is empty or refused and why, and which KPI values a field the source does not give (or gives as a date
/// only, or mostly empty) keeps from being measured. It opens no warehouse and writes nothing; the caller's source
/// preparation (<see cref="RunStages.PrepareSource"/>: the demo source written when missing) runs first, as for a run,
/// and the normaliser is the one <see cref="RunStages.Normaliser"/> makes for a run.
/// </summary>
public sealed class PipelineChecker(ILogger log, RunStages stages)
{
    private const int Examples = 3;

    public CheckReport Check(PipelineDefinition pipeline, CheckOptions options, CancellationToken cancellationToken = default)
    {
        stages.PrepareSource(pipeline.Source);
        KpiNeed[] needs = [.. pipeline.Kpis.SelectMany(KpiNeeds.Of)];
        var blocked = new BlockedValues(pipeline.Source.Kind, needs);
        var problems = new List<string>();
        var report = new CheckReport(pipeline.Name, pipeline.Source.Kind, options.Sample, options.MaxQuarantinePercent)
        {
            RecordTypes = [], NotGiven = [], Problems = problems,
        };

        IRecordSource source;
        try
        {
            source = RecordSources.Create(pipeline.Source, pipeline.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add($"the {pipeline.Source.Kind} source cannot be read: {e.Message}");
            return report;
        }

        // Each type is described on its own, so one mapping that does not fit leaves the others checked.
        var mappings = new Dictionary<string, RecordMapping>(StringComparer.Ordinal);
        var checks = new List<RecordTypeCheck>();
        foreach (RecordSchema type in source.Available)
        {
            try
            {
                mappings[type.Name] = source.Describe(type);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                checks.Add(new RecordTypeCheck(type.Name, "") { Error = e.Message });
            }
        }

        var fields = new SourceFields(pipeline.Source.Kind, mappings, t => RecordSources.WhereTypeWouldBe(pipeline.Source, t));
        IRecordNormaliser normaliser = stages.Normaliser(pipeline, fields);
        foreach (RecordSchema type in source.Available.Where(t => mappings.ContainsKey(t.Name)))
        {
            checks.Add(Profile(type, mappings[type.Name], source, normaliser, blocked, options, cancellationToken));
        }

        checks.Sort((a, b) => LoadOrder(a.RecordType).CompareTo(LoadOrder(b.RecordType)));
        foreach (RecordTypeCheck check in checks)
        {
            if (check.Error is { } error)
            {
                problems.Add($"{check.RecordType}: cannot be read: {error}");
            }
            else if (check.RejectedPercent > options.MaxQuarantinePercent)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{check.RecordType}: {check.Rejected} of {check.Read} records rejected ({check.RejectedPercent:F1} %), more than --max-quarantine {options.MaxQuarantinePercent:0.##} %"));
            }
        }

        var given = source.Available.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        MissingRecordType[] notGiven = [.. needs.SelectMany(n => n.Uses).Select(u => u.RecordType).Distinct(StringComparer.Ordinal)
            .Where(t => !given.Contains(t))
            .OrderBy(LoadOrder)
            .Select(t => new MissingRecordType(t, RecordSources.WhereTypeWouldBe(pipeline.Source, t), [.. blocked.ByMissingType(t).Select(n => n.Label)]))];
        return report with { RecordTypes = checks, NotGiven = notGiven };
    }

    private RecordTypeCheck Profile(RecordSchema type, RecordMapping mapping, IRecordSource source, IRecordNormaliser normaliser, BlockedValues blocked,
        CheckOptions options, CancellationToken cancellationToken)
    {
        int width = type.Fields.Count;
        long[] nulls = new long[width];
        long[] rejects = new long[width];
        // A date-only time is kept as its date (for the business date), not as a time: present when its cell is.
        bool[] dateOnly = [.. mapping.Fields.Select(f => f.Presence == FieldPresence.DateOnly)];
        long read = 0, accepted = 0, rejected = 0;
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        var examples = new List<string>();
        (source as ICountingSource)?.Counts.Clear();
        try
        {
            IEnumerable<RawRecord> records = source.Read(type, ExtractWindow.Everything, cancellationToken);
            foreach (RawRecord raw in options.Sample is { } n ? records.Take(checked((int)Math.Min(n, int.MaxValue))) : records)
            {
                read++;
                NormaliseResult result = normaliser.Normalise(raw);
                if (result.Record is { } row)
                {
                    // Nulls as the warehouse would hold them: after code maps, defaults and what the normaliser fills in.
                    accepted++;
                    for (int i = 0; i < width; i++)
                    {
                        if (dateOnly[i] ? raw[i].IsEmpty : !row.Has(i))
                        {
                            nulls[i]++;
                        }
                    }

                    continue;
                }

                QuarantineEntry entry = result.Quarantine!;
                rejected++;
                string kind = QuarantineReasons.Kind(entry);
                reasons[kind] = reasons.GetValueOrDefault(kind) + 1;
                foreach (int field in FieldsNamed(type, entry))
                {
                    rejects[field]++;
                }

                if (examples.Count < Examples)
                {
                    examples.Add(entry.ToString());
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Debug(e, "{Type} could not be read", type.Name);
            return new RecordTypeCheck(type.Name, mapping.Where) { Read = read, Error = e.Message };
        }

        var fieldChecks = new List<FieldCheck>(width);
        for (int i = 0; i < width; i++)
        {
            RecordField field = type.Fields[i];
            FieldOrigin origin = mapping.Fields[i];
            double nullPercent = accepted == 0 ? 0 : 100.0 * nulls[i] / accepted;
            var check = new FieldCheck(field.Name, field.Derived ? "computed" : Presence(origin.Presence), origin.From)
            {
                Nulls = nulls[i], NullPercent = nullPercent, Rejects = rejects[i],
            };
            if (!field.Derived && origin.Presence != FieldPresence.Given)
            {
                (IReadOnlyList<KpiNeed> needs, string? note) = blocked.By(mapping, field.Name, origin);
                check = check with { NotMeasurable = [.. needs.Select(n => n.Label)], Note = note };
            }
            else if (!field.Derived && accepted > 0 && nullPercent >= options.MostlyNullPercent)
            {
                // Given but mostly empty: the values resting on it are measured over the few records that have it.
                (IReadOnlyList<KpiNeed> needs, _) = blocked.By(mapping, field.Name, new FieldOrigin(FieldPresence.Absent, "empty"));
                check = check with { AtRisk = [.. needs.Select(n => n.Label)] };
            }

            fieldChecks.Add(check);
        }

        IReadOnlyDictionary<string, long> counts = source is ICountingSource counting
            ? counting.Counts.Snapshot().ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal)
            : new Dictionary<string, long>();
        return new RecordTypeCheck(type.Name, mapping.Where)
        {
            Read = read,
            Accepted = accepted,
            Rejected = rejected,
            RejectReasons = reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
            RejectExamples = examples,
            Fields = fieldChecks,
            SourceCounts = counts,
            LoadedAsOther = normaliser.Unlisted.Where(u => u.Key.Type == type.Name)
                .OrderBy(u => u.Key.Field, StringComparer.Ordinal).ThenBy(u => u.Key.Code, StringComparer.Ordinal)
                .ToDictionary(u => $"{u.Key.Field} '{u.Key.Code}'", u => u.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>A record type's place in load order (the declaration first), for a report that reads like a run's log.</summary>
    private static int LoadOrder(string type)
    {
        for (int i = 0; i < RecordTypes.All.Count; i++)
        {
            if (RecordTypes.All[i].Name == type)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The fields a rejection names: each of its reasons starts with its field ("arrival_local: unparsable time …; aeo: …").</summary>
    private static IEnumerable<int> FieldsNamed(RecordSchema type, QuarantineEntry entry)
    {
        var named = new HashSet<int>();
        foreach (string part in entry.Reason.Split("; "))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && type.FindField(part[..colon].Trim()) is { } field)
            {
                named.Add(type.IndexOf(field.Name));
            }
        }

        if (named.Count == 0 && type.FindField(entry.Field) is { } first)
        {
            named.Add(type.IndexOf(first.Name));
        }

        return named;
    }

    private static string Presence(FieldPresence presence) => presence switch
    {
        FieldPresence.Given => "given",
        FieldPresence.DateOnly => "date only",
        _ => "absent",
    };
}
