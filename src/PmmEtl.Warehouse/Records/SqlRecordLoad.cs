using System.Data.Common;
using System.Globalization;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Records;

/// <summary>
/// Loads one record type for one run through the engine's bulk path, then merges in a single transaction, the same for
/// every type: the window's rows (and any row whose key was read again) are replaced, so a re-run never duplicates and a
/// declaration whose release arrived later is updated in place; within the load the first row of a key wins and later
/// copies go to quarantine naming the kept row. A type loaded in place (<see cref="RecordSchema.AppendsInPlace"/>) on an
/// engine whose bulk path writes inside the connection's transaction (DuckDB's appender, PostgreSQL's COPY) goes straight into its table with the
/// transaction open from the start (<see cref="InPlaceMergeSql"/>); everything else goes to its staging table and
/// <see cref="RecordMergeSql"/> copies it. Rows reach the bulk path through a <see cref="WriterThread{T}"/>, so appending
/// overlaps with normalising; values go from the row's typed slots to the column vectors unboxed. Nothing is visible
/// before <see cref="Commit"/>. One load at a time per warehouse: it owns the staging tables while it is open.
/// </summary>
internal sealed class SqlRecordLoad : IRecordLoad
{
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly RunContext _run;
    private readonly RecordSchema _type;
    private readonly ColumnWriter[] _writers;
    private readonly IRowAppender _records;
    private readonly IRowAppender? _candidates;
    private readonly SeenIds? _seen;
    private readonly int _keyField;
    private readonly int[] _keyFields;
    private readonly List<(string Name, long Row)> _shadowed = [];
    private readonly IRowAppender _quarantine;
    private readonly DbConnection? _side;
    private readonly DbConnection? _candidateSide;
    private readonly WriterThread<StagedRow> _writer;
    private readonly DateTime _now;
    private readonly (string, object?)[] _parameters;
    private readonly RecordMergeSql _merge;
    private readonly InPlaceMergeSql? _inPlace;
    private readonly long _replacedBefore;
    private readonly SqlWarehouse _warehouse;
    private readonly ICheckpoints _checkpoints;
    private SeenIds? _outside;
    private int _coveredFrom = int.MaxValue;
    private int _coveredTo = int.MinValue;
    private long _quarantined;
    private long _appended;
    private long _staged;
    private bool _finished;

    public SqlRecordLoad(DbConnection connection, SqlCommands sql, ISqlDialect dialect, RecordSchema type, RunContext run, SqlWarehouse warehouse, ICheckpoints checkpoints)
    {
        _warehouse = warehouse;
        _checkpoints = checkpoints;
        _sql = sql;
        _dialect = dialect;
        _run = run;
        _type = type;
        _now = run.StartedAt.ToDateTimeUtc();
        _parameters = LoadParameters.Of(run, _now);
        _writers = ColumnWriter.For(type);
        _keyField = type.IndexOf(type.Key[0]);
        _keyFields = [.. type.Key.Select(type.IndexOf)];
        _merge = new RecordMergeSql(dialect, type, run.Window);
        IReadOnlyList<ColumnType> types = RecordColumns.Of(type).Types();
        string target = RecordColumns.StagingTable(type);
        if (dialect.AppendsJoinTransaction && type.AppendsInPlace && type.Key.Count == 1)
        {
            // The transaction spans the whole load: the window is emptied first and refilled by the appender, and
            // other connections see the old rows until the commit.
            _inPlace = new InPlaceMergeSql(dialect, type, run.Window);
            target = RecordColumns.Table(type);
        }

        // Staging is scratch, emptied before the load's transaction opens: where it is filled through a side
        // connection (PostgreSQL's candidates), a TRUNCATE inside the transaction would hold its lock until the commit
        // and the side connection's COPY would wait on it for ever.
        foreach (string truncate in _merge.TruncateStaging)
        {
            _sql.Execute(truncate);
        }

        if (_inPlace is not null)
        {
            _sql.Begin();
        }

        try
        {
            _replacedBefore = _inPlace is null ? 0 : _sql.Execute(_inPlace.DeleteWindow, _parameters);
            _records = dialect.OpenAppender(connection, null, target, types);
            if (_inPlace is not null)
            {
                // Possible later copies of a key wait in staging (see InPlaceMergeSql); it stays empty unless there are any.
                // An engine whose bulk copy holds its connection until it ends (PostgreSQL) fills staging through a side
                // connection: the candidates are committed there before the merge reads them in the load's transaction.
                _seen = new SeenIds();
                _candidateSide = dialect.SideConnection(connection);
                _candidates = dialect.OpenAppender(_candidateSide ?? connection, null, RecordColumns.StagingTable(type), types);
            }

            // Rows are refused while records stream in: engines that cannot run two bulk appends on one connection give
            // the quarantine its own.
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

            _candidateSide?.Dispose();
            throw;
        }

        _writer = new WriterThread<StagedRow>(Write, "pmm-etl bulk append");
    }

