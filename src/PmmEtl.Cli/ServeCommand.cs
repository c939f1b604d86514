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
        var storage = new Option<string>("--storage") { Description = "Job store: inmemory, postgres or sqlserver (shared by several servers)", DefaultValueFactory = _ => "inmemory" };
        var storageConnection = new Option<string?>("--storage-connection-env") { Description = "Environment variable holding the job store's connection string" };
        var command = new Command("serve", "Run a Hangfire server with every pipeline as a recurring job.") { folder, storage, storageConnection };
        command.SetAction(async (parse, cancellationToken) =>
        {
            JobStorageSettings settings;
            try
            {
                settings = JobStorageSettings.From(parse.GetValue(storage)!, parse.GetValue(storageConnection));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            using var server = new PipelineServer(parse.GetValue(folder)!,
                new PmmEtl.Jobs.Operations.PipelineOperations(new PipelineRunner(SystemClock.Instance, Log.Logger), SystemClock.Instance, Log.Logger), settings);
            foreach (PipelineDefinition p in server.Pipelines)
            {
                Log.Information("Scheduled {Pipeline}: cron '{Cron}' in {TimeZone}", p.Name, p.Schedule.Cron, p.Schedule.TimeZone.Id);
            }

            Log.Information("Serving {Count} pipelines with {Storage} job storage; press Ctrl+C to stop", server.Pipelines.Count, settings.Kind);
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
