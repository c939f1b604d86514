using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Extract;

/// <summary>
/// Streams declarations from a relational source with the pipeline's query for the <c>declaration</c> record
/// type. The query aliases its columns to the canonical field names and receives the window as the parameters
/// <c>@from</c> and <c>@to</c> (ISO dates, end exclusive); values never become SQL text. Rows are read one at a
/// time from the data reader, so memory does not grow with the source.
/// </summary>
public sealed class SqlDeclarationSource : IDeclarationSource
{
    public const string RecordType = "declaration";

    private readonly SourceDefinition _source;
    private readonly string _sourceName;

    public SqlDeclarationSource(SourceDefinition source, string pipelineName)
    {
        _source = source;
        _sourceName = $"{pipelineName}:source.queries.{RecordType}";
    }

    public IEnumerable<RawDeclaration> ReadDeclarations(ExtractWindow window, CancellationToken cancellationToken)
    {
        if (!_source.Queries.TryGetValue(RecordType, out string? sql))
        {
            throw new InvalidOperationException($"source.queries.{RecordType}: no query for the declaration record type");
        }

        using DbConnection connection = SourceConnectionFactory.Open(_source);
        using IDataReader reader = connection.ExecuteReader(
            new CommandDefinition(sql, new { from = window.FromText, to = window.ToText }, commandTimeout: 0, cancellationToken: cancellationToken));

        var setters = BindColumns(reader);
        long row = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = new RawDeclaration { SourceName = _sourceName, RowNumber = ++row };
            foreach ((int ordinal, Action<RawDeclaration, string?> set) in setters)
            {
                set(raw, AsText(reader, ordinal));
            }

            yield return raw;
        }
    }

    /// <summary>Maps the query's columns to canonical fields once, and fails with the missing names before any row is read.</summary>
    private (int Ordinal, Action<RawDeclaration, string?> Set)[] BindColumns(IDataReader reader)
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
            .Select(f => (ordinals[f.Name], f.Set))
            .ToArray();
    }

    private static string? AsText(IDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        object value = reader.GetValue(ordinal);
        return value switch
        {
            string s => s,
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "1" : "0",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