    public void Add(RecordRow record) => _writer.Add(new StagedRow(OfThisType(record), null, OutsideWindow: false));

    // Through the writer, so the keys outside and the records inside are met in the order the source gave them.
    public void Outside(RecordRow record) => _writer.Add(new StagedRow(OfThisType(record), null, OutsideWindow: true));

    private RecordRow OfThisType(RecordRow record) => ReferenceEquals(record.Schema, _type)
        ? record
        : throw new ArgumentException($"a '{record.Schema.Name}' record cannot go into the '{_type.Name}' load", nameof(record));

    public void Quarantine(QuarantineEntry entry)
    {
        _writer.Add(new StagedRow(null, entry, OutsideWindow: false));
        _quarantined++;
    }

    private void Write(StagedRow row)
    {
        if (row.Record is not { } record)
        {
            Append(row.Quarantine!);
            return;
        }

        if (row.OutsideWindow)
        {
            // The filter is made at the first record outside the window: a query source, read within it, never needs one.
            (_outside ??= new SeenIds()).Add(KeyText(record));
            int day = (int)record.Word(_type.DateIndex);
            _coveredFrom = Math.Min(_coveredFrom, day);
            _coveredTo = Math.Max(_coveredTo, day);
            return;
        }

        // Read after a copy dated outside the window: the merge decides, from the table, whether this is a later copy.
        bool shadowed = _outside is not null && _outside.MayContain(KeyText(record));
        if (shadowed)
        {
            _shadowed.Add((record.SourceName, record.SourceRow));
        }

        if (_seen is null || (_seen.Add(record.Text(_keyField)!) && !shadowed))
        {
            Append(_records, record);
            _appended++;
        }
        else
        {
            // In place: a possible later copy waits in staging, where the merge can refuse it without deleting a row
            // appended in the transaction.
            Append(_candidates!, record);
            _staged++;
        }
    }

    /// <summary>The record's key as one text: the field itself for a one-field key, else the fields' values joined.</summary>
    private string KeyText(RecordRow record)
    {
        if (_keyFields.Length == 1 && record.Text(_keyField) is { } text)
        {
            return text;
        }

        return string.Join('\u001f', _keyFields.Select(f => !record.Has(f)
            ? "\u0000"
            : record.Schema.Fields[f].Type is FieldType.Text or FieldType.Code ? record.Text(f) : record.Word(f).ToString(CultureInfo.InvariantCulture)));
    }

    private void Append(IRowAppender target, RecordRow record)
    {
        foreach (ColumnWriter writer in _writers)
        {
            writer.Write(target, record, _run.RunId);
        }

        target.EndRow();
    }

    private void Append(QuarantineEntry q)
    {
        // record_type is always the load's type: the merge replaces this type's quarantine by it.
        _quarantine
            .Text(_run.Pipeline).Text(_type.Name).Text(q.SourceName).Long(q.RowNumber).Text(q.SourceKey).Text(q.BusinessDateRaw)
            .Text(q.Field).Text(Truncate(q.Reason)).Text(Truncate(q.RawValue)).Text(_run.RunId).Timestamp(_now)
            .EndRow();
    }

