using System.Data.Common;
using System.Globalization;
using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Registers;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Registers;

/// <summary>
/// Loads one register for one run the way <see cref="SqlDeclarationLoad"/> loads declarations: records stream through
/// the engine's bulk path into <c>stg_&lt;register&gt;</c> and refused rows into <c>stg_quarantine</c>; nothing is
/// visible until <see cref="Commit"/> runs <see cref="RegisterMergeSql"/> in one transaction. Like the declaration
/// load it owns the staging tables while it is open: one load at a time per warehouse, as the runner does.
/// </summary>
internal sealed class SqlRecordLoad : IRecordLoad
{
    private readonly SqlCommands _sql;
    private readonly RunContext _run;
    private readonly RegisterSchema _register;
    private readonly ColumnType[] _types;
    private readonly RegisterMergeSql _merge;
    private readonly IRowAppender _records;
    private readonly IRowAppender _quarantine;
    private readonly DbConnection? _side;
    private readonly DateTime _now;
    private readonly SqlWarehouse _warehouse;
    private long _quarantined;

    public SqlRecordLoad(DbConnection connection, SqlCommands sql, ISqlDialect dialect, RegisterSchema register, RunContext run, SqlWarehouse warehouse)
    {
        _register = RegisterColumns.Loaded(register);
        _sql = sql;
        _run = run;
        _warehouse = warehouse;
        _now = run.StartedAt.ToDateTimeUtc();
        _merge = new RegisterMergeSql(dialect, _register, run.Window);
        IReadOnlyList<(string Name, ColumnType Type)> columns = RegisterColumns.Of(_register);
        _types = columns.Types().ToArray();
        foreach (string truncate in _merge.TruncateStaging)
        {
            _sql.Execute(truncate);
        }

        _records = dialect.OpenAppender(connection, null, RegisterColumns.StagingTable(_register), _types);
        // As in the declaration load: PostgreSQL's COPY holds its connection, so the quarantine gets its own.
        _side = dialect.SideConnection(connection);
        _quarantine = dialect.OpenAppender(_side ?? connection, null, "stg_quarantine", FactColumns.Quarantine.Types());
    }

    public void Add(NormalisedRecord record)
    {
        if (record.Register.Name != _register.Name || record.Values.Length != _register.Fields.Count)
        {
            throw new ArgumentException(
                $"a '{record.Register.Name}' record with {record.Values.Length} values cannot go into the '{_register.Name}' load ({_register.Fields.Count} fields)",
                nameof(record));
        }

        for (int i = 0; i < record.Values.Length; i++)
        {
            Append(_types[i], record.Values[i], _register.Fields[i].Name);
        }

        _records.Text(record.SourceName).Long(record.RowNumber).Text(_run.RunId).EndRow();
    }

    public void Quarantine(QuarantineEntry q)
    {
        // record_type is always the register's name: the merge replaces this register's quarantine by it.
        _quarantine
            .Text(_run.Pipeline).Text(_register.Name).Text(q.SourceName).Long(q.RowNumber).Text(q.SourceKey).Text(q.BusinessDateRaw)
            .Text(q.Field).Text(Truncate(q.Reason)).Text(Truncate(q.RawValue)).Text(_run.RunId).Timestamp(_now)
            .EndRow();
        _quarantined++;
    }

    public LoadResult Commit()
    {
        _records.Complete();
        _records.Dispose();
        _quarantine.Complete();
        _quarantine.Dispose();
        _side?.Dispose();
        (string, object?)[] p = LoadParameters.Of(_run, _now);
        _sql.Begin();
        try
        {
            long duplicates = _sql.Execute(_merge.QuarantineDuplicates, p);
            long replaced = _sql.Execute(_merge.DeleteReplaced, p);
            long loaded = _sql.Execute(_merge.InsertRecords, p);
            _sql.Execute(_merge.DeleteQuarantine, p);
            _sql.Execute(_merge.InsertQuarantine, p);
            List<int> years = _merge.StagedYears is { } staged
                ? _sql.Rows(staged).Select(r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).Order().ToList()
                : [];
            foreach (string truncate in _merge.TruncateStaging)
            {
                _sql.Execute(truncate);
            }

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
        // Uncommitted, nothing staged becomes visible: the register's table was never touched.
        _records.Dispose();
        _quarantine.Dispose();
        _side?.Dispose();
    }

    private void Append(ColumnType type, object? value, string field)
    {
        try
        {
            switch (type)
            {
                case ColumnType.Text:
                    _records.Text(value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case ColumnType.Bool:
                    _records.Bool((bool?)value);
                    break;
                case ColumnType.Date:
                    _records.Date(value switch
                    {
                        null => null,
                        LocalDate d => d.ToDateOnly(),
                        DateOnly d => d,
                        _ => throw new InvalidCastException($"{value.GetType().Name} is not a date"),
                    });
                    break;
                case ColumnType.Timestamp:
                    _records.Timestamp(value switch
                    {
                        null => null,
                        Instant i => i.ToDateTimeUtc(),
                        DateTime t when t.Kind == DateTimeKind.Utc => t,
                        _ => throw new InvalidCastException($"{value.GetType().Name} is not a UTC instant"),
                    });
                    break;
                case ColumnType.Double:
                    _records.Double(value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    _records.Long(value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
        catch (InvalidCastException e)
        {
            throw new ArgumentException($"register '{_register.Name}', field '{field}': {e.Message}", nameof(value), e);
        }
    }

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] + "…" : text;
}
