using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.DemoSource;
using PmmEtl.Extract;
using PmmEtl.Normalise;
using PmmEtl.Publish;
using Serilog;
using Serilog.Context;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// Runs a pipeline once: extract → normalise → load → measure → publish. The <c>run</c> command and the
/// Hangfire job both call this, so a scheduled night and a manual re-run are the same code. Data flows one
/// way; each stage is reached through its interface only. Every log line of the run carries its RunId.
/// </summary>
public sealed class PipelineRunner
{
    private const int ProgressEvery = 50_000;
    private const int QuarantineSampleSize = 10;

    private readonly IClock _clock;
    private readonly ILogger _log;

    public PipelineRunner(IClock clock, ILogger log)
    {
        _clock = clock;
        _log = log;
    }

    /// <summary>The window a run loads when none is given: everything, or the nightly lookback in the schedule's zone.</summary>
    public ExtractWindow DefaultWindow(PipelineDefinition pipeline) => pipeline.Window.Mode == WindowMode.Full
        ? ExtractWindow.Everything
        : ExtractWindow.Nightly(_clock.GetCurrentInstant(), pipeline.Schedule.TimeZone, pipeline.Window.LookbackDays);

    public RunSummary Run(PipelineDefinition pipeline, ExtractWindow? window = null, CancellationToken cancellationToken = default) =>
        Run(pipeline, new RunOptions { Window = window }, cancellationToken);

