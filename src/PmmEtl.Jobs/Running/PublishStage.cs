using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Jobs.Definitions;
using Serilog;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// Publishes each measured year that has values, through the <see cref="ISnapshotPublisher"/> the run was given, one
/// version per audience the pipeline publishes for (publish.audiences; all three by default), and logs where each went
/// and what the publisher found wrong in the archive.
/// </summary>
internal sealed class PublishStage(ISnapshotPublisher publisher, ILogger log)
{
    /// <summary>The snapshots published (or kept unchanged), and the yearly totals of every year published.</summary>
    public (IReadOnlyList<PublishedSnapshot> Snapshots, IReadOnlyList<KpiValue> Totals) Run(PipelineDefinition pipeline, RunContext run,
        IKpiValueReader values, IReadOnlyList<int> years, Func<Instant> now)
    {
        var totals = new List<KpiValue>();
        var snapshots = new List<PublishedSnapshot>();
        foreach (int year in years)
        {
            List<KpiValue> yearTotals = values.ReadValues(pipeline.Name, year)
                .Where(v => v.PeriodType == "year" && v.Breakdown == KpiFormula.TotalBreakdown).ToList();
            if (yearTotals.Count == 0)
            {
                continue;
            }

            totals.AddRange(yearTotals);
            PublishedSnapshot snapshot = publisher.Publish(
                new SnapshotRequest(pipeline.Name, year, run.RunId, now(), pipeline.Dst.ToString(), Tzdb.Version,
                    KpiCatalogue.Version, run.Window.ToString(), pipeline.OutputFolder)
                {
                    Audiences = pipeline.Publish.Audiences,
                    SuppressBelow = pipeline.Publish.SuppressBelow,
                },
                values);
            snapshots.Add(snapshot);
            foreach (PublishedAudience audience in snapshot.Audiences)
            {
                log.Information(audience.Unchanged ? "Snapshot {Year} {Audience} unchanged: {Folder} kept" : "Snapshot {Year} {Audience} published: {Folder}",
                    year, audience.Audience, audience.Folder);
                foreach (string finding in audience.Findings)
                {
                    log.Warning("Snapshot {Year} {Audience}: {Finding}", year, audience.Audience, finding);
                }
            }
        }

        return (snapshots, totals);
    }
}
