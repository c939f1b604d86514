using System.Diagnostics;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using Serilog;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// Extract → normalise → load for every record type the source gives, the declaration first and then each register,
/// each in one streaming pass and one commit, through the same interfaces: the source reads a few batches ahead on its
/// own thread, this thread normalises, and the load's writer thread feeds the engine's bulk path, in order, with bounded
/// queues between them. One normaliser (so one local-time resolver) serves every type, so the run's DST counts cover
/// every record. The category rules are synced first: they are data the administration owns, read at measure time.
/// The run's checkpoint hook is told when the run's thousandth and two-thousandth records are read and when each type commits.
/// </summary>
internal sealed class RecordStage(ILogger log, ICheckpoints checkpoints)
{
    private const int ProgressEvery = 50_000;

    public IReadOnlyList<RecordLoadResult> Run(PipelineDefinition pipeline, RunContext run, IWarehouse warehouse, IRecordSource source,
        IRecordNormaliser normaliser, List<QuarantineEntry> sample, int sampleSize, CancellationToken cancellationToken, Action? committed = null)
    {
        warehouse.SyncSeizureCategories(pipeline.SeizureCategories);
        HashSet<string> financialYearTypes = FinancialYearTypes(pipeline);
        var results = new List<RecordLoadResult>();
        long read = 0;
        foreach (RecordSchema type in source.Available)
        {
            var watch = Stopwatch.StartNew();
            long typeRead = 0;
            long outside = 0;
            var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
            // Only the types read by financial-year KPIs (K41) need the financial year of each record.
            HashSet<int>? financialYears = financialYearTypes.Contains(type.Name) ? [] : null;
            LoadResult load;
            long extractMs;
            using (IRecordLoad loader = warehouse.BeginLoad(type, run))
            {
                // One streaming pass: a record is read, normalised and handed to the load before the next is read.
                foreach (RawRecord raw in source.Read(type, run.Window, cancellationToken))
                {
                    typeRead++;
                    NormaliseResult result = normaliser.Normalise(raw);
                    if (result.Record is { } record)
                    {
                        // File sources hand over everything; undated types are replaced whole; a dated record outside the window is not this run's.
                        if (record.BusinessDate is not { } date || run.Window.Contains(date))
                        {
                            loader.Add(record);
                            if (financialYears is not null && record.BusinessDate is { } dated)
                            {
                                financialYears.Add(Periods.Start(PeriodType.FinancialYear, dated, pipeline.FinancialYearStartMonth).Year);
                            }
                        }
                        else
                        {
                            // Not this run's, but a copy of its key read later inside the window is a duplicate, not a move.
                            loader.Outside(record);
                            outside++;
                        }
                    }
                    else
                    {
                        QuarantineEntry entry = result.Quarantine!;
                        loader.Quarantine(entry);
                        string reason = QuarantineReasons.Kind(entry);
                        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                        if (sample.Count < sampleSize)
                        {
                            sample.Add(entry);
                        }

                        // The entry is rendered only when Debug is on: a source with many refused rows pays nothing for it otherwise.
                        log.Debug("Quarantined {Entry}", entry);
                    }

                    switch (++read)
                    {
                        case 1000:
                            checkpoints.Reached(Checkpoints.Extract);
                            break;
                        case 2000:
                            checkpoints.Reached(Checkpoints.Append);
                            break;
                    }

                    if (typeRead % ProgressEvery == 0)
                    {
                        log.Information("Extracted {Rows} {Type} records ({RowsPerSecond:F0}/s)", typeRead, type.Name, typeRead / Math.Max(watch.Elapsed.TotalSeconds, 0.001));
                    }
                }

                extractMs = watch.ElapsedMilliseconds;
                watch.Restart();
                load = loader.Commit();
            }

            // The type and its partitions are committed: the run shows life, and a kill from here on leaves this type
            // done and the next ones not (the first type reached is the declaration: a kill before the registers load).
            committed?.Invoke();
            checkpoints.Reached(Checkpoints.TypeCommitted);
            log.Information("{Type}: {Loaded} loaded ({Replaced} replaced), {Quarantined} quarantined of {Read} read in {Ms} ms",
                type.Name, load.Loaded, load.Replaced, load.Quarantined, typeRead, extractMs + watch.ElapsedMilliseconds);
            if (load.Moved > 0)
            {
                // Said, not hidden: the periods these records left change too. A copy of a row the warehouse keeps
                // outside the window is refused instead (see IRecordLoad.Outside), so these are records whose date the
                // source changed, or which it dates after the window in the warehouse.
                log.Warning("{Type}: {Moved} record(s) moved into the window from a date outside it and replaced their earlier row",
                    type.Name, load.Moved);
            }
            // What the source met while reading that bends or refuses rows without failing the run (a WCO time without
            // its formatCode, a default office, each kind of refused message).
            IReadOnlyDictionary<string, long> sourceCounts = source is Extract.ICountingSource counting
                ? counting.Counts.Snapshot().ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal)
                : new Dictionary<string, long>();
            results.Add(new RecordLoadResult(type.Name, typeRead, outside, load.Loaded, load.Quarantined, load.Replaced, extractMs, watch.ElapsedMilliseconds)
            {
                Moved = load.Moved,
                YearsTouched = load.YearsTouched,
                FinancialYearsTouched = financialYears is null ? [] : [.. financialYears.Order()],
                QuarantineReasons = reasons,
                SourceCounts = sourceCounts,
            });
        }