    public LoadResult Commit()
    {
        // Every row written, then every bulk path completed and released before the merge: PostgreSQL keeps the
        // connection until disposal.
        _writer.Complete();
        _records.Complete();
        _records.Dispose();
        _candidates?.Complete();
        _candidates?.Dispose();
        _candidateSide?.Dispose();
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
            foreach (string truncate in _merge.TruncateStaging)
            {
                _sql.Execute(truncate);
            }

            _sql.Commit();
            _finished = true;
            // A row-store engine plans the measure's scans and the next merge from statistics; a first or full load
            // leaves them stale until autovacuum comes round (the measure's plans were then built for an empty or old
            // table), so they are refreshed at once. A night's few days in a year's table do not change them enough to
            // pay for it (0.6 s of a PostgreSQL night at 1M declarations): autovacuum's own rule decides.
            string table = RecordColumns.Table(_type);
            if (_dialect.AnalyzeAfterLoad(table) is { } analyze
                && (_dialect.StatisticsRowsSql(table) is not { } rows
                    || ISqlDialect.LoadChangesStatistics(result.Loaded, _sql.Rows(rows).Select(r => Read.NullableDouble(r, 0) ?? 0).FirstOrDefault())))
            {
                _sql.Execute(analyze);
            }

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
        (string, object?)[] p = _parameters;
        // Rows outside the window whose key was read again: moved records, or copies the table keeps (settled first).
        long moved = _merge.CountMoved is { } countMoved ? _sql.Long(countMoved, p) : 0;
        long kept = 0;
        if (moved > 0)
        {
            kept = SettleKeptOutside(RecordColumns.StagingTable(_type), _merge, staged: true);
            moved = kept > 0 ? _sql.Long(_merge.CountMoved!, p) : moved;
        }

        // The general statements handle duplicated keys; when there are none, simpler ones that search no key do the same.
        long duplicates = kept + _sql.Execute(_merge.QuarantineDuplicates, p);
        long replaced = _sql.Execute(_merge.DeleteReplaced, p);
        long loaded = _sql.Execute(duplicates == 0 ? _merge.InsertAllRecords : _merge.InsertRecords, p);
        _sql.Execute(_merge.DeleteQuarantine, p);
        _sql.Execute(_merge.InsertQuarantine, p);
        List<int> years = Years(_merge);
        Bookkeeping(_merge, fromRows: duplicates == 0, years);
        return new LoadResult(loaded, _quarantined + duplicates, replaced, years) { Moved = moved };
    }

    /// <summary>The rows are in the table already: candidates are settled, moved rows leave, the bookkeeping follows.</summary>
    private LoadResult MergeInPlace(InPlaceMergeSql merge)
    {
        (string, object?)[] p = _parameters;
        // One semi-join tells whether any row outside the window shares a key with this run's rows or candidates
        // (rare): only then are copies the table keeps refused and moved rows deleted, each a scan of the year's keys.
        bool shared = !_run.Window.IsFull && _type.IsDated && _sql.Long(merge.CountShared(_staged > 0), p) > 0;
        long duplicates = 0;
        long inserted = 0;
        if (_staged > 0)
        {
            // Candidates whose key the table keeps outside the window go first, so none is inserted or names a run row.
            if (shared)
            {
                duplicates += SettleKeptOutside(RecordColumns.StagingTable(_type), _merge, staged: true);
            }

            duplicates += _sql.Execute(merge.QuarantineCandidates, p);
            inserted = _sql.Execute(merge.InsertFirstCandidates, p);
        }

        long moved = 0;
        if (shared)
        {
            long kept = SettleKeptOutside(merge.Shared.Rows, merge.Shared, staged: false);
            _appended -= kept;
            duplicates += kept;
            moved = _sql.Execute(merge.DeleteMoved, p);
        }

        long replaced = _replacedBefore + moved;
        _sql.Execute(_run.Window.IsFull || !_type.IsDated ? merge.DeleteAllQuarantine : merge.Shared.DeleteQuarantine, p);
        _sql.Execute(merge.Shared.InsertQuarantine, p);
        List<int> years = Years(merge.Shared);
        Bookkeeping(merge.Shared, fromRows: true, years);
        return new LoadResult(_appended + inserted, _quarantined + duplicates, replaced, years) { Moved = moved };
    }

