using System.CommandLine;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Running;
using PmmEtl.Jobs.Scheduling;
using Serilog;

namespace PmmEtl.Cli;

/// <summary><c>pmm-etl serve</c>: a Hangfire server running every pipeline of a folder on its own schedule until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var folder = new Option<string>("--pipelines") { Description = "Folder of pipeline definitions", DefaultValueFactory = _ => "pipelines" };
        var command = new Command("serve", "Run a Hangfire server (in-memory storage) with every pipeline as a recurring job.") { folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var server = new PipelineServer(parse.GetValue(folder)!, new PipelineRunner(SystemClock.Instance, Log.Logger));
            foreach (PipelineDefinition p in server.Pipelines)
            {
                Log.Information("Scheduled {Pipeline}: cron '{Cron}' in {TimeZone}", p.Name, p.Schedule.Cron, p.Schedule.TimeZone.Id);
            }

            Log.Information("Serving {Count} pipelines; press Ctrl+C to stop", server.Pipelines.Count);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Log.Information("Stopping");
            }

            return 0;
        });
        return command;
    }
}
