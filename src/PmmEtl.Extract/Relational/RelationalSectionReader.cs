using PmmEtl.Core.Pipelines;
using PmmEtl.Extract.Definitions;
using PmmEtl.Extract.Mapping;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// Reads a relational <c>source</c> (sqlite, duckdb, postgres, sqlserver): a file (<c>path</c>, file providers) or a
/// connection string (<c>connection_string_env</c>; inline only without a password), the demo generator's settings,
/// one query per record type, each checked for the provider's parameter marker and to be one statement, and the
/// field mappings of the columns a query does not return under their canonical names.
/// </summary>
internal static class RelationalSectionReader
{
    public static SourceDefinition Read(YamlNodeReader s, SourceProvider provider, string? filePath)
    {
        foreach (string key in new[] { "csv", "wco" })
        {
            if (s.Get(key) is { } misplaced)
            {
                s.Problem(misplaced, key, $"not used by a {provider.Kind} source (it reads its queries)");
            }
        }

        string? connection;
        if (provider.FileBased && filePath is not null)
        {
            if (s.Get("connection_string") is not null || s.Get("connection_string_env") is not null)
            {
                s.Problem(s.Get("path"), "path", "give the source's path or a connection string, not both");
            }

            connection = $"Data Source={filePath}";
        }
        else if (provider.FileBased && s.Get("connection_string") is null && s.Get("connection_string_env") is null)
        {
            s.Problem(null, "path", "give the source's path (file sources) or connection_string / connection_string_env");
            connection = null;
        }
        else
        {
            if (filePath is not null)
            {
                s.Problem(s.Get("path"), "path", $"a {provider.Kind} source is a server: name its connection string with connection_string_env");
            }

            connection = ConnectionStrings.Read(s, provider.Kind);
        }

        DemoSourceSettings? demo = null;
        if (s.Mapping("demo", required: false) is { } d)
        {
            d.OnlyKeys("seed", "declarations", "year");
            demo = new DemoSourceSettings(
                d.Int("seed", required: false, 0, int.MaxValue) ?? 20250101,
                d.Int("declarations", required: false, 10, 100_000_000) ?? 200_000,
                d.Int("year", required: false, 2000, 2100) ?? 2025);
            if (provider.Kind != "sqlite" || filePath is null)
            {
                s.Problem(s.Get("demo"), "demo", "the demo generator writes a SQLite file: it needs kind sqlite and a path");
            }
        }

        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.Mapping("queries", required: true) is { } q)
        {
            ReadQueries(q, provider, queries);
        }

        return new SourceDefinition
        {
            Kind = provider.Kind,
            ConnectionString = connection ?? "",
            Queries = queries,
            Fields = ReadFields(s.Mapping("fields", required: false), queries),
            Demo = demo,
            FilePath = provider.FileBased ? filePath : null,
        };
    }

    /// <summary>
    /// <c>source.fields.&lt;type&gt;</c>: for a query, the fields it does not return under their canonical names, in the
    /// mapping language every source kind shares (another column, a constant, a code map, a format, a date-only
    /// precision, absent). A type without a query has nothing to map.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, FieldMapping>> ReadFields(YamlNodeReader? f, Dictionary<string, string> queries)
    {
        var fields = new Dictionary<string, IReadOnlyDictionary<string, FieldMapping>>(StringComparer.Ordinal);
        if (f is null)
        {
            return fields;
        }

        foreach (var (keyNode, value) in f.Node.Children)
        {
            if (f.KeyText(keyNode) is not { } name)
            {
                continue;
            }

            if (Core.Records.RecordTypes.Find(name) is not { } type)
            {
                f.Problem(keyNode, name, $"unknown record type '{name}' (known: {string.Join(", ", RecordSources.QueryNames)})");
                continue;
            }

            if (!queries.ContainsKey(name))
            {
                f.Problem(keyNode, name, $"there is no source.queries.{name} whose columns this maps");
            }

            if (value is not YamlMappingNode node)
            {
                f.Problem(value, name, "expected a mapping of fields (column, constant, map, default, format, precision, absent)");
                continue;
            }

            fields[name] = FieldMappingReader.Read(f.Child(node, f.Key(name)), type, requireIdentity: false);
        }

        return fields;
    }

    /// <summary>
    /// One query per record type: <c>declaration</c> (required) and any register of <see cref="Core.Records.RecordTypes.Registers"/>,
    /// each checked for the provider's parameter marker and to be one statement. A name that is no record type is
    /// refused with the known ones, so a misspelt register is not a register silently without records.
    /// </summary>
    private static void ReadQueries(YamlNodeReader q, SourceProvider provider, Dictionary<string, string> queries)
    {
        foreach (var (keyNode, _) in q.Node.Children)
        {
            if (q.KeyText(keyNode) is not { } name)
            {
                continue;
            }

            if (!RecordSources.QueryNames.Contains(name, StringComparer.Ordinal))
            {
                q.Problem(keyNode, name, $"unknown record type '{name}' (known: {string.Join(", ", RecordSources.QueryNames)})");
                continue;
            }

            if (q.String(name, required: false) is { } sql)
            {
                if (WindowParameters.CheckMarkers(sql, provider) is { } wrongMarker)
                {
                    q.Problem(q.Get(name), name, wrongMarker);
                }

                if (SqlStatements.SingleStatementProblem(sql, provider) is { } notOne)
                {
                    q.Problem(q.Get(name), name, notOne);
                }

                queries[name] = sql;
            }
        }

        if (q.Get(Core.Records.RecordTypes.Declaration.Name) is null)
        {
            q.Problem(null, Core.Records.RecordTypes.Declaration.Name, "missing required key");
        }
    }
}