    /// <summary>
    /// This run's <paramref name="rows"/> whose key the table keeps outside the window
    /// (<see cref="RecordMergeSql.QuarantineKeptOutside"/>) are quarantined and leave staging (<paramref name="staged"/>)
    /// or the table: they are later copies, not records that moved in. Returns how many were refused. The staged rows
    /// read after a copy dated outside the window are listed for the statements first (a load settles staging once).
    /// </summary>
    private long SettleKeptOutside(string rows, RecordMergeSql merge, bool staged)
    {
        string? delete = staged ? merge.DeleteKeptOutsideFromStaging : merge.DeleteKeptOutsideFromRun;
        if (delete is null || merge.QuarantineKeptOutside(rows, staged) is not { } quarantine)
        {
            return 0;
        }

        if (staged)
        {
            // A few hundred rows a statement: under SQL Server's 2,100 parameters and 1,000 rows of a VALUES list.
            const int Batch = 500;
            for (int start = 0; start < _shadowed.Count; start += Batch)
            {
                int count = Math.Min(Batch, _shadowed.Count - start);
                var positions = new (string, object?)[count * 2];
                for (int i = 0; i < count; i++)
                {
                    positions[2 * i] = ($"n{i}", _shadowed[start + i].Name);
                    positions[(2 * i) + 1] = ($"r{i}", _shadowed[start + i].Row);
                }

                _sql.Execute(RecordMergeSql.InsertShadowedRows(count), positions);
            }
        }

        // The days outside the window the source gave records for; none (from after to) when it gave none.
        (string, object?)[] p =
        [
            .. _parameters,
            ("coveredFrom", _coveredFrom <= _coveredTo ? DateOnly.FromDayNumber(EpochDay + _coveredFrom) : DateOnly.MaxValue),
            ("coveredTo", _coveredFrom <= _coveredTo ? DateOnly.FromDayNumber(EpochDay + _coveredTo) : DateOnly.MinValue),
        ];
        long refused = _sql.Execute(quarantine, p);
        if (refused > 0)
        {
            _sql.Execute(delete, p);
        }

        return refused;
    }

    /// <summary>
    /// The partition book of every dated type, in the load's transaction (a type's partitions are done exactly when its
    /// rows are committed), and the trader dimension. The date dimension first holds every year the partitions cover.
    /// </summary>
    private void Bookkeeping(RecordMergeSql merge, bool fromRows, IReadOnlyList<int> years)
    {
        if (_type.IsDated)
        {
            _warehouse.EnsureDates(CoveredYears(years));
            _sql.Execute(merge.DeletePartitions, _parameters);
            _sql.Execute(fromRows ? merge.InsertPartitionsFromRows : merge.InsertPartitions, _parameters);
        }

        _checkpoints.Reached(Checkpoints.Merge);
        if (_type.FeedsTraderDimension)
        {
            _sql.Execute(merge.DeleteTraders, _parameters);
            _sql.Execute(merge.InsertTraders, _parameters);
        }
    }

    /// <summary>The years of the loaded rows and of the window's bounds, with every year between them.</summary>
    private IEnumerable<int> CoveredYears(IReadOnlyList<int> years)
    {
        IEnumerable<int> all = years;
        if (_run.Window.From is { } from)
        {
            all = all.Append(from.Year);
        }

        if (_run.Window.To is { } to)
        {
            all = all.Append(to.PlusDays(-1).Year);
        }

        int[] known = [.. all];
        return known.Length == 0 ? [] : Enumerable.Range(known.Min(), known.Max() - known.Min() + 1);
    }

