using Hangfire;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>Registers every pipeline of a folder as a recurring job with its own cron and time zone.</summary>
public static class PipelineSchedule
{
    public static string JobId(PipelineDefinition pipeline) => $"pipeline:{pipeline.Name}";

    public static IReadOnlyList<PipelineDefinition> RegisterAll(IRecurringJobManager jobs, string folder)
    {
        var registered = new List<PipelineDefinition>();
        foreach (string file in Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Order(StringComparer.Ordinal))
        {
            PipelineDefinition pipeline = PipelineDefinitionLoader.Load(file);
            jobs.AddOrUpdate<PipelineJob>(
                JobId(pipeline),
                job => job.Run(pipeline.DefinitionPath, CancellationToken.None),
                pipeline.Schedule.Cron,
                new RecurringJobOptions
                {
                    // Hangfire's API takes a BCL zone; it is looked up by the tzdb id that was validated on load
                    // (.NET on Linux reads the same IANA ids), so both sides agree on the schedule's zone.
                    TimeZone = TimeZoneInfo.FindSystemTimeZoneById(pipeline.Schedule.TimeZone.Id),
                    // One job for any number of missed occurrences: the job itself runs each missed night in order,
                    // from the warehouse's record of the last scheduled run, which outlives in-memory storage.
                    MisfireHandling = MisfireHandlingMode.Relaxed,
                });
            registered.Add(pipeline);
        }

        return registered;
    }
}
