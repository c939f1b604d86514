using PmmEtl.Core.Pipelines;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Relational;
using PmmEtl.Extract.Wco;

namespace PmmEtl.Extract;

/// <summary>
/// The <c>source:</c> section, read by <see cref="SourceSectionReader"/>: its kind, and the settings of that kind
/// (queries and field mappings of a relational source, <see cref="CsvSourceSettings"/>, <see cref="WcoXmlSourceSettings"/>).
/// </summary>
public sealed record SourceDefinition
{
    /// <summary>The reader: a relational provider (<c>sqlite</c>, <c>duckdb</c>, <c>postgres</c>, <c>sqlserver</c>), <c>csv</c> or <c>wco-xml</c>.</summary>
    public required string Kind { get; init; }
    public required string ConnectionString { get; init; }
    /// <summary>One SQL query per record type, its columns aliased to the canonical field names; window bounds come as @from and @to.</summary>
    public required IReadOnlyDictionary<string, string> Queries { get; init; }

    /// <summary>
    /// For relational sources: per record type, the mapping of fields the query does not return under their canonical
    /// names (another column, a constant, a code map, a format, a date-only precision, or absent).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldMapping>> Fields { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, FieldMapping>>();
    /// <summary>When set, the demo generator writes the source first if its file does not exist.</summary>
    public DemoSourceSettings? Demo { get; init; }
    /// <summary>The file behind a file-based source (SQLite), if any.</summary>
    public string? FilePath { get; init; }
    /// <summary>The column mapping of a <c>csv</c> source (its queries are empty).</summary>
    public CsvSourceSettings? Csv { get; init; }
    /// <summary>The message mapping of a <c>wco-xml</c> source (its queries are empty).</summary>
    public WcoXmlSourceSettings? Wco { get; init; }
}