    private List<int> Years(RecordMergeSql merge) => merge.StagedYears is { } sql
        ? _sql.Rows(sql, _parameters).Select(r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).Order().ToList()
        : [];

    public void Dispose()
    {
        // Uncommitted, nothing becomes visible: staged rows never reached the table, and rows appended in place are
        // rolled back with the transaction the load opened. The writer stops first, so no thread appends while the
        // appenders are disposed, and the transaction ends only after the appenders.
        _writer.Dispose();
        _records.Dispose();
        _candidates?.Dispose();
        _candidateSide?.Dispose();
        _quarantine.Dispose();
        _side?.Dispose();
        if (_inPlace is not null && !_finished)
        {
            _sql.Rollback();
            _finished = true;
        }
    }

    /// <summary>A record (inside the window, or outside it) or a refused row, in the order the run met them.</summary>
    private readonly record struct StagedRow(RecordRow? Record, QuarantineEntry? Quarantine, bool OutsideWindow);

    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] + "…" : text;
}

/// <summary>How one column of a type's table is filled from a row: a field's typed value, or a bookkeeping value.</summary>
internal readonly struct ColumnWriter
{
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private readonly Kind _kind;
    private readonly int _field;

    private ColumnWriter(Kind kind, int field)
    {
        _kind = kind;
        _field = field;
    }

    private enum Kind : byte
    {
        Text,
        Bool,
        Date,
        Timestamp,
        Double,
        Long,
        DateKey,
        SourceName,
        SourceRow,
        RunId,
    }

    public static ColumnWriter[] For(RecordSchema type) => type.Layout.Select(c => c.Kind switch
    {
        BookkeepingColumn.Field => new ColumnWriter(type.Fields[c.Field].Type switch
        {
            FieldType.Text or FieldType.Code => Kind.Text,
            FieldType.Bool => Kind.Bool,
            FieldType.Date => Kind.Date,
            FieldType.LocalTime => Kind.Timestamp,
            FieldType.Number => Kind.Double,
            FieldType.Integer => Kind.Long,
            var t => throw new ArgumentOutOfRangeException(nameof(type), t, "unknown field type"),
        }, c.Field),
        BookkeepingColumn.DateKey => new ColumnWriter(Kind.DateKey, type.DateIndex),
        BookkeepingColumn.SourceName => new ColumnWriter(Kind.SourceName, -1),
        BookkeepingColumn.SourceRow => new ColumnWriter(Kind.SourceRow, -1),
        BookkeepingColumn.RunId => new ColumnWriter(Kind.RunId, -1),
        var k => throw new ArgumentOutOfRangeException(nameof(type), k, "unknown column kind"),
    }).ToArray();

    public void Write(IRowAppender target, RecordRow row, string runId)
    {
        switch (_kind)
        {
            case Kind.Text:
                target.Text(row.Text(_field));
                break;
            case Kind.Bool:
                target.Bool(row.Has(_field) ? row.Word(_field) != 0 : null);
                break;
            case Kind.Date:
                target.Date(row.Has(_field) ? Epoch.AddDays((int)row.Word(_field)) : null);
                break;
            case Kind.Timestamp:
                target.Timestamp(row.Has(_field) ? DateTime.UnixEpoch.AddTicks(row.Word(_field)) : null);
                break;
            case Kind.Double:
                target.Double(row.Has(_field) ? BitConverter.Int64BitsToDouble(row.Word(_field)) : null);
                break;
            case Kind.Long:
                target.Long(row.Has(_field) ? row.Word(_field) : null);
                break;
            case Kind.DateKey:
                target.Int(row.Has(_field) ? DateKey(Epoch.AddDays((int)row.Word(_field))) : null);
                break;
            case Kind.SourceName:
                target.Text(row.SourceName);
                break;
            case Kind.SourceRow:
                target.Long(row.SourceRow);
                break;
            case Kind.RunId:
                target.Text(runId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(_kind), _kind, "unknown column writer kind");
        }
    }

    private static int DateKey(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;
}
