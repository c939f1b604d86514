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
/// Rows reach the bulk path through a <see cref="WriterThread{T}"/>, so appending overlaps with normalising.
/// </summary>
internal sealed class SqlDeclarationLoad : IDeclarationLoad
{
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly RunContext _run;
    private readonly IRowAppender _declarations;
    private readonly IRowAppender _quarantine;
    private readonly DbConnection? _side;
    private readonly WriterThread<StagedRow> _writer;
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
        _writer = new WriterThread<StagedRow>(Write, "pmm-etl bulk append");
    }

    public void Add(NormalisedDeclaration d) => _writer.Add(new StagedRow(d, null));

    public void Quarantine(QuarantineEntry q)
    {
        _writer.Add(new StagedRow(null, q));
        _quarantined++;
    }

    private void Write(StagedRow row)
    {
        if (row.Declaration is { } d)
        {
            Append(d);
        }
        else
        {
            Append(row.Quarantine!);
        }
    }

    private void Append(NormalisedDeclaration d)
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

    private void Append(QuarantineEntry q)
    {
        _quarantine
            .Text(_run.Pipeline).Text(q.RecordType).Text(q.SourceName).Long(q.RowNumber).Text(q.SourceKey).Text(q.BusinessDateRaw)
            .Text(q.Field).Text(Truncate(q.Reason)).Text(Truncate(q.RawValue)).Text(_run.RunId).Timestamp(_now)
            .EndRow();
    }

    public LoadResult Commit()
    {
        // Every row written, then both bulk paths completed and released before the merge: PostgreSQL keeps the
        // connection until disposal.
        _writer.Complete();
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
        var merge = new MergeSql(_dialect);
        _sql.Begin();
        try
        {
            // The general statements handle duplicated ids and declarations moving between dates; when a full load or
            // a clean window makes that impossible, simpler ones that need no search over every staged id do the same.
            long duplicates = _sql.Execute(merge.QuarantineDuplicates, p);
            long replaced = _sql.Execute(_run.Window.IsFull ? merge.DeleteAll : merge.DeleteWindow, p);
            long loaded = _sql.Execute(duplicates == 0 ? merge.InsertAllFacts : merge.InsertFacts, p);
            _sql.Execute(merge.DeleteQuarantine, p);
            _sql.Execute(merge.InsertQuarantine, p);
            // Partition states: replaced for every office × date this run loaded.
            _sql.Execute(merge.DeletePartitions, p);
            _sql.Execute(duplicates == 0 ? merge.InsertPartitionsFromStaging : merge.InsertPartitions, p);
            Checkpoints.Reach(Checkpoints.Merge);
            _sql.Execute(merge.DeleteTraders, p);
            _sql.Execute(merge.InsertTraders, p);

            List<int> years = _sql.Rows(merge.StagedYears)
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
        // Uncommitted, nothing staged becomes visible: the fact tables were never touched. The writer stops first,
        // so no thread appends while the appenders are disposed.
        _writer.Dispose();
        _declarations.Dispose();
        _quarantine.Dispose();
        _side?.Dispose();
    }

    /// <summary>A declaration or a refused row, in the order the run met them.</summary>
    private readonly record struct StagedRow(NormalisedDeclaration? Declaration, QuarantineEntry? Quarantine);

    private static DateTime? Utc(Instant? instant) => instant?.ToDateTimeUtc();

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] + "…" : text;
}
