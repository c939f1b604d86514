using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.DemoSource;
using PmmEtl.Extract;
using PmmEtl.Jobs.Checking;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;
using Serilog;

namespace PmmEtl.Cli;

/// <summary>
/// Where the command line puts the pieces together: the system clock, the log, the product's stages, the demo source
/// generated when a pipeline asks for it and is missing, and the checkpoint hook the environment asks for (the crash
/// tests'). Every command that runs, retries, backfills, serves or checks a pipeline starts here.
/// </summary>
internal static class Composition
{
    public static RunStages Stages() => RunStages.Standard(PauseAtCheckpoint.FromEnvironment(), PrepareDemoSource);

    public static PipelineRunner Runner() => new(SystemClock.Instance, Log.Logger, Stages());

    public static PipelineOperations Operations() => new(Runner(), SystemClock.Instance, Log.Logger);

    public static PipelineChecker Checker() => new(Log.Logger, Stages());

    /// <summary>The demo pipeline's source, written when its file does not exist (the same records for a run and a check).</summary>
    private static void PrepareDemoSource(SourceDefinition source)
    {
        DemoSourceSummary? summary = DemoSourceFile.Ensure(source, options => Log.Information(
            "Demo source {Path} not found: generating {Declarations} declarations (seed {Seed}, year {Year})",
            options.Path, options.Declarations, options.Seed, options.Year));
        if (summary is not null)
        {
            Log.Information("Demo source written: {Declarations} declarations, {Events} events, {BadRows} deliberately bad rows in {Elapsed}",
                summary.Declarations, summary.Events, summary.BadRows, summary.Elapsed);
        }
    }
}
