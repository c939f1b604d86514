using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The partition book per record type: every office × date a run covers is recorded (rows or none), a day is done only
/// when every type of its window is committed, gaps are "not loaded" (never covered) or "empty" (covered, no rows, where
/// the office usually has some), and retry finds what did not finish, including a run that failed at publish. Expected
/// values come from <see cref="FixtureSource"/> and the windows, worked out in the comments.
/// </summary>
public sealed class PartitionLedgerTests(PostgresServer postgres) : IDisposable
{
    // The fixture's declarations and an inspection register read from a table 'insp' of the same SQLite file. A row
    // with the id BOOM makes SQLite fail while reading (malformed JSON), after the query was described and the
    // declarations committed: a source that breaks between two record types.
    private const string InspectionQuery = """
            inspection: |
              SELECT inspection_id, inspection_date, office_code, object_type, inspection_type, performed_by, selection_source
              FROM insp WHERE inspection_date >= @from AND inspection_date < @to
                AND json(CASE WHEN inspection_id = 'BOOM' THEN '{' ELSE '{}' END) IS NOT NULL
        """;

    private static readonly string Yaml = FixtureSource.PipelineYaml()
        .Replace("window:\n  mode: full", "window:\n  mode: nightly\n  lookback_days: 1", StringComparison.Ordinal)
        .Replace("ORDER BY row_id\n", "ORDER BY row_id\n" + InspectionQuery + "\n", StringComparison.Ordinal);

    private readonly PipelineHarness _h = new(Yaml);

    private readonly PostgresServer _postgres = postgres;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Source => Path.Combine(_h.Folder, "source.sqlite");

    public void Dispose() => _h.Dispose();

    private void WriteInspections(params (string Id, string Date, string Office)[] rows) => WriteInspections(Source, rows);

    private static void WriteInspections(string source, params (string Id, string Date, string Office)[] rows)
    {
        if (!File.Exists(source))
        {
            FixtureSource.Write(source, FixtureSource.Rows);
        }

        using var connection = new SqliteConnection($"Data Source={source};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DROP TABLE IF EXISTS insp; CREATE TABLE insp (inspection_id TEXT, inspection_date TEXT, office_code TEXT, object_type TEXT, inspection_type TEXT, performed_by TEXT, selection_source TEXT);"
            + string.Concat(rows.Select(r => $"INSERT INTO insp VALUES ('{r.Id}', '{r.Date}', '{r.Office}', 'GOODS', 'PHYSICAL', 'CUSTOMS', 'RISK_PROFILE');"));
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_nightly_pipeline_with_a_night_skipped_shows_exactly_that_nights_dates_as_not_loaded()
    {
        WriteInspections(("X1", "2025-03-09", "NYC"));
        // 02:30 New York time each night, lookback 1: the night of 10 March loads [9 Mar, 10 Mar), and so on. The
        // night of 12 March (which would load 11 March) never ran.
        foreach (int night in new[] { 10, 11, 13 })
        {
            Instant occurrence = Instant.FromUtc(2025, 3, night, 6, 30);
            _h.Clock.Reset(occurrence + Duration.FromMinutes(1));
            RunSummary run = new PipelineRunner(_h.Clock, Serilog.Core.Logger.None, PipelineHarness.Stages).Run(_h.Definition, new RunOptions { Trigger = "scheduled", ScheduledFor = occurrence }, Ct);
            Assert.Equal(RunStatuses.Succeeded, run.Run.Status);
        }

        PipelineStatus status = _h.Operations().Status(_h.Definition);

        // 11 March for the three offices, for each of the two record types; nothing else.
        Assert.Equal(
            ["2025-03-11 LAX declaration", "2025-03-11 LAX inspection", "2025-03-11 NYC declaration", "2025-03-11 NYC inspection",
             "2025-03-11 ORD declaration", "2025-03-11 ORD inspection"],
            status.Gaps.Where(g => g.Kind == Gaps.NotLoaded).Select(g => $"{g.BusinessDate:uuuu-MM-dd} {g.OfficeCode} {g.RecordType}"));
        Assert.Equal(6, status.GapCounts[Gaps.NotLoaded]);
        // 9, 10 and 12 March × 3 offices × 2 types were loaded (rows or none).
        Assert.Equal(18L, _h.Scalar<long>("SELECT count(*) FROM etl_partition_type WHERE state = 'done' AND committed_run IS NOT NULL"));
        Assert.Equal(1L, _h.Scalar<long>("SELECT CAST(sum(rows_loaded) AS BIGINT) FROM etl_partition_type WHERE record_type = 'inspection'"));
        Assert.Equal(["nightly"], status.LastSuccessByMode.Keys);
    }

    [Fact]
    public void A_loaded_day_without_rows_is_empty_only_where_the_office_usually_has_rows_that_weekday()
    {
        WriteInspections();
        _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 25)));

