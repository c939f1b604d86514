using System.Data.Common;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Relational;
using PmmEtl.Extract.Threading;

namespace PmmEtl.Extract;

/// <summary>
/// Streams declarations from a relational source (SQLite, DuckDB, PostgreSQL, SQL Server) with the pipeline's query
/// for the <c>declaration</c> record type. The query aliases its columns to the canonical field names and receives
/// the window as the named parameters <c>from</c> and <c>to</c> (ISO dates, end exclusive), written with the
/// provider's marker; values never become SQL text. Rows are read one at a time from the data reader, so memory does
/// not grow with the source; they are read a few batches ahead on a thread of their own (<see cref="ReadAhead"/>), so
/// the source's driver and the normalising and loading of the rows use two cores.
/// </summary>
public sealed class SqlDeclarationSource : IDeclarationSource
{
    public const string RecordType = "declaration";

    private readonly SourceDefinition _source;
    private readonly SourceProvider _provider;
    private readonly string _sourceName;

    public SqlDeclarationSource(SourceDefinition source, string pipelineName)
    {
        _source = source;
        _provider = SourceProvider.Find(source.Kind)
            ?? throw new NotSupportedException($"source.kind '{source.Kind}' is not a relational source");
        _sourceName = $"{pipelineName}:source.queries.{RecordType}";
    }

    public IEnumerable<RawDeclaration> ReadDeclarations(ExtractWindow window, CancellationToken cancellationToken) =>
        ReadAhead.Of(ReadRows(window, cancellationToken), cancellationToken);

    private IEnumerable<RawDeclaration> ReadRows(ExtractWindow window, CancellationToken cancellationToken)
    {
        if (!_source.Queries.TryGetValue(RecordType, out string? sql))
        {
            throw new InvalidOperationException($"source.queries.{RecordType}: no query for the declaration record type");
        }

        using SourceQuery query = SourceQuery.Open(_source, _provider, $"source.queries.{RecordType}", sql, window);
        using CancellationTokenRegistration cancel = cancellationToken.Register(query.Command.Cancel);
        using DbDataReader reader = query.Command.ExecuteReader();

        var setters = BindColumns(reader);
        long row = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = new RawDeclaration { SourceName = _sourceName, RowNumber = ++row };
            foreach ((int ordinal, bool zoned, Action<RawDeclaration, string?> set) in setters)
            {
                set(raw, DbValueText.Of(reader, ordinal, zoned));
            }

            yield return raw;
        }
    }

    /// <summary>Maps the query's columns to canonical fields once, and fails with the missing names before any row is read.</summary>
    private static (int Ordinal, bool Zoned, Action<RawDeclaration, string?> Set)[] BindColumns(DbDataReader reader)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < reader.FieldCount; i++)
        {
            ordinals.TryAdd(reader.GetName(i), i);
        }

        string[] missing = DeclarationFields.All.Where(f => f.Required && !ordinals.ContainsKey(f.Name)).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"source.queries.{RecordType}: the query returns no column named {string.Join(", ", missing)} (alias the source columns to the canonical field names)");
        }

        return DeclarationFields.All
            .Where(f => ordinals.ContainsKey(f.Name))
            .Select(f => (ordinals[f.Name], DbValueText.IsZoned(reader.GetDataTypeName(ordinals[f.Name])), f.Set))
            .ToArray();
    }
}
