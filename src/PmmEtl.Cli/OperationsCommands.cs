using System.CommandLine;
using System.Globalization;
using NodaTime;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;
using Serilog;

namespace PmmEtl.Cli;

/// <summary><c>backfill</c>, <c>retry</c> and <c>status</c>: the data engineer's commands around the nightly runs.</summary>
internal static class OperationsCommands
{
    public static Command Backfill()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML)" };
        var from = new Option<string>("--from") { Description = "First local business date (yyyy-MM-dd)", Required = true };
        var to = new Option<string>("--to") { Description = "Date after the last one (yyyy-MM-dd, exclusive)", Required = true };
        var force = new Option<bool>("--force") { Description = "Reload dates already done" };
        var days = new Option<int>("--days-per-run") { Description = "Local dates loaded per run", DefaultValueFactory = _ => 1 };
        var command = new Command("backfill", "Load a range of dates in order, resumable: dates already done are skipped; measure and publish once at the end.")
        {
            pipeline, from, to, force, days,
        };
        command.SetAction(parse => WithPipeline(parse.GetValue(pipeline)!, definition =>
        {
            int perRun = parse.GetValue(days);
            if (perRun < 1)
            {
                throw new ArgumentException($"--days-per-run: {perRun} is not a number of days (1 or more)");
            }

            BackfillResult result = Operations().Backfill(definition, Date(parse.GetValue(from)!, "--from"), Date(parse.GetValue(to)!, "--to"),
                parse.GetValue(force), perRun);
            Console.WriteLine($"backfill of '{definition.Name}': {result.Runs.Count} runs, {result.DaysAlreadyDone} already done");
            foreach (RunSummary run in result.Runs)
            {
                Console.WriteLine($"  {run.Run.RunId}  {run.Run.WindowFrom:uuuu-MM-dd}  {run.Run.Status,-9} loaded {run.Run.RowsLoaded,8:N0}  quarantined {run.Run.RowsQuarantined,6:N0}");
            }

            if (result.StoppedBecause is { } reason)
            {
                Console.Error.WriteLine($"pmm-etl: backfill {reason}");
                return 1;
            }

            foreach (PublishedSnapshot s in result.Measured?.Snapshots ?? [])
            {
                Console.WriteLine($"  snapshot v{s.Version}{(s.Unchanged ? " (unchanged)" : "")}: {s.Folder}");
            }

            return 0;
        }));
        return command;
    }

    public static Command Retry()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML)" };
        var command = new Command("retry", "Re-run only the partitions that failed, with the windows they had.") { pipeline };
        command.SetAction(parse => WithPipeline(parse.GetValue(pipeline)!, definition =>
        {
            IReadOnlyList<RunSummary> runs = Operations().Retry(definition);
            Console.WriteLine(runs.Count == 0 ? $"'{definition.Name}': nothing to retry (no failed partition, no failed or abandoned run)" : $"'{definition.Name}': {runs.Count} retried");
            foreach (RunSummary run in runs)
            {
                Console.WriteLine($"  {run.Run.RunId}  [{run.Run.WindowFrom:uuuu-MM-dd}, {run.Run.WindowTo:uuuu-MM-dd})  {run.Run.Status}");
            }

            return runs.All(r => r.Run.Status == RunStatuses.Succeeded) ? 0 : 1;
        }));
        return command;
    }

    public static Command Status()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline definition (YAML)" };
        var command = new Command("status", "Partitions by state, gaps, the last successful run and its freshness.") { pipeline };
        command.SetAction(parse => WithPipeline(parse.GetValue(pipeline)!, definition =>
        {
            PipelineStatus s = Operations().Status(definition);
            Console.WriteLine($"pipeline {s.Pipeline}");
            Console.WriteLine("  days (office x date): " + (s.PartitionsByState.Count == 0 ? "none yet" : string.Join(", ", s.PartitionsByState.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}"))));
            foreach ((string type, IReadOnlyDictionary<string, long> states) in s.PartitionsByType.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"    {type}: " + string.Join(", ", states.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}")));
            }

            Console.WriteLine(s.LastSuccess is { } last
                ? $"  last success: {last.RunId} ({last.Trigger}) finished {last.FinishedAt}, {Hours(s.SinceLastSuccess)} ago"
                : "  last success: none");
            foreach (string mode in new[] { "full", "nightly", "backfill", "retry" })
            {
                if (s.LastSuccessByMode.TryGetValue(mode, out RunRecord? run))
                {
                    Console.WriteLine($"    last successful {mode} run: {run.FinishedAt?.InUtc().Date:uuuu-MM-dd} ({run.RunId})");
                }
            }

            Console.WriteLine($"  newest lodgement loaded: {s.LatestLodgement?.ToString() ?? "none"}");
            if (s.LatestRun is { Status: not RunStatuses.Succeeded } latest)
            {
                Console.WriteLine($"  latest run {latest.RunId}: {latest.Status}{(latest.Error is null ? "" : ": " + latest.Error)}");
            }

            foreach (PartitionState f in s.Failed.Take(20))
            {
                Console.WriteLine($"  failed: {f.RecordType} {f.OfficeCode} {f.BusinessDate:uuuu-MM-dd} ({f.RunId}): {f.Error}");
            }

            foreach (DayState d in s.IncompleteDays.Take(20))
            {
                Console.WriteLine($"  incomplete: {d.BusinessDate:uuuu-MM-dd} {d.OfficeCode}: {string.Join(", ", d.Done)} done; {string.Join(", ", d.NotDone)} not");
            }

            if (s.DatesToRetry > 0)
            {
                Console.WriteLine($"  retry would re-run {s.DatesToRetry} date(s)");
            }

            Console.WriteLine($"  gaps: {Gaps.NotLoaded} {s.GapCounts[Gaps.NotLoaded]:N0}, {Gaps.Empty} {s.GapCounts[Gaps.Empty]:N0}");
            foreach (string kind in new[] { Gaps.NotLoaded, Gaps.Empty })
            {
                foreach (Gap g in s.FirstGaps(kind, 10))
                {
                    Console.WriteLine($"    {g.BusinessDate:uuuu-MM-dd} {g.OfficeCode} {g.RecordType} {g.Kind}");
                }
            }

            return s.Failed.Count == 0 ? 0 : 1;
        }));
        return command;
    }

    private static string Hours(Duration? d) => d is { } x ? $"{x.TotalHours:F1} h" : "?";

    private static PipelineOperations Operations() => Composition.Operations();

    private static int WithPipeline(string path, Func<PipelineDefinition, int> action)
    {
        try
        {
            return action(PipelineDefinitionLoader.Load(path));
        }
        catch (Exception e) when (e is PipelineDefinitionException or ArgumentException or WarehouseNotMigratedException)
        {
            Console.Error.WriteLine(CliErrors.Describe(e));
            return CliErrors.Usage;
        }
    }

    private static LocalDate Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? LocalDate.FromDateOnly(d)
            : throw new ArgumentException($"{option}: '{text}' is not a date (yyyy-MM-dd)");
}
