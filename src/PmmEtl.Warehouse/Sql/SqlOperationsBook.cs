using System.Data.Common;
using System.Globalization;
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

    public IReadOnlyList<string> AbandonDeadRuns(string? pipeline, Instant now, Duration silentAfter)
    {
        var dead = new List<(string RunId, string Pipeline, string Why)>();
        foreach (DbDataReader r in sql.Rows(
                     "SELECT run_id, pipeline, holder_host, holder_pid, heartbeat_at, started_at FROM etl_run WHERE status = 'running' AND (pipeline = @p OR @all = 1)",
                     ("p", pipeline ?? ""), ("all", pipeline is null ? 1 : 0)))
        {
            string? host = Read.NullableText(r, 2);
            int? pid = r.IsDBNull(3) ? null : Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture);
            Instant seen = Instant.FromDateTimeUtc(Read.Utc(r, r.IsDBNull(4) ? 5 : 4));
            if (!ProcessLiveness.Alive(host, pid, seen, now, silentAfter))
            {
                string why = host == Environment.MachineName && pid is not null
                    ? $"abandoned: its process {pid} on {host} is gone"
                    : $"abandoned: no heartbeat since {seen} (host {host ?? "unknown"})";
                dead.Add((r.GetString(0), r.GetString(1), why));
            }
        }

        foreach ((string runId, string runPipeline, string why) in dead)
        {
            sql.Execute("UPDATE etl_run SET status = 'abandoned', finished_at = @now, error = @why WHERE run_id = @r AND status = 'running'",
                ("r", runId), ("now", now.ToDateTimeUtc()), ("why", why));
            Settle(runPipeline, runId, PartitionStates.Running, PartitionStates.Failed, why, now);
        }

        return dead.Select(d => d.RunId).ToList();
    }

    public IReadOnlyList<PartitionState> Partitions(string pipeline) =>
        sql.Rows("""
                SELECT office_code, business_date, state, run_id, rows_loaded, error, updated_at, record_type, committed_run
                FROM etl_partition_type WHERE pipeline = @p ORDER BY business_date, office_code, record_type
                """, ("p", pipeline))
            .Select(r => new PartitionState(r.GetString(0), LocalDate.FromDateOnly(Read.Date(r, 1)), r.GetString(2), r.GetString(3),
                Read.Long(r, 4), Read.NullableText(r, 5), Instant.FromDateTimeUtc(Read.Utc(r, 6)))
            {
                RecordType = r.GetString(7),
                CommittedRun = Read.NullableText(r, 8),
            })
            .ToList();

    public IReadOnlyList<LocalDate> DatesToRetry(string pipeline) =>
        sql.Rows("""
                SELECT DISTINCT p.business_date
                FROM etl_partition_type p LEFT JOIN etl_run r ON r.run_id = p.run_id
                WHERE p.pipeline = @p AND (p.state = 'failed' OR r.status IN ('failed', 'abandoned'))
                ORDER BY p.business_date
                """, ("p", pipeline))
            .Select(r => LocalDate.FromDateOnly(Read.Date(r, 0)))
            .ToList();

    public Instant? LatestLodgement()
    {
        foreach (DbDataReader r in sql.Rows("SELECT max(lodged_utc) FROM fact_declaration"))
        {
            return r.IsDBNull(0) ? null : Instant.FromDateTimeUtc(Read.Utc(r, 0));
        }

        return null;
    }

    private LockHolder? Holder(string pipeline)
    {
        foreach (DbDataReader r in sql.Rows("SELECT run_id, acquired_at, holder_host, holder_pid, heartbeat_at FROM etl_lock WHERE pipeline = @p", ("p", pipeline)))
        {
            return new LockHolder(r.GetString(0), Instant.FromDateTimeUtc(Read.Utc(r, 1)), Read.NullableText(r, 2),
                r.IsDBNull(3) ? null : Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture),
                r.IsDBNull(4) ? null : Instant.FromDateTimeUtc(Read.Utc(r, 4)));
        }

        return null;
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
