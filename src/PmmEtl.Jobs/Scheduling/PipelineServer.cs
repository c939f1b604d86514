using Hangfire;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>
/// A Hangfire server with every pipeline of a folder registered, over in-memory storage (the embedded default)
/// or a shared SQL Server / PostgreSQL store.
/// Dispose to stop it; running jobs get their cancellation token.
/// </summary>
public sealed class PipelineServer : IDisposable
{
    private readonly BackgroundJobServer _server;

    public PipelineServer(string pipelinesFolder, PipelineRunner runner, JobStorageSettings? storage = null)
    {
        Storage = (storage ?? JobStorageSettings.InMemory).Create();
        var jobs = new RecurringJobManager(Storage);
        Pipelines = PipelineSchedule.RegisterAll(jobs, pipelinesFolder);
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = 1, Activator = new RunnerJobActivator(runner), ServerName = $"pmm-etl:{Environment.MachineName}" },
            Storage);
        Jobs = jobs;
    }

    public JobStorage Storage { get; }

    public IRecurringJobManager Jobs { get; }

    public IReadOnlyList<PipelineDefinition> Pipelines { get; }

    public void Dispose() => _server.Dispose();
}
