using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Extract;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Normalise;
using PmmEtl.Publish;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// What the runner's caller composes for it, as it gives the clock: how to make the run's normaliser and publisher
/// (reached only through <see cref="IRecordNormaliser"/> and <see cref="ISnapshotPublisher"/>), what to do to a
/// source before it is read (the demo's generation, which Jobs does not know), and the hook told each named point
/// of the run (<see cref="Checkpoints"/>). <see cref="Standard"/> is the composition the command line, the Hangfire
/// server and the tests start from.
/// </summary>
/// <param name="Normaliser">One normaliser for the whole run, given the pipeline and what its source gives.</param>
/// <param name="Publisher">The publisher of a run's snapshots, made when the run reaches publishing.</param>
/// <param name="PrepareSource">Called before a run or check opens the source (a demo source written when missing).</param>
/// <param name="Checkpoints">Told each named point the run passes, by the runner and by the warehouse and publisher it opens.</param>
public sealed record RunStages(
    Func<PipelineDefinition, SourceFields, IRecordNormaliser> Normaliser,
    Func<ISnapshotPublisher> Publisher,
    Action<SourceDefinition> PrepareSource,
    ICheckpoints Checkpoints)
{
    /// <summary>The product's stages: <see cref="RecordNormaliser"/> with the pipeline's DST policy, offices, rates and
    /// range, and <see cref="ParquetSnapshotPublisher"/>; a source used as it is and no checkpoint hook unless given.</summary>
    public static RunStages Standard(ICheckpoints? checkpoints = null, Action<SourceDefinition>? prepareSource = null)
    {
        ICheckpoints hook = checkpoints ?? Core.Stages.Checkpoints.None;
        return new RunStages(
            (pipeline, fields) => new RecordNormaliser(pipeline.Offices, new LocalTimeResolver(pipeline.Dst), pipeline.ExchangeRates, fields, pipeline.Range),
            // Made per run: the publisher reads the signing key from the environment when it is made.
            () => new ParquetSnapshotPublisher(checkpoints: hook),
            prepareSource ?? (_ => { }),
            hook);
    }
}
