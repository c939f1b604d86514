using PmmEtl.Core.Pipelines;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Definitions;
using PmmEtl.Extract.Relational;
using PmmEtl.Extract.Wco;

namespace PmmEtl.Extract;

/// <summary>
/// Reads the <c>source</c> section: its kind decides which other keys belong. Relational kinds take a file
/// (<c>path</c>, SQLite and DuckDB) or a connection string (<c>connection_string_env</c>; an inline one only without a
/// password) and one query per record type (the declaration and any register); <c>csv</c> and <c>wco-xml</c> take a
/// folder and their own mapping section (a csv source may name a folder of register files too). Each kind's settings
/// are read and checked beside the reader that uses them (<c>Relational/</c>, <c>Csv/</c>, <c>Wco/</c>).
/// </summary>
public static class SourceSectionReader
{
    public static SourceDefinition? Read(YamlNodeReader? s, string folder)
    {
        if (s is null)
        {
            return null;
        }

        s.OnlyKeys("kind", "path", "connection_string", "connection_string_env", "demo", "queries", "fields", "csv", "wco");
        string? kind = s.String("kind", required: true);
        if (kind is not null && !RecordSources.Kinds.Contains(kind))
        {
            s.Problem(s.Get("kind"), "kind", $"unknown source kind '{kind}' (supported: {string.Join(", ", RecordSources.Kinds)})");
            return null;
        }

        string? path = s.String("path", required: false) is { } p ? Path.GetFullPath(Path.Combine(folder, p)) : null;
        return kind switch
        {
            null => null,
            RecordSources.Csv or RecordSources.WcoXml => FileSource(s, kind, path, folder),
            _ => RelationalSectionReader.Read(s, SourceProvider.Find(kind)!, path),
        };
    }

    private static SourceDefinition? FileSource(YamlNodeReader s, string kind, string? path, string folder)
    {
        string own = kind == RecordSources.Csv ? "csv" : "wco";
        foreach (string key in new[] { "connection_string", "connection_string_env", "demo", "queries", "fields", own == "csv" ? "wco" : "csv" })
        {
            if (s.Get(key) is { } misplaced)
            {
                s.Problem(misplaced, key, $"not used by a {kind} source (it reads the files under path)");
            }
        }

        if (path is null)
        {
            s.Problem(null, "path", $"missing required key: the folder (or file) the {kind} source reads");
        }

        // The mapping is checked even without a path, so one load reports every problem.
        CsvSourceSettings? csv = own == "csv" ? CsvSectionReader.Read(s.Mapping("csv", required: true), path ?? folder, folder) : null;
        WcoXmlSourceSettings? wco = own == "wco" ? WcoSectionReader.Read(s.Mapping("wco", required: false), path ?? folder) : null;
        return path is null
            ? null
            : new SourceDefinition { Kind = kind, ConnectionString = "", Queries = new Dictionary<string, string>(), Csv = csv, Wco = wco };
    }

    /// <summary>
    /// The checks of the source section that need the pipeline's offices (read after the source): a WCO source's
    /// <c>default_office</c> must be one of them.
    /// </summary>
    public static void CheckOffices(YamlNodeReader top, SourceDefinition? source, IReadOnlyList<OfficeDefinition> offices) =>
        WcoSectionReader.CheckDefaultOffice(top, source?.Wco, offices);
}
