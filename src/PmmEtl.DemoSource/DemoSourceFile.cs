using PmmEtl.Extract;

namespace PmmEtl.DemoSource;

/// <summary>
/// The demo pipeline's source is generated, not shipped: before a run or a check of a pipeline with <c>source.demo</c>,
/// its caller writes it when its file does not exist, so both read the same records. A source-preparation step the
/// command line (and the tests) hand to the runner; Jobs does not know the demo.
/// </summary>
public static class DemoSourceFile
{
    /// <summary>Writes the demo source a pipeline names when its file is missing; null when there was nothing to do.</summary>
    /// <param name="generating">Told the options just before the (long) generation starts, so the caller can say so.</param>
    public static DemoSourceSummary? Ensure(SourceDefinition source, Action<DemoSourceOptions>? generating = null)
    {
        if (source.Demo is not { } demo || source.FilePath is not { } path || File.Exists(path))
        {
            return null;
        }

        var options = new DemoSourceOptions(path, demo.Declarations, demo.Seed, demo.Year);
        generating?.Invoke(options);
        return DemoSourceGenerator.Generate(options);
    }
}
