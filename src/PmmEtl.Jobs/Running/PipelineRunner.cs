using System.Diagnostics;
using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Definitions.Schedule;
using Serilog;
using Serilog.Context;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// Runs a pipeline once: extract → normalise → load → measure → publish. The <c>run</c> command and the
/// Hangfire job both call this, so a scheduled night and a manual re-run are the same code. Data flows one
/// way; each stage is reached through its interface only, made by the <see cref="RunStages"/> the caller composed,
/// as it gives the clock. This class sequences the stages and keeps the run's books (lock, run record, partitions);
/// the work is in <see cref="RecordStage"/>, <see cref="MeasureYears"/>, <see cref="PublishStage"/> and
/// <see cref="RunResultFile"/>. Every log line of the run carries its RunId.
/// </summary>
public sealed class PipelineRunner
{
    private const int QuarantineSampleSize = 10;

    private readonly IClock _clock;
    private readonly ILogger _log;
    private readonly RunStages _stages;

    public PipelineRunner(IClock clock, ILogger log, RunStages stages)
    {
        _clock = clock;
        _log = log;
        _stages = stages;
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

        _stages.PrepareSource(pipeline.Source);

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
            opened = WarehouseFactory.Open(pipeline.Warehouse, _stages.Checkpoints);
        }
        catch (WarehouseBusyException busy)
        {
            return Skip(pipeline, record, busy.Message, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No warehouse, so no run row: the run result file and the log say what happened.
            throw Unopened(pipeline, record, e);
        }

        using IWarehouse warehouse = opened;
        try
        {
            IReadOnlyList<string> migrated = warehouse.Migrate();
            if (migrated.Count > 0)
            {
                _log.Information("Warehouse {Engine} migrated: {Scripts}", warehouse.Engine, migrated);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Unopened(pipeline, record, e);
        }

        warehouse.SyncOffices(pipeline.Offices);

        // The warehouse's own lock, not only Hangfire's: a second trigger while a run is going is skipped.
        if (warehouse.Operations.TryLock(pipeline.Name, run.RunId, started, LockStaleAfter) is { } holder)
        {
            return Skip(pipeline, record, $"pipeline '{pipeline.Name}' is already being run by {holder.RunId} (since {holder.Since})", warehouse);
        }

        // The lock is ours, so a run still 'running' of this pipeline belongs to a process that died.
        foreach (string abandoned in warehouse.Operations.AbandonDeadRuns(pipeline.Name, started, LockStaleAfter))
        {
            _log.Warning("Run {Abandoned} was left running by a process that died: marked abandoned, its unloaded partitions failed", abandoned);
        }

        try
        {
            warehouse.Runs.Started(record);
            IRecordSource source = RecordSources.Create(pipeline.Source, pipeline.Name);
            if (window is { From: { } from, To: { } to })
            {
                // Every dated type the source gives is running for the window's partitions until its load commits.
                warehouse.Operations.MarkWindow(pipeline.Name, run.RunId, source.Available, from, to, PartitionStates.Running, started);
            }

            SourceFields fields = Describe(pipeline, source);
            IRecordNormaliser normaliser = _stages.Normaliser(pipeline, fields);
            var sample = new List<QuarantineEntry>();
            IReadOnlyList<RecordLoadResult> loads = new RecordStage(_log, _stages.Checkpoints).Run(pipeline, run, warehouse, source, normaliser, sample, QuarantineSampleSize, cancellationToken,
                () => warehouse.Operations.Heartbeat(pipeline.Name, run.RunId, _clock.GetCurrentInstant()));
            record = RunCounts.WithLoads(record, loads, normaliser.DstCounts);
            _stages.Checkpoints.Reached(Checkpoints.Loaded);
            SourceFreshness.Check(pipeline, warehouse.Operations, _clock.GetCurrentInstant());

            IReadOnlyList<int> years = MeasureYears.Of(pipeline, window, loads);
            IReadOnlyList<KpiValue> totals = [];
            IReadOnlyList<PublishedSnapshot> snapshots = [];
            if (options.Measure)
            {
                record = Measure(pipeline, run, warehouse, record, years, fields);
            }

            if (options.Measure && options.Publish)
            {
                warehouse.Operations.Heartbeat(pipeline.Name, run.RunId, _clock.GetCurrentInstant());
                (record, snapshots, totals) = Publish(pipeline, run, warehouse, record, years);
            }

            warehouse.Operations.Settle(pipeline.Name, run.RunId, PartitionStates.Running, PartitionStates.Done, null, _clock.GetCurrentInstant());
            record = record with { Status = RunStatuses.Succeeded, FinishedAt = _clock.GetCurrentInstant() };
            warehouse.Runs.Finished(record);
            string resultFile = RunResultFile.Write(pipeline, record, snapshots, loads, fields, normaliser.Unlisted);
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
            RunResultFile.Write(pipeline, record, []);
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
        return new RunSummary(record, [], [], [], RunResultFile.Write(pipeline, record, []));
    }

    /// <summary>
    /// The warehouse could not be opened or migrated: no run row can be written, so the run result file (status failed,
    /// the reason) and the log carry the run; the caller gets the exception to report.
    /// </summary>
    private Exception Unopened(PipelineDefinition pipeline, RunRecord record, Exception e)
    {
        record = record with { Status = RunStatuses.Failed, FinishedAt = _clock.GetCurrentInstant(), Error = $"the warehouse could not be opened: {e.Message}" };
        _log.Error("Run failed: {Error}", record.Error);
        try
        {
            RunResultFile.Write(pipeline, record, []);
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException)
        {
            _log.Error("The run result could not be written either: {Error}", write.Message);
        }

        return e;
    }

    /// <summary>Measures and publishes years already loaded, as one run (used after a backfill).</summary>
    /// <param name="loaded">The dates the measured runs loaded (a backfill's range): this run adopts their partitions,
    /// so that if it fails or is killed, retry re-runs them.</param>
    public RunSummary MeasureAndPublish(PipelineDefinition pipeline, IReadOnlyList<int> years, string trigger, ExtractWindow? loaded = null)
    {
        Instant started = _clock.GetCurrentInstant();
        var run = new RunContext(RunIds.New(started), pipeline.Name, started, ExtractWindow.Everything);
        using IDisposable runId = LogContext.PushProperty("RunId", run.RunId);
        using IWarehouse warehouse = WarehouseFactory.Open(pipeline.Warehouse, _stages.Checkpoints);
        warehouse.Migrate();
        var record = new RunRecord
        {
            RunId = run.RunId, Pipeline = pipeline.Name, Status = "running", Trigger = trigger, StartedAt = started,
            DstPolicy = pipeline.Dst.ToString(), TzdbVersion = Tzdb.Version,
        };
        warehouse.Runs.Started(record);
        if (loaded is { From: { } from, To: { } to })
        {
            warehouse.Operations.Adopt(pipeline.Name, run.RunId, from, to, started);
        }

        try
        {
            SourceFields fields = Describe(pipeline, RecordSources.Create(pipeline.Source, pipeline.Name));
            record = Measure(pipeline, run, warehouse, record, years, fields);
            (record, IReadOnlyList<PublishedSnapshot> snapshots, IReadOnlyList<KpiValue> totals) = Publish(pipeline, run, warehouse, record, years);
            record = record with { Status = RunStatuses.Succeeded, FinishedAt = _clock.GetCurrentInstant() };
            warehouse.Runs.Finished(record);
            return new RunSummary(record, totals, snapshots, [], RunResultFile.Write(pipeline, record, snapshots, [], fields));
        }
        catch (Exception e)
        {
            // Not left 'running': the run row says it failed and why.
            record = record with { Status = RunStatuses.Failed, FinishedAt = _clock.GetCurrentInstant(), Error = e.Message };
            warehouse.Runs.Finished(record);
            RunResultFile.Write(pipeline, record, []);
            _log.Error(e, "Run failed: {Error}", e.Message);
            throw;
        }
    }

    /// <summary>
    /// A lock or run of another host whose heartbeat is older than this belongs to a process that died. On this machine
    /// the holder's pid decides, whatever the lock's age.
    /// </summary>
    public static Duration LockStaleAfter { get; } = Duration.FromHours(12);

    /// <summary>What the source gives of each record type it gives, as it describes itself before any row is read.</summary>
    private static SourceFields Describe(PipelineDefinition pipeline, IRecordSource source) =>
        new(pipeline.Source.Kind, source.Available.ToDictionary(t => t.Name, source.Describe, StringComparer.Ordinal),
            type => RecordSources.WhereTypeWouldBe(pipeline.Source, type));

    private RunRecord Measure(PipelineDefinition pipeline, RunContext run, IWarehouse warehouse, RunRecord record, IReadOnlyList<int> years, SourceFields fields)
    {
        var watch = Stopwatch.StartNew();
        MeasureResult measured = new KpiMeasurer(warehouse.Aggregator, warehouse.ValueStore, new MeasureSettings(pipeline.Inputs, pipeline.FinancialYearStartMonth, fields) { Covers = pipeline.Covers })
            .Measure(pipeline.Name, run.RunId, _clock.GetCurrentInstant(), pipeline.Kpis, years);
        _log.Information("Measured {Values} KPI values for {Years} in {Ms} ms ({KeptRead} kept population months read back, {KeptComputed} computed)",
            measured.Values, years, watch.ElapsedMilliseconds, measured.KeptMonthCounts.Reused, measured.KeptMonthCounts.Computed);
        return record with { KpiValues = measured.Values, MeasureMs = watch.ElapsedMilliseconds };
    }

    private (RunRecord Record, IReadOnlyList<PublishedSnapshot> Snapshots, IReadOnlyList<KpiValue> Totals) Publish(PipelineDefinition pipeline, RunContext run,
        IWarehouse warehouse, RunRecord record, IReadOnlyList<int> years)
    {
        var watch = Stopwatch.StartNew();
        (IReadOnlyList<PublishedSnapshot> snapshots, IReadOnlyList<KpiValue> totals) = new PublishStage(_stages.Publisher(), _log)
            .Run(pipeline, run, warehouse.ValueReader, years, _clock.GetCurrentInstant);
        return (record with { PublishMs = watch.ElapsedMilliseconds }, snapshots, totals);
    }
}
