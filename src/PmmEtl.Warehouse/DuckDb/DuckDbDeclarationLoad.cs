using DuckDB.NET.Data;
using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>
/// Loads one window through DuckDB's appender into staging tables, then merges in a single transaction:
/// the window's partitions (and any declaration that moved into it) are replaced, so a re-run never
/// duplicates and a declaration whose release arrived later is updated in place. Within the window the
/// first row of a declaration id wins; later copies go to quarantine.
/// </summary>
internal sealed class DuckDbDeclarationLoad : IDeclarationLoad
{
    private readonly DuckDBConnection _connection;
    private readonly RunContext _run;
    private readonly DuckDBAppender _declarations;
    private readonly DuckDBAppender _quarantine;
    private readonly DateTime _now;
    private long _added;
    private long _quarantined;
    private bool _committed;

    public DuckDbDeclarationLoad(DuckDBConnection connection, RunContext run)
    {
        _connection = connection;
        _run = run;
        _now = run.StartedAt.ToDateTimeUtc();
        _connection.Execute("DELETE FROM stg_declaration; DELETE FROM stg_quarantine;");
        _declarations = connection.CreateAppender("stg_declaration");
        _quarantine = connection.CreateAppender("stg_quarantine");
    }

    public void Add(NormalisedDeclaration d)
    {
        // Column order is that of sql/duckdb/002_declaration_fact.sql.
        _declarations.CreateRow()
            .AppendValue(d.DeclarationId)
            .AppendValue(d.DeclarationType)
            .AppendValue(d.Direction)
            .AppendValue(d.OfficeCode)
            .AppendValue(d.BusinessDate.ToDateOnly())
            .AppendValue((int?)((d.BusinessDate.Year * 10000) + (d.BusinessDate.Month * 100) + d.BusinessDate.Day))
            .AppendValue(d.ModeOfTransport)
            .AppendValue(d.ControlChannel)
            .AppendValue(d.TraderId)
            .AppendValue((bool?)d.Aeo)
            .AppendValue((bool?)d.PreArrival)
            .AppendValue((bool?)d.Ecommerce)
            .AppendValue((bool?)d.LowRisk)
            .AppendValue(d.SubmissionChannel)
            .AppendValue((bool?)d.Electronic)
            .AppendValue((bool?)d.ImmediateRelease)
            .AppendValue(Utc(d.ArrivalAt))
            .AppendValue(Utc(d.LodgedAt))
            .AppendValue(Utc(d.OgaPermitAt))
            .AppendValue(Utc(d.InspectionStartAt))
            .AppendValue(Utc(d.InspectionEndAt))
            .AppendValue(Utc(d.ClearedAt))
            .AppendValue(Utc(d.ReleasedAt))
            .AppendValue(Utc(d.LoadedAt))
            .AppendValue(d.ArrivalToRelease?.TotalMinutes)
            .AppendValue(d.ArrivalToRelease?.BusinessMinutes)
            .AppendValue(d.ArrivalToRelease?.OgaMinutes)
            .AppendValue(d.ArrivalToRelease?.CustomsMinutes)
            .AppendValue(d.LodgementToLoading?.TotalMinutes)
            .AppendValue(d.LodgementToLoading?.BusinessMinutes)
            .AppendValue(d.LodgementToLoading?.OgaMinutes)
            .AppendValue(d.LodgementToLoading?.CustomsMinutes)
            .AppendValue(d.ArrivalToLoading?.TotalMinutes)
            .AppendValue(d.ArrivalToLoading?.BusinessMinutes)
            .AppendValue(d.ArrivalToLoading?.OgaMinutes)
            .AppendValue(d.ArrivalToLoading?.CustomsMinutes)
            .AppendValue(d.LodgementToClearanceMinutes)
            .AppendValue(d.SourceName)
            .AppendValue((long?)d.SourceRow)
            .AppendValue(_run.RunId)
            .EndRow();
        _added++;
    }

