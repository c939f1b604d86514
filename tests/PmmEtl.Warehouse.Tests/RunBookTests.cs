using NodaTime;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// The run book and the operations book read back, on DuckDB and on a real PostgreSQL server, exactly what was
/// written: the expected records are the ones the test wrote (whole seconds, so every engine keeps them exactly), never
/// anything read first.
/// </summary>
public sealed class RunBookTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly Instant Night = Instant.FromUtc(2026, 1, 15, 2, 0);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pmm-run-book-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void On_DuckDB_runs_locks_and_liveness_read_back_as_written()
    {
        using SqlWarehouse warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "warehouse.duckdb"));
        ReadsBackAsWritten(warehouse);
    }

    [Fact]
    public void On_PostgreSQL_runs_locks_and_liveness_read_back_as_written()
    {
        using SqlWarehouse warehouse = PostgresWarehouse.Open(postgres.NewDatabase());
        ReadsBackAsWritten(warehouse);
    }

    private static void ReadsBackAsWritten(SqlWarehouse warehouse)
    {
        warehouse.Migrate();
        var started = new RunRecord
        {
            RunId = "r1", Pipeline = "p", Status = "running", Trigger = "scheduled", ScheduledFor = Night,
            StartedAt = Night + Duration.FromSeconds(5), WindowFrom = new LocalDate(2025, 1, 1), WindowTo = new LocalDate(2025, 2, 1),
            DstPolicy = "earlier/shift_forward", TzdbVersion = "2025b",
        };
        warehouse.Runs.Started(started);
        RunRecord finished = started with
        {
            Status = "succeeded", FinishedAt = Night + Duration.FromMinutes(3), RowsRead = 1001, RowsOutsideWindow = 2, RowsLoaded = 990,
            RowsQuarantined = 9, RowsReplaced = 3, DstAmbiguous = 4, DstSkipped = 5, DstRejected = 6, KpiValues = 77,
            ExtractLoadMs = 11, MergeMs = 12, MeasureMs = 13, PublishMs = 14,
        };
        warehouse.Runs.Finished(finished);
        // A manual run still going: no window, no counters written yet (NULL columns read as 0), no trigger time.
        var running = new RunRecord
        {
            RunId = "r2", Pipeline = "p", Status = "running", StartedAt = Night + Duration.FromHours(1), DstPolicy = "reject/reject", TzdbVersion = "2025b",
        };
        warehouse.Runs.Started(running);
        warehouse.Runs.Started(running with { RunId = "r3", Pipeline = "other", StartedAt = Night + Duration.FromHours(2) });

        Assert.Equal([running, finished], warehouse.Runs.Recent("p", 10));
        Assert.Equal([running], warehouse.Runs.Recent("p", 1));
        Assert.Equal(["r3", "r2", "r1"], warehouse.Runs.Recent(null, 10).Select(r => r.RunId));
        Assert.Equal(Night, warehouse.Runs.LastScheduledOccurrence("p"));
        Assert.Null(warehouse.Runs.LastScheduledOccurrence("other"));

        // The first lock is taken; the second caller is told who holds it: this process, alive.
        Instant now = Night + Duration.FromHours(3);
        Assert.Null(warehouse.Operations.TryLock("p", "r2", now, Duration.FromHours(12)));
        Assert.Equal(new LockHolder("r2", now, Environment.MachineName, Environment.ProcessId, now),
            warehouse.Operations.TryLock("p", "r4", now + Duration.FromMinutes(1), Duration.FromHours(12)));

        // Two days on, runs r2 and r3 are silent past any limit; only their recorded host and pid (this live process) keep them.
        Assert.Empty(warehouse.Operations.AbandonDeadRuns(null, now + Duration.FromDays(2), Duration.FromHours(12)));
        Assert.Null(warehouse.Operations.LatestLodgement());
        Assert.Empty(warehouse.Operations.Partitions("p"));
        Assert.Empty(warehouse.Operations.DatesToRetry("p"));
    }
}
