using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Relational;

namespace PmmEtl.Extract;

/// <summary>The one place that maps a pipeline's <c>source.kind</c> to the reader of that kind, for every record type.</summary>
public static class RecordSources
{
    public const string Csv = "csv";
    public const string WcoXml = "wco-xml";

    /// <summary>Every kind a pipeline may name: the relational providers, then the file formats.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. SourceConnectionFactory.Kinds, Csv, WcoXml];

    /// <summary>Every name <c>source.queries</c> may hold: the record types.</summary>
    public static IReadOnlyList<string> QueryNames { get; } = RecordTypes.All.Select(r => r.Name).ToArray();

    public static IRecordSource Create(SourceDefinition source, string pipelineName) => source.Kind switch
    {
        Csv => new CsvRecordSource(source),
        WcoXml => new WcoXmlRecordSource(source),
        _ when SourceProvider.Find(source.Kind) is not null => new SqlRecordSource(source, pipelineName),
        _ => throw new NotSupportedException($"source.kind '{source.Kind}' is not supported (supported: {string.Join(", ", Kinds)})"),
    };

    /// <summary>Where a record type a source does not give would come from, for the notes of what cannot be measured.</summary>
    public static string WhereTypeWouldBe(SourceDefinition source, string type) => source.Kind switch
    {
        Csv => $"no source.csv.records.{type} section nor {type}.csv in source.csv.registers",
        WcoXml => "a wco-xml source gives declarations only",
        _ => $"no source.queries.{type}",
    };
}
