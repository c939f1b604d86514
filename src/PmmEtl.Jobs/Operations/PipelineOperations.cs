using Cronos;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Definitions.Schedule;
using PmmEtl.Jobs.Running;
using Serilog;

namespace PmmEtl.Jobs.Operations;

/// <summary>
/// The operational commands over the runner: scheduled runs with catch-up of missed nights, backfill of a range
/// in order and resumable, retry of exactly the failed partitions with their own windows, and status.
/// Every one of them runs the same <see cref="PipelineRunner"/> as <c>pmm-etl run</c>.
/// </summary>
public sealed class PipelineOperations(PipelineRunner runner, IClock clock, ILogger log)
{
    /// <summary>
    /// The scheduled job: one run per cron occurrence since the last succeeded scheduled run (policy <c>all</c>),
    /// oldest first, each with its own scheduled date; or only the latest (policy <c>latest</c>).
    /// </summary>
    /// <param name="missedOnly">True on server start: run only nights missed; false when the schedule (or a person
    /// pressing "trigger") fires: then the current occurrence runs even if it ran already (runs are idempotent).</param>
    public IReadOnlyList<RunSummary> RunScheduled(PipelineDefinition pipeline, bool missedOnly = false, CancellationToken cancellationToken = default)
    {
        Instant now = clock.GetCurrentInstant();
        Instant? last = Read(pipeline, w => w.Runs.LastScheduledOccurrence(pipeline.Name));
        IReadOnlyList<Instant> due = Occurrences(pipeline.Schedule, last, now);
        if (due.Count == 0)
        {
            if (missedOnly || Occurrences(pipeline.Schedule, null, now) is not [.., Instant current])
            {
                return [];
            }

            due = [current];
        }

        if (pipeline.Schedule.CatchUp == CatchUpPolicy.Latest || last is null)
        {
            due = [due[^1]];
        }
        else if (due.Count > 1)
        {
            log.Information("Catching up {Count} missed occurrences of {Pipeline} since {Last}", due.Count - 1, pipeline.Name, last);
        }

        var runs = new List<RunSummary>();
        foreach (Instant occurrence in due)
        {
            RunSummary summary = runner.Run(pipeline, new RunOptions { Trigger = "scheduled", ScheduledFor = occurrence }, cancellationToken);
            runs.Add(summary);
            if (summary.Run.Status == RunStatuses.Skipped)
            {
                break;
            }
        }

        return runs;
    }

    /// <summary>Cron occurrences in (after, now], in the schedule's zone; the latest one alone when there is no 'after'.</summary>
    public static IReadOnlyList<Instant> Occurrences(ScheduleDefinition schedule, Instant? after, Instant now)
    {
        CronExpression cron = CronExpression.Parse(schedule.Cron, schedule.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        // Cronos takes a BCL zone; it is looked up by the tzdb id validated on load.
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone.Id);
        Instant from = after ?? now - Duration.FromDays(400);
        return cron.GetOccurrences(from.ToDateTimeUtc(), now.ToDateTimeUtc(), zone, fromInclusive: false, toInclusive: true)
            .Select(Instant.FromDateTimeUtc)
            .ToList();
    }

    /// <summary>
    /// Loads [from, to) in order, <paramref name="daysPerRun"/> local dates per run, skipping dates whose partitions
    /// are all done (so an interrupted backfill resumes where it stopped), then measures and publishes once.
    /// Stops at the first failed run; running it again retries from there.
    /// </summary>
    public BackfillResult Backfill(PipelineDefinition pipeline, LocalDate from, LocalDate to, bool force = false, int daysPerRun = 1, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new ArgumentException($"--to ({to:uuuu-MM-dd}) must be after --from ({from:uuuu-MM-dd}); the end is exclusive");
        }