    public RunSummary Run(PipelineDefinition pipeline, RunOptions options, CancellationToken cancellationToken = default)
    {
        ExtractWindow window = options.Window
            ?? (options.ScheduledFor is { } occurrence && pipeline.Window.Mode == WindowMode.Nightly
                ? ExtractWindow.Nightly(occurrence, pipeline.Schedule.TimeZone, pipeline.Window.LookbackDays)
                : DefaultWindow(pipeline));
        Instant started = _clock.GetCurrentInstant();
        var run = new RunContext(RunIds.New(started), pipeline.Name, started, window);
        using IDisposable runId = LogContext.PushProperty("RunId", run.RunId);
        using IDisposable pipelineName = LogContext.PushProperty("Pipeline", pipeline.Name);
        _log.Information("Run of {Pipeline} ({Trigger}) started for {Window} (DST policy {DstPolicy}, tzdb {TzdbVersion})",
            pipeline.Name, options.Trigger, window.ToString(), pipeline.Dst.ToString(), Tzdb.Version);

        EnsureDemoSource(pipeline.Source);

        var record = new RunRecord
        {
            RunId = run.RunId,
            Pipeline = pipeline.Name,
            Status = "running",
            Trigger = options.Trigger,
            ScheduledFor = options.ScheduledFor,
            StartedAt = started,
            WindowFrom = window.From,
            WindowTo = window.To,
            DstPolicy = pipeline.Dst.ToString(),
            TzdbVersion = Tzdb.Version,
        };

        IWarehouse opened;
        try
        {
            opened = WarehouseFactory.Open(pipeline.Warehouse);
        }
        catch (WarehouseBusyException busy)
        {
            return Skip(pipeline, record, busy.Message, null);
        }

        using IWarehouse warehouse = opened;
        IReadOnlyList<string> migrated = warehouse.Migrate();
        if (migrated.Count > 0)
        {
            _log.Information("Warehouse {Engine} migrated: {Scripts}", warehouse.Engine, migrated);
        }

        warehouse.SyncOffices(pipeline.Offices);

        // The warehouse's own lock, not only Hangfire's: a second trigger while a run is going is skipped.
        if (warehouse.Operations.TryLock(pipeline.Name, run.RunId, started, LockStaleAfter) is { } holder)
        {
            return Skip(pipeline, record, $"pipeline '{pipeline.Name}' is already being run by {holder.RunId} (since {holder.Since})", warehouse);
        }

        try
        {
            warehouse.Runs.Started(record);
            if (window is { From: { } from, To: { } to })
            {
                warehouse.Operations.MarkWindow(pipeline.Name, run.RunId, from, to, PartitionStates.Running, started);
            }

            var resolver = new LocalTimeResolver(pipeline.Dst);
            (record, LoadResult load, List<QuarantineEntry> sample) = ExtractNormaliseLoad(pipeline, run, warehouse, record, resolver, cancellationToken);
            IReadOnlyList<RegisterLoadResult> registers = new RegisterStage(_log).Run(pipeline, run, warehouse, resolver, sample, QuarantineSampleSize, cancellationToken);
            DstResolutionCounts dst = resolver.Counts;
            record = record with
            {
                RecordsLoaded = registers.Sum(r => r.Loaded),
                RecordsQuarantined = registers.Sum(r => r.Quarantined),
                DstAmbiguous = dst.Ambiguous,
                DstSkipped = dst.Skipped,
                DstRejected = dst.Rejected,
            };
            Checkpoints.Reach(Checkpoints.Loaded);
            CheckFreshness(pipeline, warehouse);

            IReadOnlyList<int> years = YearsToMeasure(pipeline, window, load, registers);
            var totals = new List<KpiValue>();
            var snapshots = new List<PublishedSnapshot>();
            if (options.Measure)
            {
                record = Measure(pipeline, run, warehouse, record, years);
            }

            if (options.Measure && options.Publish)
            {
                record = Publish(pipeline, run, warehouse, record, years, totals, snapshots);
            }

            warehouse.Operations.Settle(pipeline.Name, run.RunId, PartitionStates.Running, PartitionStates.Done, null, _clock.GetCurrentInstant());
            record = record with { Status = RunStatuses.Succeeded, FinishedAt = _clock.GetCurrentInstant() };
            warehouse.Runs.Finished(record);
            string resultFile = WriteRunResult(pipeline, record, snapshots, registers);
            _log.Information("Run succeeded: {Loaded} loaded, {Quarantined} quarantined, {Ambiguous} ambiguous and {Skipped} skipped local times resolved",
                record.RowsLoaded, record.RowsQuarantined, record.DstAmbiguous, record.DstSkipped);
            return new RunSummary(record, totals, snapshots, sample, resultFile);
        }
        catch (Exception e)
        {
            Instant now = _clock.GetCurrentInstant();
            record = record with { Status = RunStatuses.Failed, FinishedAt = now, Error = e.Message };
            warehouse.Operations.Settle(pipeline.Name, run.RunId, PartitionStates.Running, PartitionStates.Failed, e.Message, now);
            warehouse.Runs.Finished(record);
            WriteRunResult(pipeline, record, []);
            _log.Error(e, "Run failed: {Error}", e.Message);
            throw;
        }
        finally
        {
            warehouse.Operations.Unlock(pipeline.Name, run.RunId);
        }
    }

    /// <summary>A run that did not start because another holds the pipeline: recorded (where the warehouse can be reached) and logged.</summary>
    private RunSummary Skip(PipelineDefinition pipeline, RunRecord record, string reason, IWarehouse? warehouse)
    {
        record = record with { Status = RunStatuses.Skipped, FinishedAt = _clock.GetCurrentInstant(), Error = $"skipped: {reason}" };
        if (warehouse is not null)
        {
            warehouse.Runs.Started(record);
            warehouse.Runs.Finished(record);
        }

        _log.Warning("Run skipped: {Reason}", record.Error);
        return new RunSummary(record, [], [], [], WriteRunResult(pipeline, record, []));
    }

