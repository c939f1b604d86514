using System.Data.Common;
using System.Globalization;
using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// Loads one window through the engine's bulk path, then merges in a single transaction: the window's partitions (and
/// any declaration that moved into it) are replaced, so a re-run never duplicates and a declaration whose release
/// arrived later is updated in place. Within the window the first row of a declaration id wins; later copies go to
/// quarantine naming the kept row. Where the bulk path writes inside the connection's transaction (DuckDB) the rows go
/// straight into the fact with the transaction open from the start (<see cref="InPlaceMergeSql"/>); elsewhere they go
/// to staging tables and <see cref="MergeSql"/> copies them. Rows reach the bulk path through a
/// <see cref="WriterThread{T}"/>, so appending overlaps with normalising.
/// </summary>
internal sealed class SqlDeclarationLoad : IDeclarationLoad
{
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly RunContext _run;
    private readonly IRowAppender _declarations;
    private readonly IRowAppender? _candidates;
    private readonly SeenIds? _seen;
    private readonly IRowAppender _quarantine;
    private readonly DbConnection? _side;
    private readonly WriterThread<StagedRow> _writer;
    private readonly DateTime _now;
    private readonly (string, object?)[] _parameters;
    private readonly InPlaceMergeSql? _inPlace;
    private readonly long _replacedBefore;
    private long _quarantined;
    private long _appended;
    private long _staged;
    private bool _finished;

    private readonly SqlWarehouse _warehouse;

    public SqlDeclarationLoad(DbConnection connection, SqlCommands sql, ISqlDialect dialect, RunContext run, SqlWarehouse warehouse)
    {
        _warehouse = warehouse;
        _sql = sql;
        _dialect = dialect;
        _run = run;
        _now = run.StartedAt.ToDateTimeUtc();
        _parameters = LoadParameters.Of(run, _now);
        string target = "stg_declaration";
        if (dialect.AppendsJoinTransaction)
        {
            // The transaction spans the whole load: the window is emptied first and refilled by the appender, and
            // other connections see the old partitions until the commit.
            _inPlace = new InPlaceMergeSql(dialect);
            target = "fact_declaration";
            _sql.Begin();
        }

        try
        {
            _replacedBefore = _inPlace is null ? 0 : _sql.Execute(_run.Window.IsFull ? _inPlace.Shared.DeleteAll : _inPlace.DeleteWindowDates, _parameters);
            _sql.Execute(dialect.Truncate("stg_declaration"));
            _sql.Execute(dialect.Truncate("stg_quarantine"));
            _declarations = dialect.OpenAppender(connection, null, target, FactColumns.Declaration.Types());
            if (_inPlace is not null)
            {
                // Possible later copies of an id wait in staging (see InPlaceMergeSql); it stays empty unless there are any.
                _seen = new SeenIds();
                _candidates = dialect.OpenAppender(connection, null, "stg_declaration", FactColumns.Declaration.Types());
            }

            // Rows are refused while declarations stream in: engines that cannot run two bulk appends on one
            // connection give the quarantine its own.
            _side = dialect.SideConnection(connection);
            _quarantine = dialect.OpenAppender(_side ?? connection, null, "stg_quarantine", FactColumns.Quarantine.Types());
        }
        catch
        {
            // A load that could not start leaves no transaction open behind it.
            if (_inPlace is not null)
            {
                _sql.Rollback();
            }

            throw;
        }

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
            if (_seen is null || _seen.Add(d.DeclarationId))
            {
                Append(_declarations, d);
                _appended++;
            }
            else
            {
                Append(_candidates!, d);
                _staged++;
            }
        }
        else
        {
            Append(row.Quarantine!);
        }
    }

    private void Append(IRowAppender target, NormalisedDeclaration d)
    {
        // Column order is FactColumns.Declaration, that of every engine's fact_declaration.
        target
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
        _candidates?.Complete();
        _candidates?.Dispose();
        _quarantine.Complete();
        _quarantine.Dispose();
        _side?.Dispose();
        if (_inPlace is null)
        {
            _sql.Begin();
        }

        try
        {
            LoadResult result = _inPlace is null ? MergeStaged() : MergeInPlace(_inPlace);
            _sql.Execute(_dialect.Truncate("stg_quarantine"));
            _sql.Commit();
            _finished = true;
            _warehouse.EnsureDates(result.YearsTouched);
            return result;
        }
        catch
        {
            _sql.Rollback();
            _finished = true;
            throw;
        }
    }

    private LoadResult MergeStaged()
    {
        var merge = new MergeSql(_dialect);
        (string, object?)[] p = _parameters;
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
        List<int> years = Years(merge);
        _sql.Execute(_dialect.Truncate("stg_declaration"));
        return new LoadResult(loaded, _quarantined + duplicates, replaced, years);
    }

    /// <summary>The rows are in the fact already: candidates are settled, moved declarations leave, the bookkeeping follows.</summary>
    private LoadResult MergeInPlace(InPlaceMergeSql merge)
    {
        (string, object?)[] p = _parameters;
        long duplicates = 0;
        long inserted = 0;
        if (_staged > 0)
        {
            duplicates = _sql.Execute(merge.QuarantineCandidates, p);
            inserted = _sql.Execute(merge.InsertFirstCandidates, p);
        }

        long replaced = _replacedBefore + (_run.Window.IsFull ? 0 : _sql.Execute(merge.DeleteMoved, p));
        _sql.Execute(_run.Window.IsFull ? merge.DeleteAllQuarantine : merge.Shared.DeleteQuarantine, p);
        _sql.Execute(merge.Shared.InsertQuarantine, p);
        _sql.Execute(merge.Shared.DeletePartitions, p);
        _sql.Execute(merge.Shared.InsertPartitionsFromStaging, p);
        Checkpoints.Reach(Checkpoints.Merge);
        _sql.Execute(merge.Shared.DeleteTraders, p);
        _sql.Execute(merge.Shared.InsertTraders, p);
        List<int> years = Years(merge.Shared);
        _sql.Execute(_dialect.Truncate("stg_declaration"));
        return new LoadResult(_appended + inserted, _quarantined + duplicates, replaced, years);
    }

    private List<int> Years(MergeSql merge) => _sql.Rows(merge.StagedYears, _parameters)
        .Select(r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).Order().ToList();

    public void Dispose()
    {
        // Uncommitted, nothing becomes visible: staged rows never reached the fact, and rows appended in place are
        // rolled back with the transaction the load opened. The writer stops first, so no thread appends while the
        // appenders are disposed, and the transaction ends only after the appenders.
        _writer.Dispose();
        _declarations.Dispose();
        _candidates?.Dispose();
        _quarantine.Dispose();
        _side?.Dispose();
        if (_inPlace is not null && !_finished)
        {
            _sql.Rollback();
            _finished = true;
        }
    }

    /// <summary>A declaration or a refused row, in the order the run met them.</summary>
    private readonly record struct StagedRow(NormalisedDeclaration? Declaration, QuarantineEntry? Quarantine);

    private static DateTime? Utc(Instant? instant) => instant?.ToDateTimeUtc();

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] + "…" : text;
}