        PipelineStatus status = _h.Operations().Status(_h.Definition);

        Assert.Equal(0, status.GapCounts[Gaps.NotLoaded]);
        // NYC had declarations on Thursday 9 and Friday 10 January, LAX on Wednesday 15: the same weekdays a week later
        // are empty. Saturday 11 at NYC has no rows either, but NYC never had a Saturday row: not a gap. No inspection
        // was ever loaded, so no inspection day is "empty".
        Assert.Equal(
            ["2025-01-16 NYC declaration", "2025-01-17 NYC declaration", "2025-01-22 LAX declaration", "2025-01-23 NYC declaration", "2025-01-24 NYC declaration"],
            status.Gaps.Where(g => g.Kind == Gaps.Empty).Select(g => $"{g.BusinessDate:uuuu-MM-dd} {g.OfficeCode} {g.RecordType}"));
        Assert.DoesNotContain(status.Gaps, g => g.BusinessDate == new LocalDate(2025, 1, 11));
    }

    [Fact]
    public void A_day_whose_declarations_loaded_and_registers_did_not_is_shown_as_such_and_retry_completes_it()
    {
        // The declarations of [9 Jan, 11 Jan) commit, then the inspection read fails.
        WriteInspections(("X1", "2025-01-09", "NYC"), ("BOOM", "2025-01-10", "NYC"));
        Assert.ThrowsAny<Exception>(() => _h.Run(new ExtractWindow(new LocalDate(2025, 1, 9), new LocalDate(2025, 1, 11))));

        PipelineStatus broken = _h.Operations().Status(_h.Definition);
        // 2 days × 3 offices: the declaration done (I2 on 9, I1 on 10 January at NYC), the inspection failed.
        Assert.Equal(6, broken.IncompleteDays.Count);
        Assert.All(broken.IncompleteDays, d => Assert.Equal("declaration done; inspection failed", $"{string.Join(",", d.Done)} done; {string.Join(",", d.NotDone)} {d.State}"));
        Assert.Equal(
            ["2025-01-09 LAX inspection", "2025-01-09 NYC inspection", "2025-01-09 ORD inspection",
             "2025-01-10 LAX inspection", "2025-01-10 NYC inspection", "2025-01-10 ORD inspection"],
            broken.Gaps.Where(g => g.Kind == Gaps.NotLoaded).Select(g => $"{g.BusinessDate:uuuu-MM-dd} {g.OfficeCode} {g.RecordType}"));
        Assert.Equal(6L, broken.PartitionsByState[PartitionStates.Failed]);
        Assert.Equal(2L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));

        WriteInspections(("X1", "2025-01-09", "NYC"), ("X2", "2025-01-10", "NYC"), ("X3", "2025-01-10", "ORD"));
        RunSummary retried = Assert.Single(_h.Operations().Retry(_h.Definition, Ct));

        Assert.Equal((new LocalDate(2025, 1, 9), new LocalDate(2025, 1, 11)), (retried.Run.WindowFrom!.Value, retried.Run.WindowTo!.Value));
        Assert.Equal(3L, _h.Scalar<long>("SELECT count(*) FROM fact_inspection"));
        PipelineStatus fixedStatus = _h.Operations().Status(_h.Definition);
        Assert.Empty(fixedStatus.IncompleteDays);
        Assert.Equal(0, fixedStatus.GapCounts[Gaps.NotLoaded]);
        Assert.Equal(0, fixedStatus.DatesToRetry);
        Assert.Empty(_h.Operations().Retry(_h.Definition, Ct));
    }

    [Fact]
    public void A_run_that_failed_at_publish_is_found_and_rerun_by_retry()
    {
        WriteInspections(("X1", "2025-04-01", "NYC"));
        // A file where the public audience's folder must go: every load commits, then the publication fails.
        Directory.CreateDirectory(Path.Combine(_h.Folder, "snapshots"));
        File.WriteAllText(Path.Combine(_h.Folder, "snapshots", "public"), "in the way");
        Assert.ThrowsAny<Exception>(() => _h.Run(new ExtractWindow(new LocalDate(2025, 4, 1), new LocalDate(2025, 4, 15))));
        Assert.Equal("failed", _h.Scalar<string>("SELECT status FROM etl_run"));
        // The loads committed: the partitions are done, but their run failed, so retry has 14 dates to re-run.
        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM etl_partition_type WHERE state <> 'done'"));
        Assert.Equal(14, _h.Operations().Status(_h.Definition).DatesToRetry);

        File.Delete(Path.Combine(_h.Folder, "snapshots", "public"));
        RunSummary retried = Assert.Single(_h.Operations().Retry(_h.Definition, Ct));

        Assert.Equal(RunStatuses.Succeeded, retried.Run.Status);
        Assert.Equal((new LocalDate(2025, 4, 1), new LocalDate(2025, 4, 15)), (retried.Run.WindowFrom!.Value, retried.Run.WindowTo!.Value));
        Assert.NotEmpty(retried.Snapshots);
        Assert.Empty(_h.Operations().Retry(_h.Definition, Ct));
    }

    [Fact]
    public void A_backfill_whose_final_publication_failed_is_found_and_rerun_by_retry()
    {
        WriteInspections(("X1", "2025-01-09", "NYC"));
        Directory.CreateDirectory(Path.Combine(_h.Folder, "snapshots"));
        File.WriteAllText(Path.Combine(_h.Folder, "snapshots", "public"), "in the way");
        // Every day of [8 Jan, 11 Jan) loads; the one measure-and-publish run at the end fails.
        Assert.ThrowsAny<Exception>(() => _h.Operations().Backfill(_h.Definition, new LocalDate(2025, 1, 8), new LocalDate(2025, 1, 11), cancellationToken: Ct));
        Assert.Equal(3, _h.Operations().Status(_h.Definition).DatesToRetry);

        File.Delete(Path.Combine(_h.Folder, "snapshots", "public"));
        RunSummary retried = Assert.Single(_h.Operations().Retry(_h.Definition, Ct));

        Assert.Equal((new LocalDate(2025, 1, 8), new LocalDate(2025, 1, 11)), (retried.Run.WindowFrom!.Value, retried.Run.WindowTo!.Value));
        Assert.NotEmpty(retried.Snapshots);
        Assert.Empty(_h.Operations().Retry(_h.Definition, Ct));
    }

    [Fact]
    public void A_run_left_running_by_a_dead_process_is_marked_abandoned_and_a_live_holder_keeps_its_lock_past_twelve_hours()
    {
        WriteInspections();
        _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2)));
        int deadPid = DeadProcessId();
        // A run killed with SIGKILL on this machine: its row says 'running', its process is gone. It was recent
        // (a minute ago): only the pid says it is dead.
        Execute($"""
            INSERT INTO etl_run (run_id, pipeline, status, started_at, dst_policy, tzdb_version, holder_host, holder_pid, heartbeat_at)
            VALUES ('killed-run', 'fixture', 'running', TIMESTAMP '2026-01-15 07:34:00', 'x', 'x', '{Environment.MachineName}', {deadPid}, TIMESTAMP '2026-01-15 07:34:00');
            INSERT INTO etl_partition_type VALUES ('fixture', 'inspection', 'NYC', DATE '2025-02-01', 'running', 'killed-run', 0, TIMESTAMP '2026-01-15 07:34:00', NULL, NULL);
            """);

        PipelineStatus status = _h.Operations().Status(_h.Definition);

        // Status only reads: it shows the run's partition as it will be marked, and the warehouse still says 'running'.
        PartitionState shown = Assert.Single(status.Failed);
        Assert.Equal(("inspection", new LocalDate(2025, 2, 1), "killed-run"), (shown.RecordType, shown.BusinessDate, shown.RunId));
        Assert.Contains($"process {deadPid}", shown.Error, StringComparison.Ordinal);
        Assert.Equal(1, status.DatesToRetry);
        Assert.Equal("running", _h.Scalar<string>("SELECT status FROM etl_run WHERE run_id = 'killed-run'"));
        Assert.Equal("running", _h.Scalar<string>("SELECT state FROM etl_partition_type WHERE run_id = 'killed-run'"));

        // The writers (run, retry, backfill) mark it, through the book's one call.
        using (IWarehouse warehouse = WarehouseFactory.Open(_h.Definition.Warehouse))
        {
            Assert.Equal(["killed-run"], warehouse.Operations.AbandonDeadRuns("fixture", _h.Clock.GetCurrentInstant(), PipelineRunner.LockStaleAfter));
        }

        Assert.Equal("abandoned", _h.Scalar<string>("SELECT status FROM etl_run WHERE run_id = 'killed-run'"));
        Assert.Contains($"process {deadPid}", _h.Scalar<string>("SELECT error FROM etl_run WHERE run_id = 'killed-run'"), StringComparison.Ordinal);
        Assert.Equal("failed", _h.Scalar<string>("SELECT state FROM etl_partition_type WHERE run_id = 'killed-run'"));
        Assert.Single(_h.Operations().Status(_h.Definition).Failed);

        // A lock held by a live process (this one, as a Hangfire server holds it for a run on another thread) is not
        // taken over after 13 hours: the run is skipped.
        using (IWarehouse warehouse = WarehouseFactory.Open(_h.Definition.Warehouse))
        {
            Assert.Null(warehouse.Operations.TryLock("fixture", "live-run", _h.Clock.GetCurrentInstant(), Duration.FromHours(12)));
        }

        _h.Clock.Advance(Duration.FromHours(13));
        Assert.Equal(RunStatuses.Skipped, _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2))).Run.Status);
        // Its holder dies: the next run takes the lock over at once, whatever the lock's age.
        Execute($"UPDATE etl_lock SET holder_pid = {deadPid}, acquired_at = now()::TIMESTAMP, heartbeat_at = now()::TIMESTAMP");
        Assert.Equal(RunStatuses.Succeeded, _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2))).Run.Status);
    }

    [Fact]
    public void Status_neither_creates_nor_migrates_a_warehouse()
    {
        string absent = Path.Combine(_h.Folder, "absent.duckdb");
        PipelineDefinition onAbsent = _h.Definition with { Warehouse = _h.Definition.Warehouse with { Path = absent } };
        PipelineStatus nothing = _h.Operations().Status(onAbsent);
        Assert.Null(nothing.LatestRun);
        Assert.Empty(nothing.PartitionsByState);
        Assert.False(File.Exists(absent));

        // A warehouse file without the schema (made by another tool, or before `migrate`): refused, left as it was.
        string bare = Path.Combine(_h.Folder, "bare.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={bare}"))
        {
            connection.Open();
        }

        long size = new FileInfo(bare).Length;
        var e = Assert.Throws<WarehouseNotMigratedException>(() => _h.Operations().Status(onAbsent with { Warehouse = onAbsent.Warehouse with { Path = bare } }));
        Assert.Contains("run pmm-etl migrate first", e.Message, StringComparison.Ordinal);
        Assert.Equal(size, new FileInfo(bare).Length);
    }

    /// <summary>
    /// The same book on a real PostgreSQL server: per-type partitions of bounded windows (pending, running, done,
    /// failed), a day whose declarations loaded and registers did not, and retry, give what DuckDB gives.
    /// </summary>
    [Fact]
    public void On_PostgreSQL_the_partition_book_reads_as_on_DuckDB()
    {
        string Scenario(PipelineHarness h)
        {
            string source = Path.Combine(h.Folder, "source.sqlite");
            WriteInspections(source, ("X1", "2025-01-09", "NYC"), ("BOOM", "2025-01-10", "NYC"));
            h.Operations().Backfill(h.Definition, new LocalDate(2025, 1, 8), new LocalDate(2025, 1, 9), cancellationToken: Ct);
            Assert.ThrowsAny<Exception>(() => h.Run(new ExtractWindow(new LocalDate(2025, 1, 9), new LocalDate(2025, 1, 11))));
            PipelineStatus broken = h.Operations().Status(h.Definition);
            WriteInspections(source, ("X1", "2025-01-09", "NYC"), ("X2", "2025-01-10", "NYC"));
            int retried = h.Operations().Retry(h.Definition, Ct).Count;
            PipelineStatus fixedStatus = h.Operations().Status(h.Definition);
            return string.Join(" | ",
                string.Join(",", broken.PartitionsByState.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")),
                broken.IncompleteDays.Count, broken.GapCounts[Gaps.NotLoaded], broken.DatesToRetry, retried,
                string.Join(",", fixedStatus.PartitionsByType.OrderBy(t => t.Key).Select(t => $"{t.Key}:{string.Join("/", t.Value.Select(v => $"{v.Key}={v.Value}"))}")),
                fixedStatus.GapCounts[Gaps.NotLoaded], fixedStatus.GapCounts[Gaps.Empty], fixedStatus.IncompleteDays.Count);
        }

        string onDuck = Scenario(_h);
        using var pg = new PipelineHarness(EngineEquivalenceTests.OnServer(Yaml, "postgres", _postgres.NewDatabase()));
        string onPg = Scenario(pg);

        // 8 January (backfill) and 9–10 January × 3 offices; the two failed days' inspections failed.
        Assert.Equal("done=3,failed=6 | 6 | 6 | 2 | 1 | declaration:done=9,inspection:done=9 | 0 | 0 | 0", onDuck);
        Assert.Equal(onDuck, onPg);
    }

    /// <summary>The pid of a process that has exited.</summary>
    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private void Execute(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={_h.WarehousePath}");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
