using System.CommandLine;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Dashboard;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;
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
        var dashboard = new Option<bool>("--dashboard") { Description = "Also serve the Hangfire dashboard and the pipelines' status page" };
        var dashboardUrl = new Option<string>("--dashboard-url") { Description = "Where the dashboard listens (loopback unless remote access is allowed)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var allowRemote = new Option<bool>("--dashboard-allow-remote") { Description = $"Serve beyond loopback; needs {DashboardSettings.UserVariable} and {DashboardSettings.PasswordVariable}" };
        var allowWrites = new Option<bool>("--dashboard-allow-writes") { Description = "Let the dashboard trigger, delete, retry and requeue jobs (read-only otherwise)" };
        var allowedHosts = new Option<string?>("--dashboard-allowed-hosts")
        {
            Description = "Comma-separated host names the dashboard answers to (default: the --dashboard-url host, plus localhost, 127.0.0.1 and [::1] for a loopback one)",
        };
        var command = new Command("serve", "Run a Hangfire server with every pipeline as a recurring job.")
        {
            folder, storage, storageConnection, dashboard, dashboardUrl, allowRemote, allowWrites, allowedHosts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            JobStorageSettings settings;
            DashboardSettings? web = null;
            try
            {
                CliPaths.ExistingFolder(parse.GetValue(folder)!, "--pipelines");
                settings = JobStorageSettings.From(parse.GetValue(storage)!, parse.GetValue(storageConnection));
                if (parse.GetValue(dashboard))
                {
                    web = DashboardSettings.From(parse.GetValue(dashboardUrl)!, parse.GetValue(allowRemote), parse.GetValue(allowWrites), parse.GetValue(allowedHosts));
                }
            }
            catch (Exception e) when (e is ArgumentException or CliUsageException)
            {
                Console.Error.WriteLine(CliErrors.Describe(e));
                return CliErrors.Usage;
            }

            PipelineOperations operations = Composition.Operations();
            using var server = new PipelineServer(parse.GetValue(folder)!, operations, settings);
            await using DashboardHost? host = web is null ? null : await DashboardHost.StartAsync(web, server.Storage, server.Pipelines, operations, cancellationToken);
            if (host is not null)
            {
                Log.Information("Dashboard on {Url}: /hangfire and /pmm/status, {Mode}, answering to {Hosts}, {Access}", host.Url,
                    web!.AllowWrites ? "writes allowed" : "read-only", string.Join(", ", web.AllowedHosts),
                    web.HasCredentials ? "credentials required" : "loopback only, no proxied requests");
            }

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