    public void Quarantine(QuarantineEntry q)
    {
        _quarantine.CreateRow()
            .AppendValue(_run.Pipeline)
            .AppendValue(q.RecordType)
            .AppendValue(q.SourceName)
            .AppendValue((long?)q.RowNumber)
            .AppendValue(q.SourceKey)
            .AppendValue(q.BusinessDateRaw)
            .AppendValue(q.Field)
            .AppendValue(Truncate(q.Reason))
            .AppendValue(Truncate(q.RawValue))
            .AppendValue(_run.RunId)
            .AppendValue((DateTime?)_now)
            .EndRow();
        _quarantined++;
    }

    public LoadResult Commit()
    {
        _declarations.Close();
        _quarantine.Close();
        (string, object?)[] p =
        [
            ("pipeline", _run.Pipeline),
            ("from", DateOnly.Parse(_run.Window.FromText, System.Globalization.CultureInfo.InvariantCulture)),
            ("to", DateOnly.Parse(_run.Window.ToText, System.Globalization.CultureInfo.InvariantCulture)),
            ("run", _run.RunId),
            ("now", _now),
        ];

        using DuckDBTransaction transaction = _connection.BeginTransaction();

        // Later copies of a declaration id within the window are refused, naming the row that was kept.
        long duplicates = _connection.Execute("""
            INSERT INTO stg_quarantine
            SELECT $pipeline, 'declaration', source_name, source_row, declaration_id, strftime(business_date, '%Y-%m-%d'),
                   'declaration_id', 'duplicate declaration id: the row ' || first_row || ' of this source was kept', declaration_id, $run, $now
            FROM (SELECT declaration_id, source_name, source_row, business_date,
                         row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy,
                         min(source_row) OVER (PARTITION BY declaration_id) AS first_row
                  FROM stg_declaration)
            WHERE copy > 1
            """, p);

        long replaced = _connection.Execute("""
            DELETE FROM fact_declaration
            WHERE (business_date >= $from AND business_date < $to)
               OR declaration_id IN (SELECT declaration_id FROM stg_declaration)
            """, p);

        long loaded = _connection.Execute("""
            INSERT INTO fact_declaration
            SELECT * EXCLUDE (copy) FROM (
                SELECT *, row_number() OVER (PARTITION BY declaration_id ORDER BY source_row) AS copy FROM stg_declaration)
            WHERE copy = 1
            """);

        _connection.Execute("""
            DELETE FROM dq_quarantine
            WHERE pipeline = $pipeline AND record_type = 'declaration'
              AND ((business_date_raw >= strftime($from, '%Y-%m-%d') AND business_date_raw < strftime($to, '%Y-%m-%d'))
                   OR source_key IN (SELECT declaration_id FROM stg_declaration)
                   OR source_key IN (SELECT source_key FROM stg_quarantine WHERE source_key IS NOT NULL))
            """, p);
        _connection.Execute("INSERT INTO dq_quarantine SELECT * FROM stg_quarantine");

        _connection.Execute("""
            INSERT OR REPLACE INTO etl_partition
            SELECT $pipeline, office_code, business_date, 'done', $run, count(*), $now
            FROM fact_declaration WHERE run_id = $run
            GROUP BY office_code, business_date
            """, p);

        _connection.Execute("""
            INSERT OR REPLACE INTO dim_trader
            SELECT trader_id, arg_max(is_aeo, business_date), max(business_date)
            FROM stg_declaration WHERE trader_id IS NOT NULL GROUP BY trader_id
            """);

        var years = new List<int>();
        using (DuckDBCommand command = _connection.Command("SELECT DISTINCT year(business_date) FROM stg_declaration ORDER BY 1"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                years.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach (int year in years)
        {
            DuckDbDates.EnsureYear(_connection, year);
        }

        _connection.Execute("DELETE FROM stg_declaration; DELETE FROM stg_quarantine;");
        transaction.Commit();
        _committed = true;
        return new LoadResult(loaded, _quarantined + duplicates, replaced, years);
    }

    public void Dispose()
    {
        if (!_committed)
        {
            // Nothing staged becomes visible: the fact tables were never touched.
            _declarations.Dispose();
            _quarantine.Dispose();
        }
    }

    private static DateTime? Utc(Instant? instant) => instant?.ToDateTimeUtc();

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] + "…" : text;
}
