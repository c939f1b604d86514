using System.Data.Common;
using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.Records;

namespace PmmEtl.Warehouse.Sql;

internal sealed class SqlOperationsBook(SqlCommands sql, SqlWarehouse warehouse) : IOperationsBook
{
    public LockHolder? TryLock(string pipeline, string runId, Instant now, Duration staleAfter)
    {
        LockHolder? holder = Holder(pipeline);
        if (holder is not null && ProcessLiveness.Alive(holder.Host, holder.ProcessId, holder.Heartbeat ?? holder.Since, now, staleAfter))
        {
            return holder;
        }

        sql.Begin();
        try
        {
            // The holder is dead: take its lock over. Otherwise the primary key decides between two runs that both saw no lock.
            if (holder is not null)
            {
                sql.Execute("DELETE FROM etl_lock WHERE pipeline = @p AND run_id = @r", ("p", pipeline), ("r", holder.RunId));
            }

            sql.Execute(
                "INSERT INTO etl_lock (pipeline, run_id, acquired_at, holder_host, holder_pid, heartbeat_at) VALUES (@p, @r, @at, @host, @pid, @at)",
                ("p", pipeline), ("r", runId), ("at", now.ToDateTimeUtc()), ("host", Environment.MachineName), ("pid", Environment.ProcessId));
            sql.Commit();
            return null;
        }
        catch (DbException)
        {
            sql.Rollback();
            return Holder(pipeline) ?? throw new InvalidOperationException($"could not lock pipeline '{pipeline}' and no holder is recorded");
        }
    }

    public void Unlock(string pipeline, string runId) =>
        sql.Execute("DELETE FROM etl_lock WHERE pipeline = @p AND run_id = @r", ("p", pipeline), ("r", runId));

    public void Heartbeat(string pipeline, string runId, Instant now)
    {
        sql.Execute("UPDATE etl_run SET heartbeat_at = @now WHERE run_id = @r", ("r", runId), ("now", now.ToDateTimeUtc()));
        sql.Execute("UPDATE etl_lock SET heartbeat_at = @now WHERE pipeline = @p AND run_id = @r", ("p", pipeline), ("r", runId), ("now", now.ToDateTimeUtc()));
    }

    public void MarkWindow(string pipeline, string runId, IReadOnlyList<RecordSchema> types, LocalDate from, LocalDate to, string state, Instant now)
    {
        warehouse.EnsureDates(Enumerable.Range(from.Year, to.PlusDays(-1).Year - from.Year + 1));
        (string, object?)[] p = [("p", pipeline), ("r", runId), ("from", from.ToDateOnly()), ("to", to.ToDateOnly()), ("state", state), ("now", now.ToDateTimeUtc())];
        sql.Begin();
        try
        {
            foreach (RecordSchema type in types.Where(t => t.IsDated))
            {
                string name = RecordColumns.Identifier(type.Name);
                string offices = type.OfficeField is null ? $"SELECT '{PartitionStates.AllOffices}' AS office_code" : "SELECT office_code FROM dim_office";
                // Known partitions change state and keep what was committed; the others are added with no rows.
                sql.Execute($"""
                    UPDATE etl_partition_type SET state = @state, run_id = @r, updated_at = @now, error = NULL
                    WHERE pipeline = @p AND record_type = '{name}' AND business_date >= @from AND business_date < @to
                    """, p);
                sql.Execute($"""
                    INSERT INTO etl_partition_type (pipeline, record_type, office_code, business_date, state, run_id, rows_loaded, updated_at, error, committed_run)
                    SELECT @p, '{name}', o.office_code, d.date, @state, @r, 0, @now, NULL, NULL
                    FROM ({offices}) o CROSS JOIN dim_date d
                    WHERE d.date >= @from AND d.date < @to
                      AND NOT EXISTS (SELECT 1 FROM etl_partition_type k
                                      WHERE k.pipeline = @p AND k.record_type = '{name}' AND k.office_code = o.office_code AND k.business_date = d.date)
                    """, p);
            }

            sql.Commit();
        }
        catch
        {
            sql.Rollback();
            throw;
        }
    }

    public void Adopt(string pipeline, string runId, LocalDate from, LocalDate to, Instant now) =>
        sql.Execute(
            "UPDATE etl_partition_type SET run_id = @r, updated_at = @now WHERE pipeline = @p AND state = 'done' AND business_date >= @from AND business_date < @to",
            ("p", pipeline), ("r", runId), ("from", from.ToDateOnly()), ("to", to.ToDateOnly()), ("now", now.ToDateTimeUtc()));

    public void Settle(string pipeline, string runId, string fromState, string toState, string? error, Instant now) =>
        sql.Execute(
            "UPDATE etl_partition_type SET state = @to, error = @error, updated_at = @now WHERE pipeline = @p AND run_id = @r AND state = @from",
            ("p", pipeline), ("r", runId), ("from", fromState), ("to", toState), ("error", error), ("now", now.ToDateTimeUtc()));