    /// <summary>Measures and publishes years already loaded, as one run (used after a backfill).</summary>
    public RunSummary MeasureAndPublish(PipelineDefinition pipeline, IReadOnlyList<int> years, string trigger)
    {
        Instant started = _clock.GetCurrentInstant();
        var run = new RunContext(RunIds.New(started), pipeline.Name, started, ExtractWindow.Everything);
        using IDisposable runId = LogContext.PushProperty("RunId", run.RunId);
        using IWarehouse warehouse = WarehouseFactory.Open(pipeline.Warehouse);
        warehouse.Migrate();
        var record = new RunRecord
        {
            RunId = run.RunId, Pipeline = pipeline.Name, Status = "running", Trigger = trigger, StartedAt = started,
            DstPolicy = pipeline.Dst.ToString(), TzdbVersion = Tzdb.Version,
        };
        warehouse.Runs.Started(record);
        var totals = new List<KpiValue>();
        var snapshots = new List<PublishedSnapshot>();
        record = Measure(pipeline, run, warehouse, record, years);
        record = Publish(pipeline, run, warehouse, record, years, totals, snapshots);
        record = record with { Status = RunStatuses.Succeeded, FinishedAt = _clock.GetCurrentInstant() };
        warehouse.Runs.Finished(record);
        return new RunSummary(record, totals, snapshots, [], WriteRunResult(pipeline, record, snapshots));
    }

    /// <summary>A run whose lock is older than this belongs to a process that died; the next run takes it over.</summary>
    public static Duration LockStaleAfter { get; } = Duration.FromHours(12);

    private void CheckFreshness(PipelineDefinition pipeline, IWarehouse warehouse)
    {
        if (pipeline.MaxSourceAge is not { } allowed)
        {
            return;
        }

        Instant now = _clock.GetCurrentInstant();
        Instant? latest = warehouse.Operations.LatestLodgement();
        if (latest is null || now - latest.Value > allowed)
        {
            throw new StaleSourceException(latest is null
                ? $"the source is stale: no declaration has been loaded (freshness.max_source_age_hours = {allowed.TotalHours:F0})"
                : $"the source is stale: its newest lodgement is {latest} ({(now - latest.Value).TotalHours:F0} h ago), "
                  + $"more than freshness.max_source_age_hours = {allowed.TotalHours:F0}; KPIs were not published");
        }
    }

    private RunRecord Measure(PipelineDefinition pipeline, RunContext run, IWarehouse warehouse, RunRecord record, IReadOnlyList<int> years)
    {
        var watch = Stopwatch.StartNew();
        var records = new RecordKpiMeasurer(warehouse.Registers.Aggregator, pipeline.Inputs, pipeline.FinancialYearStartMonth);
        MeasureResult measured = new KpiMeasurer(warehouse.Aggregator, warehouse.ValueStore, records)
            .Measure(pipeline.Name, run.RunId, _clock.GetCurrentInstant(), pipeline.Kpis, years);
        _log.Information("Measured {Values} KPI values for {Years} in {Ms} ms", measured.Values, years, watch.ElapsedMilliseconds);
        return record with { KpiValues = measured.Values, MeasureMs = watch.ElapsedMilliseconds };
    }

    private RunRecord Publish(PipelineDefinition pipeline, RunContext run, IWarehouse warehouse, RunRecord record, IReadOnlyList<int> years,
        List<KpiValue> totals, List<PublishedSnapshot> snapshots)
    {
        var watch = Stopwatch.StartNew();
        var publisher = new ParquetSnapshotPublisher();
        foreach (int year in years)
        {
            List<KpiValue> yearTotals = warehouse.ValueReader.ReadValues(pipeline.Name, year)
                .Where(v => v.PeriodType == "year" && v.Breakdown == KpiFormula.TotalBreakdown).ToList();
            if (yearTotals.Count == 0)
            {
                continue;
            }

            totals.AddRange(yearTotals);
            PublishedSnapshot snapshot = publisher.Publish(
                new SnapshotRequest(pipeline.Name, year, run.RunId, _clock.GetCurrentInstant(), pipeline.Dst.ToString(), Tzdb.Version,
                    KpiCatalogue.Version, run.Window.ToString(), pipeline.OutputFolder)
                {
                    Audiences = pipeline.Publish.Audiences,
                    SuppressBelow = pipeline.Publish.SuppressBelow,
                },
                warehouse.ValueReader);
            snapshots.Add(snapshot);
            // One version per audience the pipeline publishes for (publish.audiences; all three by default).
            foreach (PublishedAudience audience in snapshot.Audiences)
            {
                _log.Information(audience.Unchanged ? "Snapshot {Year} {Audience} unchanged: {Folder} kept" : "Snapshot {Year} {Audience} published: {Folder}",
                    year, audience.Audience, audience.Folder);
                foreach (string finding in audience.Findings)
                {
                    _log.Warning("Snapshot {Year} {Audience}: {Finding}", year, audience.Audience, finding);
                }
            }
        }

        return record with { PublishMs = watch.ElapsedMilliseconds };
    }