        IReadOnlyList<RecordSchema> types = DatedTypes(pipeline);
        HashSet<LocalDate> done = Read(pipeline, w =>
        {
            // A day a killed run left half loaded is not done: its run is abandoned first, and its unloaded types failed.
            w.Operations.AbandonDeadRuns(pipeline.Name, clock.GetCurrentInstant(), PipelineRunner.LockStaleAfter);
            return force ? [] : CompleteDates(w.Operations.Partitions(pipeline.Name), types, pipeline.Offices.Select(o => o.Code).ToList());
        });
        List<LocalDate> todo = Enumerable.Range(0, Period.Between(from, to, PeriodUnits.Days).Days).Select(from.PlusDays).Where(d => !done.Contains(d)).ToList();
        Read(pipeline, w =>
        {
            // The whole range is visible as pending, per record type, before the first day runs, so status shows what is left.
            Instant now = clock.GetCurrentInstant();
            w.SyncOffices(pipeline.Offices);
            foreach ((LocalDate a, LocalDate b) in Ranges(todo))
            {
                w.Operations.MarkWindow(pipeline.Name, "backfill", types, a, b, PartitionStates.Pending, now);
            }

            return 0;
        });
        var runs = new List<RunSummary>();
        int skipped = 0;
        for (LocalDate day = from; day < to; day = day.PlusDays(daysPerRun))
        {
            LocalDate end = Min(day.PlusDays(daysPerRun), to);
            if (Enumerable.Range(0, Period.Between(day, end, PeriodUnits.Days).Days).All(i => done.Contains(day.PlusDays(i))))
            {
                skipped++;
                continue;
            }

            RunSummary summary;
            try
            {
                summary = runner.Run(pipeline, new RunOptions { Window = new ExtractWindow(day, end), Trigger = "backfill", Measure = false, Publish = false }, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.Error("Backfill stopped at {Day}: {Error}; run it again to resume from there", day, e.Message);
                return new BackfillResult(runs, skipped, null, $"stopped at {day:uuuu-MM-dd}: {e.Message}");
            }

            runs.Add(summary);
            if (summary.Run.Status == RunStatuses.Skipped)
            {
                return new BackfillResult(runs, skipped, null, summary.Run.Error);
            }
        }

        int[] years = Enumerable.Range(from.Year, to.PlusDays(-1).Year - from.Year + 1).ToArray();
        RunSummary measured = runner.MeasureAndPublish(pipeline, years, "backfill", new ExtractWindow(from, to));
        return new BackfillResult(runs, skipped, measured, null);
    }

    /// <summary>
    /// Re-runs what did not finish, as contiguous date ranges with the windows they had: dates with a failed partition
    /// of any record type (a load that failed, or a type a killed run never reached), and dates whose loads committed
    /// in a run that then failed or was abandoned (at measure or publish). A full-window pipeline re-runs in full.
    /// </summary>
    public IReadOnlyList<RunSummary> Retry(PipelineDefinition pipeline, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LocalDate> dates = Read(pipeline, w =>
        {
            w.Operations.AbandonDeadRuns(pipeline.Name, clock.GetCurrentInstant(), PipelineRunner.LockStaleAfter);
            return w.Operations.DatesToRetry(pipeline.Name);
        });
        var runs = new List<RunSummary>();
        if (dates.Count > 0 && pipeline.Window.Mode == WindowMode.Full)
        {
            runs.Add(runner.Run(pipeline, new RunOptions { Window = ExtractWindow.Everything, Trigger = "retry" }, cancellationToken));
            return runs;
        }

        foreach ((LocalDate from, LocalDate to) in Ranges(dates))
        {
            runs.Add(runner.Run(pipeline, new RunOptions { Window = new ExtractWindow(from, to), Trigger = "retry" }, cancellationToken));
        }

        return runs;
    }

