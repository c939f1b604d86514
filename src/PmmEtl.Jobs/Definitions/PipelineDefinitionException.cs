namespace PmmEtl.Jobs.Definitions;

/// <summary>A pipeline definition that cannot be used; every problem names the file, line and key.</summary>
public sealed class PipelineDefinitionException : Exception
{
    public PipelineDefinitionException(string path, IReadOnlyList<string> problems)
        : base($"{path}: the pipeline definition is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Path = path;
        Problems = problems;
    }

    public string Path { get; }

    public IReadOnlyList<string> Problems { get; }
}
