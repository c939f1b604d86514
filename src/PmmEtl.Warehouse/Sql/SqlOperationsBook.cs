using System.Data.Common;
using NodaTime;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.Sql;

internal sealed class SqlOperationsBook(SqlCommands sql, SqlWarehouse warehouse) : IOperationsBook
{
    public LockHolder? TryLock(string pipeline, string runId, Instant now, Duration staleAfter)
    {
        LockHolder? holder = Holder(pipeline);
        if (holder is not null && now - holder.Since < staleAfter && !DeadOnThisMachine(holder))
        {
            return holder;
        }

        sql.Begin();
        try
        {
            // A stale lock is from a process that died: take it over. Otherwise the primary key decides
            // between two runs that both saw no lock.
            if (holder is not null)
            {
                sql.Execute("DELETE FROM etl_lock WHERE pipeline = @p AND run_id = @r", ("p", pipeline), ("r", holder.RunId));
            }

            sql.Execute(
                "INSERT INTO etl_lock (pipeline, run_id, acquired_at, holder_host, holder_pid) VALUES (@p, @r, @at, @host, @pid)",
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

    public void MarkWindow(string pipeline, string runId, LocalDate from, LocalDate to, string state, Instant now)
    {
        warehouse.EnsureDates(Enumerable.Range(from.Year, to.PlusDays(-1).Year - from.Year + 1));
        (string, object?)[] p = [("p", pipeline), ("r", runId), ("from", from.ToDateOnly()), ("to", to.ToDateOnly()), ("state", state), ("now", now.ToDateTimeUtc())];
        sql.Begin();
        try
        {
            sql.Execute("DELETE FROM etl_partition WHERE pipeline = @p AND business_date >= @from AND business_date < @to", p);
            sql.Execute("""
                INSERT INTO etl_partition (pipeline, office_code, business_date, state, run_id, rows_loaded, updated_at, error)
                SELECT @p, o.office_code, d.date, @state, @r, 0, @now, NULL
                FROM dim_office o CROSS JOIN dim_date d
                WHERE d.date >= @from AND d.date < @to
                """, p);
            sql.Commit();
        }
        catch
        {
            sql.Rollback();
            throw;
        }
    }

    public void Settle(string pipeline, string runId, string fromState, string toState, string? error, Instant now) =>
        sql.Execute(
            "UPDATE etl_partition SET state = @to, error = @error, updated_at = @now WHERE pipeline = @p AND run_id = @r AND state = @from",
            ("p", pipeline), ("r", runId), ("from", fromState), ("to", toState), ("error", error), ("now", now.ToDateTimeUtc()));

    public IReadOnlyList<PartitionState> Partitions(string pipeline) =>
        sql.Rows("""
                SELECT office_code, business_date, state, run_id, rows_loaded, error, updated_at
                FROM etl_partition WHERE pipeline = @p ORDER BY business_date, office_code
                """, ("p", pipeline))
            .Select(r => new PartitionState(r.GetString(0), LocalDate.FromDateOnly(Read.Date(r, 1)), r.GetString(2), r.GetString(3),
                Read.Long(r, 4), Read.NullableText(r, 5), Instant.FromDateTimeUtc(Read.Utc(r, 6))))
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
        foreach (DbDataReader r in sql.Rows("SELECT run_id, acquired_at, holder_host, holder_pid FROM etl_lock WHERE pipeline = @p", ("p", pipeline)))
        {
            return new LockHolder(r.GetString(0), Instant.FromDateTimeUtc(Read.Utc(r, 1)), Read.NullableText(r, 2), r.IsDBNull(3) ? null : Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));
        }

        return null;
    }

    /// <summary>A holder on this machine whose process is gone was killed: its lock protects nothing.</summary>
    private static bool DeadOnThisMachine(LockHolder holder)
    {
        if (holder.Host != Environment.MachineName || holder.ProcessId is not { } pid || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
