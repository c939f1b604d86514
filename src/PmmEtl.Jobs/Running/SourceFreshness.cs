using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Running;

/// <summary>The pipeline's freshness rule (freshness.max_source_age_hours): a source with no recent lodgement fails the run before anything is measured.</summary>
internal static class SourceFreshness
{
    /// <exception cref="StaleSourceException">The newest lodgement loaded is older than the pipeline allows, or there is none.</exception>
    public static void Check(PipelineDefinition pipeline, IOperationsBook operations, Instant now)
    {
        if (pipeline.MaxSourceAge is not { } allowed)
        {
            return;
        }

        Instant? latest = operations.LatestLodgement();
        if (latest is null || now - latest.Value > allowed)
        {
            throw new StaleSourceException(latest is null
                ? $"the source is stale: no declaration has been loaded (freshness.max_source_age_hours = {allowed.TotalHours:F0})"
                : $"the source is stale: its newest lodgement is {latest} ({(now - latest.Value).TotalHours:F0} h ago), "
                  + $"more than freshness.max_source_age_hours = {allowed.TotalHours:F0}; KPIs were not published");
        }
    }
}
