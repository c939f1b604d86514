using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;

namespace PmmEtl.Extract;

/// <summary>The one place that maps a pipeline's <c>source.kind</c> to the reader of that kind.</summary>
public static class DeclarationSources
{
    public static IDeclarationSource Create(SourceDefinition source, string pipelineName) => source.Kind switch
    {
        "sqlite" => new SqlDeclarationSource(source, pipelineName),
        _ => throw new NotSupportedException($"source.kind '{source.Kind}' is not supported"),
    };
}
