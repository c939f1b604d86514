using DuckDB.NET.Data;
using NodaTime;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.DuckDb;

internal sealed class DuckDbRunLog : IRunLog
{
    private readonly DuckDBConnection _connection;

    public DuckDbRunLog(DuckDBConnection connection) => _connection = connection;

    public void Started(RunRecord run) =>
        _connection.Execute("""
            INSERT INTO etl_run (run_id, pipeline, status, started_at, window_from, window_to, dst_policy, tzdb_version)
            VALUES ($id, $pipeline, $status, $started, $from, $to, $policy, $tzdb)
            """,
            ("id", run.RunId), ("pipeline", run.Pipeline), ("status", run.Status), ("started", run.StartedAt.ToDateTimeUtc()),
            ("from", run.WindowFrom?.ToDateOnly()), ("to", run.WindowTo?.ToDateOnly()), ("policy", run.DstPolicy), ("tzdb", run.TzdbVersion));

    public void Finished(RunRecord run) =>
        _connection.Execute("""
            UPDATE etl_run SET status = $status, finished_at = $finished, rows_read = $read, rows_outside_window = $outside, rows_loaded = $loaded,
                rows_quarantined = $quarantined, rows_replaced = $replaced, dst_ambiguous = $ambiguous, dst_skipped = $skipped,
                dst_rejected = $rejected, kpi_values = $values, extract_load_ms = $extract, merge_ms = $merge,
                measure_ms = $measure, publish_ms = $publish, error = $error
            WHERE run_id = $id
            """,
            ("id", run.RunId), ("status", run.Status), ("finished", run.FinishedAt?.ToDateTimeUtc()), ("read", run.RowsRead), ("outside", run.RowsOutsideWindow),
            ("loaded", run.RowsLoaded), ("quarantined", run.RowsQuarantined), ("replaced", run.RowsReplaced),
            ("ambiguous", run.DstAmbiguous), ("skipped", run.DstSkipped), ("rejected", run.DstRejected), ("values", run.KpiValues),
            ("extract", run.ExtractLoadMs), ("merge", run.MergeMs), ("measure", run.MeasureMs), ("publish", run.PublishMs), ("error", run.Error));

    public IReadOnlyList<RunRecord> Recent(string? pipeline, int count)
    {
        using DuckDBCommand command = _connection.Command("""
            SELECT run_id, pipeline, status, started_at, finished_at, window_from, window_to, rows_read, rows_loaded, rows_quarantined,
                   rows_replaced, dst_ambiguous, dst_skipped, dst_rejected, dst_policy, tzdb_version, kpi_values,
                   extract_load_ms, merge_ms, measure_ms, publish_ms, error, rows_outside_window
            FROM etl_run WHERE $pipeline IS NULL OR pipeline = $pipeline
            ORDER BY started_at DESC LIMIT $count
            """, ("pipeline", pipeline), ("count", count));
        using var r = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (r.Read())
        {
            runs.Add(new RunRecord
            {
                RunId = r.GetString(0),
                Pipeline = r.GetString(1),
                Status = r.GetString(2),
                StartedAt = Utc(r.GetDateTime(3)),
                FinishedAt = r.IsDBNull(4) ? null : Utc(r.GetDateTime(4)),
                WindowFrom = r.IsDBNull(5) ? null : LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(5)),
                WindowTo = r.IsDBNull(6) ? null : LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(6)),
                RowsRead = Long(r, 7),
                RowsLoaded = Long(r, 8),
                RowsQuarantined = Long(r, 9),
                RowsReplaced = Long(r, 10),
                DstAmbiguous = Long(r, 11),
                DstSkipped = Long(r, 12),
                DstRejected = Long(r, 13),
                DstPolicy = r.GetString(14),
                TzdbVersion = r.GetString(15),
                KpiValues = Long(r, 16),
                ExtractLoadMs = Long(r, 17),
                MergeMs = Long(r, 18),
                MeasureMs = Long(r, 19),
                PublishMs = Long(r, 20),
                Error = r.IsDBNull(21) ? null : r.GetString(21),
                RowsOutsideWindow = Long(r, 22),
            });
        }

        return runs;
    }

    private static Instant Utc(DateTime value) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static long Long(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