    private (RunRecord, LoadResult, List<QuarantineEntry>) ExtractNormaliseLoad(
        PipelineDefinition pipeline, RunContext run, IWarehouse warehouse, RunRecord record, LocalTimeResolver resolver, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var normaliser = new DeclarationNormaliser(pipeline.Offices, resolver);
        IDeclarationSource source = DeclarationSources.Create(pipeline.Source, pipeline.Name);
        var sample = new List<QuarantineEntry>();
        long read = 0;
        long outside = 0;
        LoadResult load;
        using (IDeclarationLoad loader = warehouse.BeginLoad(run))
        {
            // One streaming pass: a row is read, normalised and appended before the next is read.
            foreach (RawDeclaration raw in source.ReadDeclarations(run.Window, cancellationToken))
            {
                NormaliseResult result = normaliser.Normalise(raw);
                if (result.Declaration is { } declaration)
                {
                    if (run.Window.Contains(declaration.BusinessDate))
                    {
                        loader.Add(declaration);
                    }
                    else
                    {
                        // File sources hand over everything; only the window's partitions may be replaced.
                        outside++;
                    }
                }
                else
                {
                    loader.Quarantine(result.Quarantine!);
                    if (sample.Count < QuarantineSampleSize)
                    {
                        sample.Add(result.Quarantine!);
                    }

                    _log.Debug("Quarantined {Entry}", result.Quarantine!.ToString());
                }

                switch (++read)
                {
                    case 1000:
                        Checkpoints.Reach(Checkpoints.Extract);
                        break;
                    case 2000:
                        Checkpoints.Reach(Checkpoints.Append);
                        break;
                }

                if (read % ProgressEvery == 0)
                {
                    _log.Information("Extracted {Rows} rows ({RowsPerSecond:F0}/s)", read, read / Math.Max(watch.Elapsed.TotalSeconds, 0.001));
                }
            }

            long extractMs = watch.ElapsedMilliseconds;
            watch.Restart();
            load = loader.Commit();
            DstResolutionCounts dst = resolver.Counts;
            record = record with
            {
                RowsRead = read,
                RowsOutsideWindow = outside,
                RowsLoaded = load.Loaded,
                RowsQuarantined = load.Quarantined,
                RowsReplaced = load.Replaced,
                DstAmbiguous = dst.Ambiguous,
                DstSkipped = dst.Skipped,
                DstRejected = dst.Rejected,
                ExtractLoadMs = extractMs,
                MergeMs = watch.ElapsedMilliseconds,
            };
        }

        _log.Information("Loaded {Loaded} declarations ({Replaced} replaced), quarantined {Quarantined} of {Read} read in {Ms} ms",
            load.Loaded, load.Replaced, load.Quarantined, read, record.ExtractLoadMs + record.MergeMs);
        return (record, load, sample);
    }

