using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Registers;
using PmmEtl.Extract.Registers;
using PmmEtl.Extract.Relational;

namespace PmmEtl.Extract;

/// <summary>
/// The one place that maps a pipeline's <c>source.kind</c> to the reader of its registers, as
/// <see cref="DeclarationSources"/> does for declarations: relational kinds read one query per register, <c>csv</c>
/// a folder of <c>&lt;register&gt;.csv</c> files, <c>wco-xml</c> none.
/// </summary>
public static class RecordSources
{
    /// <summary>Every name <c>source.queries</c> may hold: the declaration, then each loaded register.</summary>
    public static IReadOnlyList<string> QueryNames { get; } = [SqlDeclarationSource.RecordType, .. Core.Registers.Registers.Loaded.Select(r => r.Name)];

    public static IRecordSource Create(SourceDefinition source, string pipelineName) => source.Kind switch
    {
        DeclarationSources.Csv => new CsvRecordSource(source),
        DeclarationSources.WcoXml => NoRecordSource.Instance,
        _ when SourceProvider.Find(source.Kind) is not null => new SqlRecordSource(source, pipelineName),
        _ => throw new NotSupportedException($"source.kind '{source.Kind}' is not supported (supported: {string.Join(", ", DeclarationSources.Kinds)})"),
    };
}
