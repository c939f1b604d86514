using Cronos;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
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

        HashSet<LocalDate> done = force ? [] : Read(pipeline, w => CompleteDates(w.Operations.Partitions(pipeline.Name), pipeline.Offices.Count));
        List<LocalDate> todo = Enumerable.Range(0, Period.Between(from, to, PeriodUnits.Days).Days).Select(from.PlusDays).Where(d => !done.Contains(d)).ToList();
        Read(pipeline, w =>
        {
            // The whole range is visible as pending before the first day runs, so status shows what is left.
            Instant now = clock.GetCurrentInstant();
            w.SyncOffices(pipeline.Offices);
            foreach ((LocalDate a, LocalDate b) in Ranges(todo))
            {
                w.Operations.MarkWindow(pipeline.Name, "backfill", a, b, PartitionStates.Pending, now);
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
        RunSummary measured = runner.MeasureAndPublish(pipeline, years, "backfill");
        return new BackfillResult(runs, skipped, measured, null);
    }

    /// <summary>Re-runs exactly the failed partitions, as contiguous date ranges, with the windows they had.</summary>
    public IReadOnlyList<RunSummary> Retry(PipelineDefinition pipeline, CancellationToken cancellationToken = default)
    {
        List<LocalDate> failed = Read(pipeline, w => w.Operations.Partitions(pipeline.Name)
            .Where(p => p.State == PartitionStates.Failed).Select(p => p.BusinessDate).Distinct().Order().ToList());
        var runs = new List<RunSummary>();
        foreach ((LocalDate from, LocalDate to) in Ranges(failed))
        {
            runs.Add(runner.Run(pipeline, new RunOptions { Window = new ExtractWindow(from, to), Trigger = "retry" }, cancellationToken));
        }

        return runs;
    }

    public PipelineStatus Status(PipelineDefinition pipeline) => Read(pipeline, w =>
    {
        IReadOnlyList<PartitionState> partitions = w.Operations.Partitions(pipeline.Name);
        RunRecord? lastSuccess = w.Runs.Recent(pipeline.Name, 200).FirstOrDefault(r => r.Status == RunStatuses.Succeeded);
        return new PipelineStatus(
            pipeline.Name,
            partitions.GroupBy(p => p.State).ToDictionary(g => g.Key, g => (long)g.Count()),
            partitions.Where(p => p.State == PartitionStates.Failed).ToList(),
            Gaps.Find(partitions),
            lastSuccess,
            lastSuccess?.FinishedAt is { } finished ? clock.GetCurrentInstant() - finished : null,
            w.Operations.LatestLodgement(),
            w.Runs.Recent(pipeline.Name, 1).FirstOrDefault());
    });

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

    private static HashSet<LocalDate> CompleteDates(IReadOnlyList<PartitionState> partitions, int offices) =>
        partitions.GroupBy(p => p.BusinessDate)
            .Where(g => g.Count() >= offices && g.All(p => p.State == PartitionStates.Done))
            .Select(g => g.Key)
            .ToHashSet();

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
    Instant? LatestLodgement,
    RunRecord? LatestRun);
