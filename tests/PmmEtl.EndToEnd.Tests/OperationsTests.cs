using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// Scheduled runs, catch-up, backfill, retry, the double-trigger guard, the lookback and freshness, on the
/// hand-made fixture with an injected clock. Expected values are worked out from <see cref="FixtureSource"/>.
/// </summary>
public sealed class OperationsTests : IDisposable
{
    private const string Nightly = "window:\n  mode: nightly\n  lookback_days: 7";
    private readonly PipelineHarness _h;

    public OperationsTests()
    {
        _h = new PipelineHarness(FixtureSource.PipelineYaml().Replace("window:\n  mode: full", Nightly, StringComparison.Ordinal));
        FixtureSource.Write(Source, FixtureSource.Rows);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Source => Path.Combine(_h.Folder, "source.sqlite");

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Missed_nights_are_caught_up_in_order_each_with_its_own_date()
    {
        // 02:30 in New York every night. 10 March 2025, 07:30 UTC: the 06:30 UTC (02:30 EDT) occurrence is due.
        _h.Clock.Reset(Instant.FromUtc(2025, 3, 10, 7, 30));
        IReadOnlyList<RunSummary> first = _h.Operations().RunScheduled(_h.Definition, cancellationToken: Ct);
        Assert.Equal([new LocalDate(2025, 3, 10)], first.Select(r => r.Run.WindowTo!.Value));

        // The server was down for three nights.
        _h.Clock.Reset(Instant.FromUtc(2025, 3, 13, 7, 30));
        IReadOnlyList<RunSummary> caughtUp = _h.Operations().RunScheduled(_h.Definition, cancellationToken: Ct);

        Assert.Equal([11, 12, 13], caughtUp.Select(r => r.Run.WindowTo!.Value.Day));
        Assert.Equal([11, 12, 13], caughtUp.Select(r => r.Run.ScheduledFor!.Value.InUtc().Day));
        Assert.All(caughtUp, r => Assert.Equal(6, r.Run.ScheduledFor!.Value.InUtc().Hour)); // 02:30 EDT
        Assert.Equal(4L, _h.Scalar<long>("SELECT count(*) FROM etl_run WHERE \"trigger\" = 'scheduled' AND status = 'succeeded'"));
        // Windows [3 Mar, 10 Mar) … [6 Mar, 13 Mar) hold I4 (90 min, 9 Mar) and I6 (300 min, 8 Mar).
        Assert.Equal((195.00, 2L, 0L, "public"), _h.Kpi("K04", "2025"));

        // Nothing more is due in the same night; a server start finds nothing to catch up.
        Assert.Empty(_h.Operations().RunScheduled(_h.Definition, missedOnly: true, cancellationToken: Ct));
    }

    [Fact]
    public void An_interrupted_backfill_leaves_the_rest_pending_and_resumes_from_the_failed_day()
    {
        // The source disappears after the first run: the backfill stops at 2 January.
        var operations = _h.Operations();
        File.Move(Source, Source + ".away");
        BackfillResult broken = operations.Backfill(_h.Definition, new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 6), cancellationToken: Ct);
        Assert.StartsWith("stopped at 2025-01-01", broken.StoppedBecause, StringComparison.Ordinal);
        Assert.Equal(3L, _h.Scalar<long>("SELECT count(*) FROM etl_partition WHERE state = 'failed'"));
        Assert.Equal(12L, _h.Scalar<long>("SELECT count(*) FROM etl_partition WHERE state = 'pending'")); // 2–5 Jan × 3 offices

        File.Move(Source + ".away", Source);
        BackfillResult resumed = operations.Backfill(_h.Definition, new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 6), cancellationToken: Ct);
        Assert.Equal(5, resumed.Runs.Count);
        Assert.Equal(15L, _h.Scalar<long>("SELECT count(*) FROM etl_partition WHERE state = 'done'"));
    }

    [Fact]
    public void A_backfill_loads_day_by_day_measures_once_and_resumes_without_redoing_done_days()
    {
        BackfillResult result = _h.Operations().Backfill(_h.Definition, new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1), cancellationToken: Ct);

        Assert.Null(result.StoppedBecause);
        Assert.Equal(31, result.Runs.Count);
        Assert.Equal(Enumerable.Range(1, 31), result.Runs.Select(r => r.Run.WindowFrom!.Value.Day));
        Assert.Equal(93L, _h.Scalar<long>("SELECT count(*) FROM etl_partition WHERE state = 'done'")); // 31 days × 3 offices
        Assert.Equal(255.00, _h.Kpi("K04", "2025-01").Value);                                          // I1 150, I2 360
        Assert.Single(result.Measured!.Snapshots);

        BackfillResult again = _h.Operations().Backfill(_h.Definition, new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1), cancellationToken: Ct);
        Assert.Empty(again.Runs);
        Assert.Equal(31, again.DaysAlreadyDone);
    }

    [Fact]
    public void Status_lists_partitions_and_the_days_without_data_where_data_was_expected()
    {
        _h.Operations().Backfill(_h.Definition, new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1), cancellationToken: Ct);

        PipelineStatus status = _h.Operations().Status(_h.Definition);

        Assert.Equal(93L, status.PartitionsByState[PartitionStates.Done]);
        // NYC had declarations on Thursday 9 and Friday 10 January, LAX on Wednesday 15: the same weekdays of the
        // following weeks are empty.
        Assert.Equal(
            ["2025-01-16 NYC", "2025-01-17 NYC", "2025-01-22 LAX", "2025-01-23 NYC", "2025-01-24 NYC", "2025-01-29 LAX", "2025-01-30 NYC", "2025-01-31 NYC"],
            status.Gaps.Select(g => $"{g.BusinessDate:uuuu-MM-dd} {g.OfficeCode}"));
        Assert.NotNull(status.LastSuccess);
    }

    [Fact]
    public void Retry_reruns_exactly_the_failed_partitions_with_their_window()
    {
        File.Move(Source, Source + ".away");
        Assert.ThrowsAny<Exception>(() => _h.Run(new ExtractWindow(new LocalDate(2025, 4, 1), new LocalDate(2025, 4, 15))));
        Assert.Equal(42L, _h.Scalar<long>("SELECT count(*) FROM etl_partition WHERE state = 'failed'")); // 14 days × 3 offices
        Assert.Contains("source.path", _h.Scalar<string>("SELECT max(error) FROM etl_partition"), StringComparison.Ordinal);

        File.Move(Source + ".away", Source);
        IReadOnlyList<RunSummary> retried = _h.Operations().Retry(_h.Definition, Ct);

        RunSummary run = Assert.Single(retried);
        Assert.Equal((new LocalDate(2025, 4, 1), new LocalDate(2025, 4, 15)), (run.Run.WindowFrom!.Value, run.Run.WindowTo!.Value));
        Assert.Equal("retry", run.Run.Trigger);
        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM etl_partition WHERE state = 'failed'"));
        // E1 1500 and E2 210 minutes at NYC; E3 at LAX is not a main point of exit.
        Assert.Equal((855.00, 2L, 1L, "public"), _h.Kpi("K05", "2025"));
        Assert.Empty(_h.Operations().Retry(_h.Definition, Ct));
    }

    [Fact]
    public void A_second_trigger_while_a_run_holds_the_pipeline_is_skipped_and_says_why()
    {
        _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2))); // creates the warehouse
        using (IWarehouse warehouse = WarehouseFactory.Open(_h.Definition.Warehouse))
        {
            Assert.Null(warehouse.Operations.TryLock("fixture", "other-run", _h.Clock.GetCurrentInstant(), Duration.FromHours(12)));
        }

        RunSummary skipped = _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1)));

        Assert.Equal(RunStatuses.Skipped, skipped.Run.Status);
        Assert.Contains("already being run by other-run", skipped.Run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        Assert.Equal(1L, _h.Scalar<long>("SELECT count(*) FROM etl_run WHERE status = 'skipped'"));

        // A lock of another host whose heartbeat is older than the stale limit belongs to a process that died: the next
        // run takes it over. (A holder on this machine is judged by its pid: see PartitionLedgerTests.)
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_h.WarehousePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE etl_lock SET holder_host = 'another-host'";
            command.ExecuteNonQuery();
        }

        _h.Clock.Advance(Duration.FromHours(13));
        Assert.Equal(RunStatuses.Succeeded, _h.Run(new ExtractWindow(new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1))).Run.Status);
        Assert.Equal(3L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration")); // I1, I2, I7
    }

    [Fact]
    public void The_nightly_lookback_updates_a_declaration_whose_release_came_days_later()
    {
        _h.Clock.Reset(Instant.FromUtc(2025, 12, 31, 8, 0));
        _h.Operations().RunScheduled(_h.Definition, cancellationToken: Ct);                 // window [24 Dec, 31 Dec): I8 not released yet
        Assert.Null(_h.Kpi("K04", "2025").Value);

        FixtureSource.Write(Source, FixtureSource.Rows.Select(r => r.Id == "I8" ? r with { Rel = "2025-12-31 09:00:00" } : r));
        _h.Clock.Reset(Instant.FromUtc(2026, 1, 1, 8, 0));
        _h.Operations().RunScheduled(_h.Definition, cancellationToken: Ct);                 // window [25 Dec, 1 Jan) re-reads I8

        Assert.Equal(1L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration WHERE declaration_id = 'I8'"));
        // I8: 10:00 on 30 Dec → 09:00 on 31 Dec; C5, an e-commerce import at LAX on 31 Dec, is outside a main entry.
        Assert.Equal((1380.00, 1L, 1L, "public"), _h.Kpi("K04", "2025"));
    }

    [Fact]
    public void A_stale_source_fails_the_run_instead_of_publishing()
    {
        File.WriteAllText(_h.DefinitionPath, FixtureSource.PipelineYaml() + "\nfreshness:\n  max_source_age_hours: 48\n");
        _h.Clock.Reset(Instant.FromUtc(2026, 1, 15, 7, 30));   // newest lodgement: 31 Dec 2025 22:00 PST

        var e = Assert.Throws<StaleSourceException>(() => _h.Run());

        Assert.Contains("the source is stale", e.Message, StringComparison.Ordinal);
        Assert.Contains("max_source_age_hours = 48", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_h.Folder, "snapshots")));
        Assert.Equal("failed", _h.Scalar<string>("SELECT status FROM etl_run"));
    }
}
