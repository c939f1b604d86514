using System.Data.Common;
using NodaTime;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.Sql;

internal sealed class SqlRunLog : IRunLog
{
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;

    public SqlRunLog(SqlCommands sql, ISqlDialect dialect)
    {
        _sql = sql;
        _dialect = dialect;
    }

    public void Started(RunRecord run) =>
        _sql.Execute("""
            INSERT INTO etl_run (run_id, pipeline, status, started_at, window_from, window_to, dst_policy, tzdb_version, "trigger", scheduled_for,
                                 holder_host, holder_pid, heartbeat_at)
            VALUES (@id, @pipeline, @status, @started, @from, @to, @policy, @tzdb, @trigger, @scheduled, @host, @pid, @started)
            """,
            ("host", Environment.MachineName), ("pid", Environment.ProcessId),
            ("trigger", run.Trigger), ("scheduled", run.ScheduledFor?.ToDateTimeUtc()),
            ("id", run.RunId), ("pipeline", run.Pipeline), ("status", run.Status), ("started", run.StartedAt.ToDateTimeUtc()),
            ("from", run.WindowFrom?.ToDateOnly()), ("to", run.WindowTo?.ToDateOnly()), ("policy", run.DstPolicy), ("tzdb", run.TzdbVersion));

    public void Finished(RunRecord run) =>
        _sql.Execute("""
            UPDATE etl_run SET status = @status, finished_at = @finished, rows_read = @read, rows_outside_window = @outside,
                rows_loaded = @loaded, rows_quarantined = @quarantined, rows_replaced = @replaced, dst_ambiguous = @ambiguous,
                dst_skipped = @skipped, dst_rejected = @rejected, kpi_values = @kpis, extract_load_ms = @extract, merge_ms = @merge,
                measure_ms = @measure, publish_ms = @publish, error = @error
            WHERE run_id = @id
            """,
            ("id", run.RunId), ("status", run.Status), ("finished", run.FinishedAt?.ToDateTimeUtc()), ("read", run.RowsRead),
            ("outside", run.RowsOutsideWindow), ("loaded", run.RowsLoaded), ("quarantined", run.RowsQuarantined), ("replaced", run.RowsReplaced),
            ("ambiguous", run.DstAmbiguous), ("skipped", run.DstSkipped), ("rejected", run.DstRejected), ("kpis", run.KpiValues),
            ("extract", run.ExtractLoadMs), ("merge", run.MergeMs), ("measure", run.MeasureMs), ("publish", run.PublishMs), ("error", run.Error));

    public IReadOnlyList<RunRecord> Recent(string? pipeline, int count)
    {
        string sql = _dialect.Top("""
            run_id, pipeline, status, started_at, finished_at, window_from, window_to, rows_read, rows_loaded, rows_quarantined,
                   rows_replaced, dst_ambiguous, dst_skipped, dst_rejected, dst_policy, tzdb_version, kpi_values,
                   extract_load_ms, merge_ms, measure_ms, publish_ms, error, rows_outside_window, "trigger", scheduled_for
            FROM etl_run WHERE pipeline = @pipeline OR @all = 1
            """, "started_at DESC", "@count");
        return _sql.Rows(sql, ("pipeline", pipeline ?? ""), ("all", pipeline is null ? 1 : 0), ("count", count))
            .Select(r => new RunRecord
            {
                RunId = r.GetString(0),
                Pipeline = r.GetString(1),
                Status = r.GetString(2),
                StartedAt = Instant.FromDateTimeUtc(Read.Utc(r, 3)),
                FinishedAt = r.IsDBNull(4) ? null : Instant.FromDateTimeUtc(Read.Utc(r, 4)),
                WindowFrom = Read.NullableDate(r, 5) is { } f ? LocalDate.FromDateOnly(f) : null,
                WindowTo = Read.NullableDate(r, 6) is { } t ? LocalDate.FromDateOnly(t) : null,
                RowsRead = Read.Long(r, 7),
                RowsLoaded = Read.Long(r, 8),
                RowsQuarantined = Read.Long(r, 9),
                RowsReplaced = Read.Long(r, 10),
                DstAmbiguous = Read.Long(r, 11),
                DstSkipped = Read.Long(r, 12),
                DstRejected = Read.Long(r, 13),
                DstPolicy = r.GetString(14),
                TzdbVersion = r.GetString(15),
                KpiValues = Read.Long(r, 16),
                ExtractLoadMs = Read.Long(r, 17),
                MergeMs = Read.Long(r, 18),
                MeasureMs = Read.Long(r, 19),
                PublishMs = Read.Long(r, 20),
                Error = Read.NullableText(r, 21),
                RowsOutsideWindow = Read.Long(r, 22),
                Trigger = Read.NullableText(r, 23) ?? "manual",
                ScheduledFor = r.IsDBNull(24) ? null : Instant.FromDateTimeUtc(Read.Utc(r, 24)),
            })
            .ToList();
    }

    public Instant? LastScheduledOccurrence(string pipeline)
    {
        foreach (DbDataReader r in _sql.Rows(
            "SELECT max(scheduled_for) FROM etl_run WHERE pipeline = @p AND \"trigger\" = 'scheduled' AND status = 'succeeded'", ("p", pipeline)))
        {
            return r.IsDBNull(0) ? null : Instant.FromDateTimeUtc(Read.Utc(r, 0));
        }

        return null;
    }
}