        return results;
    }

    /// <summary>The record types read by the pipeline's KPIs published by financial year.</summary>
    public static HashSet<string> FinancialYearTypes(PipelineDefinition pipeline) =>
        pipeline.Kpis.Where(k => k.Periods.Contains(PeriodType.FinancialYear))
            .SelectMany(k => k.Variables.Concat(k.Variants.SelectMany(v => v.Variables ?? []))).SelectMany(v => v.Reads).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What one record type's load did in a run (published in the run result).</summary>
public sealed record RecordLoadResult(string RecordType, long Read, long OutsideWindow, long Loaded, long Quarantined, long Replaced, long ExtractMs, long MergeMs)
{
    /// <summary>Calendar years of the dated records loaded: their KPI values may have changed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> YearsTouched { get; init; } = [];

    /// <summary>
    /// For a type read by a financial-year KPI: the years in which the financial years of its loaded records start (a
    /// record of March 2025 with a July start is in FY2024-25, stored under 2024); empty otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> FinancialYearsTouched { get; init; } = [];

    /// <summary>Of <see cref="Replaced"/>, the rows outside the window replaced because their key was read inside it (moved records).</summary>
    public long Moved { get; init; }

    /// <summary>How many records were quarantined for each kind of reason ("arrival_local: unparsable time …").</summary>
    public IReadOnlyDictionary<string, long> QuarantineReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>What the source counted while reading this type (files, messages, times without formatCode, defaults used …).</summary>
    public IReadOnlyDictionary<string, long> SourceCounts { get; init; } = new Dictionary<string, long>();
}

/// <summary>Groups quarantine reasons into kinds for counting: the field and the reason without the values it quotes.</summary>
internal static class QuarantineReasons
{
    public static string Kind(QuarantineEntry entry)
    {
        // "mode_of_transport: unknown code 'ZZ' (expected one of …)" → "mode_of_transport: unknown code"; the first reason counts.
        string first = entry.Reason.Split("; ", 2)[0];
        int cut = first.IndexOfAny(['\'', '(', '"']);
        string kind = (cut > 0 ? first[..cut] : first).Trim().TrimEnd(':', ',');
        // A file source's own message starts with "file line n: …": keep what follows.
        int line = kind.IndexOf(" line ", StringComparison.Ordinal);
        if (line >= 0 && kind.IndexOf(": ", line, StringComparison.Ordinal) is var colon and > 0)
        {
            kind = kind[(colon + 2)..];
        }

        return kind.Length <= 120 ? kind : kind[..120];
    }
}
