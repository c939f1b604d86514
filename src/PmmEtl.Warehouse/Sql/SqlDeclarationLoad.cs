using System.Data.Common;
using System.Globalization;
using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// Loads one window through the engine's bulk path into staging tables, then merges in a single transaction:
/// the window's partitions (and any declaration that moved into it) are replaced, so a re-run never duplicates
/// and a declaration whose release arrived later is updated in place. Within the window the first row of a
/// declaration id wins; later copies go to quarantine naming the kept row. The same SQL runs on every engine.
/// </summary>
internal sealed class SqlDeclarationLoad : IDeclarationLoad
{
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly RunContext _run;
    private readonly IRowAppender _declarations;
    private readonly IRowAppender _quarantine;
    private readonly DbConnection? _side;
    private readonly DateTime _now;
    private long _quarantined;

    private readonly SqlWarehouse _warehouse;

    public SqlDeclarationLoad(DbConnection connection, SqlCommands sql, ISqlDialect dialect, RunContext run, SqlWarehouse warehouse)
    {
        _warehouse = warehouse;
        _sql = sql;
        _dialect = dialect;
        _run = run;
        _now = run.StartedAt.ToDateTimeUtc();
        _sql.Execute(dialect.Truncate("stg_declaration"));
        _sql.Execute(dialect.Truncate("stg_quarantine"));
        _declarations = dialect.OpenAppender(connection, null, "stg_declaration", FactColumns.Declaration.Types());
        // Rows are refused while declarations stream in: engines that cannot run two bulk appends on one
        // connection give the quarantine its own.
        _side = dialect.SideConnection(connection);
        _quarantine = dialect.OpenAppender(_side ?? connection, null, "stg_quarantine", FactColumns.Quarantine.Types());
    }

    public void Add(NormalisedDeclaration d)
    {
        // Column order is FactColumns.Declaration, that of every engine's fact_declaration.
        _declarations
            .Text(d.DeclarationId).Text(d.DeclarationType).Text(d.Direction).Text(d.OfficeCode)
            .Date(d.BusinessDate.ToDateOnly())
            .Int((d.BusinessDate.Year * 10000) + (d.BusinessDate.Month * 100) + d.BusinessDate.Day)
            .Text(d.ModeOfTransport).Text(d.ControlChannel).Text(d.TraderId)
            .Bool(d.Aeo).Bool(d.PreArrival).Bool(d.Ecommerce).Bool(d.LowRisk).Text(d.SubmissionChannel).Bool(d.Electronic).Bool(d.ImmediateRelease)
            .Timestamp(Utc(d.ArrivalAt)).Timestamp(Utc(d.LodgedAt)).Timestamp(Utc(d.OgaPermitAt)).Timestamp(Utc(d.InspectionStartAt))
            .Timestamp(Utc(d.InspectionEndAt)).Timestamp(Utc(d.ClearedAt)).Timestamp(Utc(d.ReleasedAt)).Timestamp(Utc(d.LoadedAt))
            .Double(d.ArrivalToRelease?.TotalMinutes).Double(d.ArrivalToRelease?.BusinessMinutes)
            .Double(d.ArrivalToRelease?.OgaMinutes).Double(d.ArrivalToRelease?.CustomsMinutes)
            .Double(d.LodgementToLoading?.TotalMinutes).Double(d.LodgementToLoading?.BusinessMinutes)
            .Double(d.LodgementToLoading?.OgaMinutes).Double(d.LodgementToLoading?.CustomsMinutes)
            .Double(d.ArrivalToLoading?.TotalMinutes).Double(d.ArrivalToLoading?.BusinessMinutes)
            .Double(d.ArrivalToLoading?.OgaMinutes).Double(d.ArrivalToLoading?.CustomsMinutes)
            .Double(d.LodgementToClearanceMinutes)
            .Text(d.SourceName).Long(d.SourceRow).Text(_run.RunId)
            .EndRow();
    }

    public void Quarantine(QuarantineEntry q)
    {
        _quarantine
            .Text(_run.Pipeline).Text(q.RecordType).Text(q.SourceName).Long(q.RowNumber).Text(q.SourceKey).Text(q.BusinessDateRaw)
            .Text(q.Field).Text(Truncate(q.Reason)).Text(Truncate(q.RawValue)).Text(_run.RunId).Timestamp(_now)
            .EndRow();
        _quarantined++;
    }

