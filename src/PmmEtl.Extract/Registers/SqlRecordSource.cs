using System.Data.Common;
using System.Globalization;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Registers;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Relational;

namespace PmmEtl.Extract.Registers;

/// <summary>
/// Streams register records from a relational source (SQLite, DuckDB, PostgreSQL, SQL Server) with the pipeline's
/// query for each register (<c>source.queries.&lt;register&gt;</c>), exactly as <see cref="SqlDeclarationSource"/>
/// reads declarations: columns aliased to the canonical field names, the window as the named parameters
/// <c>from</c>/<c>to</c> with the provider's marker, rows read one at a time. Undated registers are read whole:
/// their query gets the open window, whatever window the run loads.
/// </summary>
public sealed class SqlRecordSource : IRecordSource
{
    private readonly SourceDefinition _source;
    private readonly SourceProvider _provider;
    private readonly string _pipelineName;

    public SqlRecordSource(SourceDefinition source, string pipelineName)
    {
        _source = source;
        _provider = SourceProvider.Find(source.Kind)
            ?? throw new NotSupportedException($"source.kind '{source.Kind}' is not a relational source");
        _pipelineName = pipelineName;
        Available = Core.Registers.Registers.Loaded.Where(r => source.Queries.ContainsKey(r.Name)).ToArray();
    }

    public IReadOnlyList<RegisterSchema> Available { get; }

    public IEnumerable<RawRecord> ReadRecords(RegisterSchema register, ExtractWindow window, CancellationToken cancellationToken)
    {
        if (!_source.Queries.TryGetValue(register.Name, out string? sql))
        {
            throw new InvalidOperationException($"source.queries.{register.Name}: no query for the {register.Name} register");
        }

        return Stream(register, sql, register.IsDated ? window : ExtractWindow.Everything, cancellationToken);
    }

    private IEnumerable<RawRecord> Stream(RegisterSchema register, string sql, ExtractWindow window, CancellationToken cancellationToken)
    {
        string sourceName = $"{_pipelineName}:source.queries.{register.Name}";
        using SourceQuery query = SourceQuery.Open(_source, _provider, $"source.queries.{register.Name}", sql, window);
        using CancellationTokenRegistration cancel = cancellationToken.Register(query.Command.Cancel);
        using DbDataReader reader = query.Command.ExecuteReader();

        (FieldLayout layout, ColumnBinding[] columns) = BindColumns(register, reader);
        long row = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = new string?[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                ColumnBinding column = columns[i];
                values[i] = column.Date ? DateValue(reader, column.Ordinal) : DbValueText.Of(reader, column.Ordinal, column.Zoned);
            }

            yield return new RawRecord { Register = register, SourceName = sourceName, RowNumber = ++row, Fields = new FieldRow(layout, values) };
        }
    }

    /// <summary>
    /// Maps the query's columns to the register's fields once, and fails with every missing required name before any
    /// row is read. Columns that are not fields, and derived fields (the normaliser computes those), are not read.
    /// </summary>
    private static (FieldLayout, ColumnBinding[]) BindColumns(RegisterSchema register, DbDataReader reader)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < reader.FieldCount; i++)
        {
            ordinals.TryAdd(reader.GetName(i), i);
        }

        RegisterField[] read = register.Fields.Where(f => !f.Derived).ToArray();
        string[] missing = read.Where(f => f.Required && !ordinals.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new SourceConfigurationException(
                $"source.queries.{register.Name}: the query returns no column named {string.Join(", ", missing)} (alias the source columns to the canonical field names)");
        }

        RegisterField[] present = read.Where(f => ordinals.ContainsKey(f.Name)).ToArray();
        var layout = new FieldLayout(present.Select(f => f.Name).ToArray());
        ColumnBinding[] columns = present
            .Select(f => new ColumnBinding(ordinals[f.Name], DbValueText.IsZoned(reader.GetDataTypeName(ordinals[f.Name])), f.Type == FieldType.Date))
            .ToArray();
        return (layout, columns);
    }

    /// <summary>
    /// A DATE column comes from some providers as a <see cref="DateTime"/> at midnight (SQL Server, DuckDB): its date is
    /// the value. A time of day in a date field is left as it is, for the normaliser to refuse.
    /// </summary>
    private static string? DateValue(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        object value = reader.GetValue(ordinal);
        return value is DateTime { TimeOfDay.Ticks: 0 } date
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DbValueText.Of(value);
    }

    private readonly record struct ColumnBinding(int Ordinal, bool Zoned, bool Date);
}