    public IReadOnlyList<DeadRun> DeadRuns(string? pipeline, Instant now, Duration silentAfter)
    {
        var dead = new List<DeadRun>();
        foreach (RunningRow r in sql.Query<RunningRow>(
                     "SELECT run_id, pipeline, holder_host, holder_pid, heartbeat_at, started_at FROM etl_run WHERE status = 'running' AND (pipeline = @p OR @all = 1)",
                     ("p", pipeline ?? ""), ("all", pipeline is null ? 1 : 0)))
        {
            (string? host, int? pid) = (r.HolderHost, r.HolderPid);
            Instant seen = Read.UtcInstant(r.HeartbeatAt ?? r.StartedAt);
            if (!ProcessLiveness.Alive(host, pid, seen, now, silentAfter))
            {
                string why = host == Environment.MachineName && pid is not null
                    ? $"abandoned: its process {pid} on {host} is gone"
                    : $"abandoned: no heartbeat since {seen} (host {host ?? "unknown"})";
                dead.Add(new DeadRun(r.RunId, r.Pipeline, why));
            }
        }

        return dead;
    }

    public IReadOnlyList<string> AbandonDeadRuns(string? pipeline, Instant now, Duration silentAfter)
    {
        IReadOnlyList<DeadRun> dead = DeadRuns(pipeline, now, silentAfter);
        foreach ((string runId, string runPipeline, string why) in dead)
        {
            sql.Execute("UPDATE etl_run SET status = 'abandoned', finished_at = @now, error = @why WHERE run_id = @r AND status = 'running'",
                ("r", runId), ("now", now.ToDateTimeUtc()), ("why", why));
            Settle(runPipeline, runId, PartitionStates.Running, PartitionStates.Failed, why, now);
        }

        return dead.Select(d => d.RunId).ToList();
    }

    public IReadOnlyList<PartitionState> Partitions(string pipeline) =>
        sql.Query<PartitionRow>("""
                SELECT office_code, business_date, state, run_id, rows_loaded, error, updated_at, record_type, committed_run
                FROM etl_partition_type WHERE pipeline = @p ORDER BY business_date, office_code, record_type
                """, ("p", pipeline))
            .Select(r => new PartitionState(r.OfficeCode, LocalDate.FromDateOnly(r.BusinessDate), r.State, r.RunId,
                r.RowsLoaded, r.Error, Read.UtcInstant(r.UpdatedAt))
            {
                RecordType = r.RecordType,
                CommittedRun = r.CommittedRun,
            })
            .ToList();

    public IReadOnlyList<LocalDate> DatesToRetry(string pipeline) =>
        sql.Query<DateOnly>("""
                SELECT DISTINCT p.business_date
                FROM etl_partition_type p LEFT JOIN etl_run r ON r.run_id = p.run_id
                WHERE p.pipeline = @p AND (p.state = 'failed' OR r.status IN ('failed', 'abandoned'))
                ORDER BY p.business_date
                """, ("p", pipeline))
            .Select(LocalDate.FromDateOnly)
            .ToList();

    public Instant? LatestLodgement() =>
        Read.UtcInstant(sql.Query<DateTime?>("SELECT max(lodged_utc) FROM fact_declaration").FirstOrDefault());

    private LockHolder? Holder(string pipeline) =>
        sql.Query<LockRow>("SELECT run_id, acquired_at, holder_host, holder_pid, heartbeat_at FROM etl_lock WHERE pipeline = @p", ("p", pipeline))
            .Select(r => new LockHolder(r.RunId, Read.UtcInstant(r.AcquiredAt), r.HolderHost, r.HolderPid, Read.UtcInstant(r.HeartbeatAt)))
            .FirstOrDefault();

    // The rows as the engines return them, mapped by Dapper (SqlCommands.Query); a lock or run from before script 009
    // or 013 has no holder or heartbeat.
    private sealed class LockRow
    {
        public string RunId { get; init; } = "";
        public DateTime AcquiredAt { get; init; }
        public string? HolderHost { get; init; }
        public int? HolderPid { get; init; }
        public DateTime? HeartbeatAt { get; init; }
    }

    private sealed class RunningRow
    {
        public string RunId { get; init; } = "";
        public string Pipeline { get; init; } = "";
        public string? HolderHost { get; init; }
        public int? HolderPid { get; init; }
        public DateTime? HeartbeatAt { get; init; }
        public DateTime StartedAt { get; init; }
    }

    private sealed class PartitionRow
    {
        public string OfficeCode { get; init; } = "";
        public DateOnly BusinessDate { get; init; }
        public string State { get; init; } = "";
        public string RunId { get; init; } = "";
        public long RowsLoaded { get; init; }
        public string? Error { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string RecordType { get; init; } = "";
        public string? CommittedRun { get; init; }
    }
}

/// <summary>
/// Whether the process that holds a lock or runs a run is alive. On this machine its pid decides, whatever its age (a
/// long backfill holds the lock for days; a killed run is dead at once). A holder on another machine cannot be asked:
/// it is alive while its heartbeat is younger than the limit. A holder that recorded no host or pid (an older version)
/// is judged by the limit alone.
/// </summary>
internal static class ProcessLiveness
{
    public static bool Alive(string? host, int? pid, Instant lastSeen, Instant now, Duration silentAfter)
    {
        if (host == Environment.MachineName && pid is { } id)
        {
            return id == Environment.ProcessId || Running(id);
        }

        return now - lastSeen < silentAfter;
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
