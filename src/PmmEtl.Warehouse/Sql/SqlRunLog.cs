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
        return _sql.Query<RunRow>(sql, ("pipeline", pipeline ?? ""), ("all", pipeline is null ? 1 : 0), ("count", count))
            .Select(r => new RunRecord
            {
                RunId = r.RunId,
                Pipeline = r.Pipeline,
                Status = r.Status,
                StartedAt = Read.UtcInstant(r.StartedAt),
                FinishedAt = Read.UtcInstant(r.FinishedAt),
                WindowFrom = r.WindowFrom is { } f ? LocalDate.FromDateOnly(f) : null,
                WindowTo = r.WindowTo is { } t ? LocalDate.FromDateOnly(t) : null,
                RowsRead = r.RowsRead,
                RowsLoaded = r.RowsLoaded,
                RowsQuarantined = r.RowsQuarantined,
                RowsReplaced = r.RowsReplaced,
                DstAmbiguous = r.DstAmbiguous,
                DstSkipped = r.DstSkipped,
                DstRejected = r.DstRejected,
                DstPolicy = r.DstPolicy,
                TzdbVersion = r.TzdbVersion,
                KpiValues = r.KpiValues,
                ExtractLoadMs = r.ExtractLoadMs,
                MergeMs = r.MergeMs,
                MeasureMs = r.MeasureMs,
                PublishMs = r.PublishMs,
                Error = r.Error,
                RowsOutsideWindow = r.RowsOutsideWindow,
                Trigger = r.Trigger ?? "manual",
                ScheduledFor = Read.UtcInstant(r.ScheduledFor),
            })
            .ToList();
    }

    public Instant? LastScheduledOccurrence(string pipeline) =>
        Read.UtcInstant(_sql.Query<DateTime?>(
            "SELECT max(scheduled_for) FROM etl_run WHERE pipeline = @p AND \"trigger\" = 'scheduled' AND status = 'succeeded'", ("p", pipeline))
            .FirstOrDefault());

    /// <summary>
    /// One <c>etl_run</c> row as the engines return it. Counters a run has not written yet are NULL and read as 0; an
    /// older run has no trigger.
    /// </summary>
    private sealed class RunRow
    {
        public string RunId { get; init; } = "";
        public string Pipeline { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime StartedAt { get; init; }
        public DateTime? FinishedAt { get; init; }
        public DateOnly? WindowFrom { get; init; }
        public DateOnly? WindowTo { get; init; }
        public long RowsRead { get; init; }
        public long RowsLoaded { get; init; }
        public long RowsQuarantined { get; init; }
        public long RowsReplaced { get; init; }
        public long DstAmbiguous { get; init; }
        public long DstSkipped { get; init; }
        public long DstRejected { get; init; }
        public string DstPolicy { get; init; } = "";
        public string TzdbVersion { get; init; } = "";
        public long KpiValues { get; init; }
        public long ExtractLoadMs { get; init; }
        public long MergeMs { get; init; }
        public long MeasureMs { get; init; }
        public long PublishMs { get; init; }
        public string? Error { get; init; }
        public long RowsOutsideWindow { get; init; }
        public string? Trigger { get; init; }
        public DateTime? ScheduledFor { get; init; }
    }
}
