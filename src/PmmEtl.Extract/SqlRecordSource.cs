using System.Data;
using System.Data.Common;
using System.Globalization;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Mapping;
using PmmEtl.Extract.Relational;
using PmmEtl.Extract.Threading;

namespace PmmEtl.Extract;

/// <summary>
/// Streams records from a relational source (SQLite, DuckDB, PostgreSQL, SQL Server) with the pipeline's query for
/// each record type (<c>source.queries.&lt;type&gt;</c>), every type the same way. A column named like a canonical field
/// is that field; <c>source.fields.&lt;type&gt;</c> maps the rest in the mapping language every source kind shares (another
/// column, a constant, a code map with a default, a format, a date-only precision, or <c>absent</c>), and a field the
/// query does not return is absent. The window comes as the named parameters <c>from</c>/<c>to</c> (ISO dates, end
/// exclusive) with the provider's marker; undated types are read whole. Rows are read one at a time, a few batches
/// ahead on a thread of their own (<see cref="ReadAhead"/>), so the driver and the normalising use two cores.
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
        Available = RecordTypes.All.Where(r => source.Queries.ContainsKey(r.Name)).ToArray();
    }

    public IReadOnlyList<RecordSchema> Available { get; }

    /// <summary>
    /// Runs the type's query over an empty window and reads its columns without reading a row: which fields it returns,
    /// and whether a time field comes from a date column (refused unless declared date-precision).
    /// </summary>
    public RecordMapping Describe(RecordSchema type)
    {
        string sql = Query(type);
        ExtractWindow empty = type.IsDated ? new ExtractWindow(new NodaTime.LocalDate(1, 1, 1), new NodaTime.LocalDate(1, 1, 1)) : ExtractWindow.Everything;
        using SourceQuery query = SourceQuery.Open(_source, _provider, $"source.queries.{type.Name}", sql, empty);
        using DbDataReader reader = query.Command.ExecuteReader();
        Binding binding = Bind(type, reader);
        return binding.Mapping;
    }

    public IEnumerable<RawRecord> Read(RecordSchema type, ExtractWindow window, CancellationToken cancellationToken) =>
        ReadAhead.Of(Stream(type, Query(type), type.IsDated ? window : ExtractWindow.Everything, cancellationToken), cancellationToken);

    private string Query(RecordSchema type) =>
        _source.Queries.TryGetValue(type.Name, out string? sql)
            ? sql
            : throw new InvalidOperationException($"source.queries.{type.Name}: no query for the {type.Name} record type");

    private IEnumerable<RawRecord> Stream(RecordSchema type, string sql, ExtractWindow window, CancellationToken cancellationToken)
    {
        string sourceName = $"{_pipelineName}:source.queries.{type.Name}";
        using SourceQuery query = SourceQuery.Open(_source, _provider, $"source.queries.{type.Name}", sql, window);
        using CancellationTokenRegistration cancel = cancellationToken.Register(query.Command.Cancel);
        using DbDataReader reader = query.Command.ExecuteReader();

        Binding binding = Bind(type, reader);
        long row = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = new RawRecord(type, sourceName, ++row);
            List<(string Field, string Reason)>? problems = null;
            foreach (ColumnBinding column in binding.Columns)
            {
                string? text = column.Ordinal < 0 ? null : column.Date ? DateValue(reader, column.Ordinal) : DbValueText.Of(reader, column.Ordinal, column.Zoned);
                string? value = column.Field.Convert(text, out string? error);
                if (error is not null)
                {
                    (problems ??= []).Add((column.Field.Name, error));
                    continue;
                }

                raw[column.Field.Index] = value;
            }

            if (problems is not null)
            {
                raw.SourceError = $"row {row}: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}";
                raw.SourceErrorField = problems[0].Field;
            }

            yield return raw;
        }
    }

    /// <summary>
    /// Maps the query's columns to the type's fields once, before any row is read, and fails naming the key when a field
    /// the type must have is not returned, a mapped column is missing, or a time field comes from a date column.
    /// </summary>
    private Binding Bind(RecordSchema type, DbDataReader reader)
    {
        string key = $"source.queries.{type.Name}";
        string fieldsKey = $"source.fields.{type.Name}";
        IReadOnlyDictionary<string, FieldMapping> mappings = _source.Fields.GetValueOrDefault(type.Name) ?? new Dictionary<string, FieldMapping>();
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < reader.FieldCount; i++)
        {
            ordinals.TryAdd(reader.GetName(i), i);
        }

        var problems = new List<string>();
        var columns = new List<ColumnBinding>();
        var origins = new List<FieldOrigin>();
        foreach (RecordField field in type.Fields)
        {
            if (field.Derived)
            {
                origins.Add(new FieldOrigin(FieldPresence.Given, "computed by the normaliser"));
                continue;
            }

            FieldMapping mapping = mappings.GetValueOrDefault(field.Name) ?? new FieldMapping();
            if (mapping.Absent)
            {
                origins.Add(new FieldOrigin(FieldPresence.Absent, $"absent ({fieldsKey}.{field.Name})"));
                continue;
            }

            MappedField mapped = MappedField.Create(type, field, mapping);
            if (mapping.Constant is not null)
            {
                columns.Add(new ColumnBinding(mapped, -1, false, false));
                origins.Add(new FieldOrigin(mapping.Presence, mapping.Describe(field.Name)));
                continue;
            }

            string column = mapping.Column ?? field.Name;
            if (!ordinals.TryGetValue(column, out int ordinal))
            {
                if (mapping.Column is not null)
                {
                    problems.Add($"{fieldsKey}.{field.Name}: the query returns no column named {column}");
                }
                else if (type.MustMap(field))
                {
                    problems.Add($"{key}: the query returns no column named {field.Name} (alias the source column to the canonical field name, or map it in {fieldsKey})");
                }

                origins.Add(new FieldOrigin(FieldPresence.Absent, $"not returned by {key}"));
                continue;
            }

            string dataType = reader.GetDataTypeName(ordinal);
            if (field.Type == FieldType.LocalTime && mapping.Precision == FieldPrecision.Time && IsDateType(dataType))
            {
                // A date column read as a time would make every milestone midnight, and every duration a count of days.
                problems.Add($"{key}: column {column} is a {dataType} (no time of day) but {field.Name} is a time: give the time, or declare {fieldsKey}.{field.Name}: {{ precision: date }}");
            }

            columns.Add(new ColumnBinding(mapped, ordinal, DbValueText.IsZoned(dataType), field.Type == FieldType.Date || mapping.Precision == FieldPrecision.Date));
            origins.Add(new FieldOrigin(mapping.Presence, $"column {reader.GetName(ordinal)} of {key}"));
        }

        if (problems.Count > 0)
        {
            throw new SourceConfigurationException(string.Join("; ", problems));
        }

        return new Binding([.. columns], new RecordMapping(type, key, origins));
    }

    private static bool IsDateType(string dataTypeName) =>
        dataTypeName.Trim().Equals("date", StringComparison.OrdinalIgnoreCase) || dataTypeName.Trim().Equals("dateonly", StringComparison.OrdinalIgnoreCase);

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

    private sealed record Binding(ColumnBinding[] Columns, RecordMapping Mapping);

    /// <summary>One read field: its mapping, its column (−1 for a constant), whether the column holds instants, and whether it is read as a date.</summary>
    private readonly record struct ColumnBinding(MappedField Field, int Ordinal, bool Zoned, bool Date);
}
