using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Relational;

namespace PmmEtl.Extract;

/// <summary>The one place that maps a pipeline's <c>source.kind</c> to the reader of that kind.</summary>
public static class DeclarationSources
{
    public const string Csv = "csv";
    public const string WcoXml = "wco-xml";

    /// <summary>Every kind a pipeline may name: the relational providers, then the file formats.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. SourceConnectionFactory.Kinds, Csv, WcoXml];

    public static IDeclarationSource Create(SourceDefinition source, string pipelineName) => source.Kind switch
    {
        Csv => new CsvDeclarationSource(source),
        WcoXml => new WcoXmlDeclarationSource(source),
        _ when SourceProvider.Find(source.Kind) is not null => new SqlDeclarationSource(source, pipelineName),
        _ => throw new NotSupportedException($"source.kind '{source.Kind}' is not supported (supported: {string.Join(", ", Kinds)})"),
    };
}