    public LoadResult Commit()
    {
        // Complete and release both bulk paths before the merge: PostgreSQL keeps the connection until disposal.
        _declarations.Complete();
        _declarations.Dispose();
        _quarantine.Complete();
        _quarantine.Dispose();
        _side?.Dispose();
        (string, object?)[] p =
        [
            ("pipeline", _run.Pipeline),
            ("from", DateOnly.Parse(_run.Window.FromText, CultureInfo.InvariantCulture)),
            ("to", DateOnly.Parse(_run.Window.ToText, CultureInfo.InvariantCulture)),
            ("fromText", _run.Window.FromText),
            ("toText", _run.Window.ToText),
            ("run", _run.RunId),
            ("now", _now),
        ];
        string columns = FactColumns.Declaration.Names();

        _sql.Begin();
        try
        {
            long duplicates = _sql.Execute($"""
                INSERT INTO stg_quarantine ({FactColumns.Quarantine.Names()})
                SELECT @pipeline, 'declaration', source_name, source_row, declaration_id, {_dialect.DateText("business_date")},
                       'declaration_id', CONCAT('duplicate declaration id: the row ', first_row, ' of this source was kept'), declaration_id, @run, @now
                FROM (SELECT declaration_id, source_name, source_row, business_date,
                             row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy,
                             min(source_row) OVER (PARTITION BY declaration_id) AS first_row
                      FROM stg_declaration) d
                WHERE copy > 1
                """, p);

            long replaced = _sql.Execute("""
                DELETE FROM fact_declaration
                WHERE (business_date >= @from AND business_date < @to)
                   OR declaration_id IN (SELECT declaration_id FROM stg_declaration)
                """, p);

            long loaded = _sql.Execute($"""
                INSERT INTO fact_declaration ({columns})
                SELECT {columns} FROM (
                    SELECT s.*, row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy FROM stg_declaration s) d
                WHERE copy = 1
                """);

            _sql.Execute("""
                DELETE FROM dq_quarantine
                WHERE pipeline = @pipeline AND record_type = 'declaration'
                  AND ((business_date_raw >= @fromText AND business_date_raw < @toText)
                       OR source_key IN (SELECT declaration_id FROM stg_declaration)
                       OR source_key IN (SELECT source_key FROM stg_quarantine WHERE source_key IS NOT NULL))
                """, p);
            _sql.Execute($"INSERT INTO dq_quarantine ({FactColumns.Quarantine.Names()}) SELECT {FactColumns.Quarantine.Names()} FROM stg_quarantine");

            // Partition states: replaced for every office × date this run loaded.
            _sql.Execute("""
                DELETE FROM etl_partition
                WHERE pipeline = @pipeline
                  AND EXISTS (SELECT 1 FROM stg_declaration s WHERE s.office_code = etl_partition.office_code AND s.business_date = etl_partition.business_date)
                """, p);
            _sql.Execute("""
                INSERT INTO etl_partition (pipeline, office_code, business_date, state, run_id, rows_loaded, updated_at)
                SELECT @pipeline, office_code, business_date, 'done', @run, count(*), @now
                FROM fact_declaration WHERE run_id = @run
                GROUP BY office_code, business_date
                """, p);

            _sql.Execute("DELETE FROM dim_trader WHERE trader_id IN (SELECT trader_id FROM stg_declaration)");
            _sql.Execute($"""
                INSERT INTO dim_trader (trader_id, is_aeo, last_seen_date)
                SELECT trader_id, CASE WHEN max(CASE WHEN {_dialect.IsTrue("is_aeo")} THEN 1 ELSE 0 END) = 1 THEN {_dialect.BoolLiteral(true)} ELSE {_dialect.BoolLiteral(false)} END, max(business_date)
                FROM stg_declaration WHERE trader_id IS NOT NULL GROUP BY trader_id
                """);

            List<int> years = _sql.Rows($"SELECT DISTINCT period_year FROM (SELECT {_dialect.Year("business_date")} AS period_year FROM stg_declaration) y")
                .Select(r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).Order().ToList();

            _sql.Execute(_dialect.Truncate("stg_declaration"));
            _sql.Execute(_dialect.Truncate("stg_quarantine"));
            _sql.Commit();
            _warehouse.EnsureDates(years);
            return new LoadResult(loaded, _quarantined + duplicates, replaced, years);
        }
        catch
        {
            _sql.Rollback();
            throw;
        }
    }

    public void Dispose()
    {
        // Uncommitted, nothing staged becomes visible: the fact tables were never touched.
        _declarations.Dispose();
        _quarantine.Dispose();
        _side?.Dispose();
    }

    private static DateTime? Utc(Instant? instant) => instant?.ToDateTimeUtc();

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] + "…" : text;
}