    /// <summary>The years whose values may have changed: those the window covers and those its rows fall in.</summary>
    private static IReadOnlyList<int> YearsToMeasure(PipelineDefinition pipeline, ExtractWindow window, LoadResult load, IReadOnlyList<RegisterLoadResult> registers)
    {
        // Dated records give their years; officer-given answers give theirs (a self-assessment for 2025 is measured
        // even when no record of 2025 was loaded in this run). Undated registers (staff, AEO register) have none.
        var years = new SortedSet<int>(load.YearsTouched.Concat(registers.SelectMany(r => r.YearsTouched)).Concat(pipeline.Inputs.Years()));
        if (window is { From: { } from, To: { } to })
        {
            for (int y = from.Year; y <= to.PlusDays(-1).Year; y++)
            {
                years.Add(y);
            }
        }

        // A financial year is stored under the calendar year it starts in (FY2024-25 under 2024), so records of its
        // last months, in the next calendar year, change the year before: that year is measured again too.
        HashSet<string> financialYearRegisters = RegisterStage.FinancialYearRegisters(pipeline);
        List<RegisterLoadResult> financial = registers.Where(r => financialYearRegisters.Contains(r.Register)).ToList();
        years.UnionWith(financial.SelectMany(r => r.FinancialYearsTouched));
        if (financial.Count > 0 && window is { From: { } start, To: { } end })
        {
            // A window reaching the months before the financial year starts may have replaced records of the year before's FY.
            for (LocalDate day = start; day < end; day = new LocalDate(day.Year + 1, 1, 1))
            {
                years.Add(Periods.Start(PeriodType.FinancialYear, day, pipeline.FinancialYearStartMonth).Year);
            }
        }

        return years.ToArray();
    }

    private void EnsureDemoSource(SourceDefinition source)
    {
        if (source.Demo is not { } demo || source.FilePath is not { } path || File.Exists(path))
        {
            return;
        }

        _log.Information("Demo source {Path} not found: generating {Declarations} declarations (seed {Seed}, year {Year})", path, demo.Declarations, demo.Seed, demo.Year);
        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(path, demo.Declarations, demo.Seed, demo.Year));
        _log.Information("Demo source written: {Declarations} declarations, {Events} events, {BadRows} deliberately bad rows in {Elapsed}",
            summary.Declarations, summary.Events, summary.BadRows, summary.Elapsed);
    }

    /// <summary>A machine-readable result per run, beside the snapshots, for later commands and for people.</summary>
    private static string WriteRunResult(PipelineDefinition pipeline, RunRecord record, IReadOnlyList<PublishedSnapshot> snapshots,
        IReadOnlyList<RegisterLoadResult>? registers = null)
    {
        // Beside the snapshots folder, whatever the engine: out/snapshots → out/runs.
        string folder = Path.Combine(Path.GetDirectoryName(pipeline.OutputFolder) ?? pipeline.OutputFolder, "runs");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, record.RunId + ".json");
        var result = new
        {
            record.RunId,
            record.Pipeline,
            record.Status,
            StartedAt = record.StartedAt.ToString(),
            FinishedAt = record.FinishedAt?.ToString(),
            WindowFrom = record.WindowFrom?.ToString("uuuu-MM-dd", null),
            WindowTo = record.WindowTo?.ToString("uuuu-MM-dd", null),
            record.RowsRead,
            record.RowsOutsideWindow,
            record.RowsLoaded,
            record.RowsQuarantined,
            record.RowsReplaced,
            record.RecordsLoaded,
            record.RecordsQuarantined,
            Registers = registers ?? [],
            InputFiles = pipeline.InputFiles,
            Dst = new { record.DstPolicy, record.DstAmbiguous, record.DstSkipped, record.DstRejected },
            record.TzdbVersion,
            record.KpiValues,
            StageMs = new { ExtractNormaliseAppend = record.ExtractLoadMs, Merge = record.MergeMs, Measure = record.MeasureMs, Publish = record.PublishMs },
            // The process's peak resident memory so far (VmHWM): what the benchmark reports against its 1 GB limit.
            PeakRssBytes = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64,
            Snapshots = snapshots.Select(s => new { s.Folder, s.Version, s.Unchanged }),
            record.Error,
        };
        string temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        File.Move(temp, file, overwrite: true);
        return file;
    }
}