    /// <summary>
    /// The pipeline as it stands, written nowhere: the warehouse is neither created nor migrated, and a run left
    /// 'running' by a dead process is shown as the next run, retry or backfill will mark it (abandoned, its partitions
    /// not committed failed), not marked here.
    /// </summary>
    public PipelineStatus Status(PipelineDefinition pipeline)
    {
        if (pipeline.Warehouse is { Engine: "duckdb", Path: { } path } && !File.Exists(path) && !Directory.Exists(path))
        {
            return PipelineStatus.NothingYet(pipeline.Name);
        }

        using IWarehouse w = WarehouseFactory.Open(pipeline.Warehouse);
        if (w.PendingScripts() is { Count: > 0 } pending)
        {
            throw new WarehouseNotMigratedException(
                $"the warehouse {pipeline.Warehouse.Describe()} is not migrated ({pending.Count} schema scripts not applied, from {pending[0]}): run pmm-etl migrate first");
        }

        Instant now = clock.GetCurrentInstant();
        Dictionary<string, DeadRun> dead = w.Operations.DeadRuns(pipeline.Name, now, PipelineRunner.LockStaleAfter).ToDictionary(d => d.RunId, StringComparer.Ordinal);
        IReadOnlyList<PartitionState> partitions = [.. w.Operations.Partitions(pipeline.Name)
            .Select(p => p.State == PartitionStates.Running && dead.TryGetValue(p.RunId, out DeadRun? d) ? p with { State = PartitionStates.Failed, Error = d.Why, UpdatedAt = now } : p)];
        IReadOnlyList<RunRecord> recent = [.. w.Runs.Recent(pipeline.Name, 1000)
            .Select(r => r.Status == RunStatuses.Running && dead.TryGetValue(r.RunId, out DeadRun? d) ? r with { Status = RunStatuses.Abandoned, FinishedAt = now, Error = d.Why } : r)];
        IReadOnlyList<DayState> days = DayState.Of(partitions);
        RunRecord? lastSuccess = recent.FirstOrDefault(r => r.Status == RunStatuses.Succeeded);
        return new PipelineStatus(
            pipeline.Name,
            days.GroupBy(d => d.State).ToDictionary(g => g.Key, g => (long)g.Count()),
            partitions.Where(p => p.State == PartitionStates.Failed).ToList(),
            Gaps.Find(partitions),
            lastSuccess,
            lastSuccess?.FinishedAt is { } finished ? now - finished : null,
            w.Operations.LatestLodgement())
        {
            PartitionsByType = partitions.GroupBy(p => p.RecordType, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)g.GroupBy(p => p.State).ToDictionary(s => s.Key, s => (long)s.Count()), StringComparer.Ordinal),
            IncompleteDays = days.Where(d => d.Done.Count > 0 && d.NotDone.Count > 0).ToList(),
            LastSuccessByMode = recent.Where(r => r.Status == RunStatuses.Succeeded).GroupBy(WindowModeOf)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            RecentRuns = recent.Take(PipelineStatus.RecentShown).ToList(),
            // What retry will re-run once the dead runs are marked: their dates too.
            DatesToRetry = w.Operations.DatesToRetry(pipeline.Name)
                .Union(partitions.Where(p => dead.ContainsKey(p.RunId)).Select(p => p.BusinessDate)).Count(),
        };
    }

    /// <summary>
    /// The window mode a run stands for: backfill and retry by their trigger, full for a run of every date, nightly for
    /// any other run of a bounded window (scheduled, or manual with --from/--to).
    /// </summary>
    public static string WindowModeOf(RunRecord run) => run.Trigger switch
    {
        "backfill" or "retry" => run.Trigger,
        _ when run.WindowFrom is null && run.WindowTo is null => "full",
        _ => "nightly",
    };

    /// <summary>Consecutive dates grouped into [from, to) windows.</summary>
    public static IEnumerable<(LocalDate From, LocalDate To)> Ranges(IReadOnlyList<LocalDate> dates)
    {
        int i = 0;
        while (i < dates.Count)
        {
            LocalDate start = dates[i];
            LocalDate end = start.PlusDays(1);
            while (++i < dates.Count && dates[i] == end)
            {
                end = end.PlusDays(1);
            }

            yield return (start, end);
        }
    }

    /// <summary>
    /// Dates on which every dated record type the source gives is done for every office (for a type without an office
    /// field: its '*' partition). A day whose declarations loaded and whose registers did not is not complete.
    /// </summary>
    private static HashSet<LocalDate> CompleteDates(IReadOnlyList<PartitionState> partitions, IReadOnlyList<RecordSchema> types, IReadOnlyList<string> offices)
    {
        var done = partitions.Where(p => p.State == PartitionStates.Done).Select(p => (p.RecordType, p.OfficeCode, p.BusinessDate)).ToHashSet();
        return partitions.Select(p => p.BusinessDate).Distinct()
            .Where(date => types.All(t => (t.OfficeField is null ? [PartitionStates.AllOffices] : offices).All(o => done.Contains((t.Name, o, date)))))
            .ToHashSet();
    }

    /// <summary>The dated record types the pipeline's source gives (the declaration when the source cannot say now: the run will).</summary>
    private static IReadOnlyList<RecordSchema> DatedTypes(PipelineDefinition pipeline)
    {
        try
        {
            return RecordSources.Create(pipeline.Source, pipeline.Name).Available.Where(t => t.IsDated).ToList();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return [RecordTypes.Declaration];
        }
    }

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;

    private static T Read<T>(PipelineDefinition pipeline, Func<IWarehouse, T> read)
    {
        using IWarehouse warehouse = WarehouseFactory.Open(pipeline.Warehouse);
        warehouse.Migrate();
        return read(warehouse);
    }
}

