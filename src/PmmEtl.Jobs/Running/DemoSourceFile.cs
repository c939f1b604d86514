using PmmEtl.DemoSource;
using PmmEtl.Extract;
using Serilog;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// The demo pipeline's source is generated, not shipped: a run and a check of a pipeline with <c>source.demo</c> write it
/// first when its file does not exist, so both read the same records.
/// </summary>
internal static class DemoSourceFile
{
    public static void Ensure(SourceDefinition source, ILogger log)
    {
        if (source.Demo is not { } demo || source.FilePath is not { } path || File.Exists(path))
        {
            return;
        }

        log.Information("Demo source {Path} not found: generating {Declarations} declarations (seed {Seed}, year {Year})", path, demo.Declarations, demo.Seed, demo.Year);
        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(path, demo.Declarations, demo.Seed, demo.Year));
        log.Information("Demo source written: {Declarations} declarations, {Events} events, {BadRows} deliberately bad rows in {Elapsed}",
            summary.Declarations, summary.Events, summary.BadRows, summary.Elapsed);
    }
}