public sealed record BackfillResult(IReadOnlyList<RunSummary> Runs, int DaysAlreadyDone, RunSummary? Measured, string? StoppedBecause);

public sealed record PipelineStatus(
    string Pipeline,
    IReadOnlyDictionary<string, long> PartitionsByState,
    IReadOnlyList<PartitionState> Failed,
    IReadOnlyList<Gap> Gaps,
    RunRecord? LastSuccess,
    Duration? SinceLastSuccess,
    Instant? LatestLodgement)
{
    /// <summary>Per record type, its office × date partitions by state (<see cref="PartitionsByState"/> counts days).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> PartitionsByType { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>Office × dates on which some record types are done and others not (declarations loaded, registers not).</summary>
    public IReadOnlyList<DayState> IncompleteDays { get; init; } = [];

    /// <summary>The latest successful run of each window mode (full, nightly, backfill, retry).</summary>
    public IReadOnlyDictionary<string, RunRecord> LastSuccessByMode { get; init; } = new Dictionary<string, RunRecord>();

    /// <summary>How many of the latest runs <see cref="RecentRuns"/> holds.</summary>
    public const int RecentShown = 20;

    /// <summary>The latest runs, newest first, a run left running by a dead process shown abandoned (as it will be marked).</summary>
    public IReadOnlyList<RunRecord> RecentRuns { get; init; } = [];

    /// <summary>The newest run, whatever its status; null before the first.</summary>
    public RunRecord? LatestRun => RecentRuns.Count > 0 ? RecentRuns[0] : null;

    /// <summary>How many business dates <c>retry</c> would re-run.</summary>
    public int DatesToRetry { get; init; }

    /// <summary>The status of a pipeline whose warehouse does not exist yet: nothing loaded, no run.</summary>
    public static PipelineStatus NothingYet(string pipeline) =>
        new(pipeline, new Dictionary<string, long>(), [], [], null, null, null);

    /// <summary>Gap counts by kind (not_loaded, empty).</summary>
    public IReadOnlyDictionary<string, int> GapCounts => new[] { Operations.Gaps.NotLoaded, Operations.Gaps.Empty }
        .ToDictionary(k => k, k => Gaps.Count(g => g.Kind == k), StringComparer.Ordinal);

    /// <summary>The first <paramref name="count"/> gaps of a kind.</summary>
    public IReadOnlyList<Gap> FirstGaps(string kind, int count = 5) => Gaps.Where(g => g.Kind == kind).Take(count).ToList();
}

/// <summary>One office × business date, derived from its record types: done only when every type recorded for it is done.</summary>
public sealed record DayState(string OfficeCode, LocalDate BusinessDate, string State, IReadOnlyList<string> Done, IReadOnlyList<string> NotDone)
{
    public static IReadOnlyList<DayState> Of(IReadOnlyList<PartitionState> partitions) =>
        partitions.GroupBy(p => (p.OfficeCode, p.BusinessDate))
            .Select(g => new DayState(g.Key.OfficeCode, g.Key.BusinessDate, Derive(g.Select(p => p.State).ToList()),
                g.Where(p => p.State == PartitionStates.Done).Select(p => p.RecordType).ToList(),
                g.Where(p => p.State != PartitionStates.Done).Select(p => p.RecordType).ToList()))
            .OrderBy(d => d.BusinessDate).ThenBy(d => d.OfficeCode, StringComparer.Ordinal)
            .ToList();

    /// <summary>The same rule as the etl_partition view: failed, else running, else pending, else done.</summary>
    private static string Derive(IReadOnlyList<string> states) =>
        states.Contains(PartitionStates.Failed) ? PartitionStates.Failed
        : states.Contains(PartitionStates.Running) ? PartitionStates.Running
        : states.Contains(PartitionStates.Pending) ? PartitionStates.Pending
        : PartitionStates.Done;
}

/// <summary>A read met a warehouse whose schema scripts are not all applied: reads do not migrate, <c>pmm-etl migrate</c> does.</summary>
public sealed class WarehouseNotMigratedException(string message) : InvalidOperationException(message);
