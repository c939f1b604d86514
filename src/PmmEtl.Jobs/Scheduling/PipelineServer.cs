using Hangfire;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>
/// A Hangfire server with every pipeline of a folder registered, over in-memory storage (the embedded default)
/// or a shared SQL Server / PostgreSQL store.
/// Dispose to stop it; running jobs get their cancellation token.
/// </summary>
public sealed class PipelineServer : IDisposable
{
    private readonly BackgroundJobServer _server;

    public PipelineServer(string pipelinesFolder, PipelineOperations operations, JobStorageSettings? storage = null, bool catchUpNow = true)
    {
        Storage = (storage ?? JobStorageSettings.InMemory).Create();
        var jobs = new RecurringJobManager(Storage);
        Pipelines = PipelineSchedule.RegisterAll(jobs, pipelinesFolder);
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = 1, Activator = new RunnerJobActivator(operations), ServerName = $"pmm-etl:{Environment.MachineName}" },
            Storage);
        Jobs = jobs;
        if (catchUpNow)
        {
            // Nights missed while no server ran are caught up now, not at the next occurrence; a pipeline that is
            // up to date finds nothing due and returns at once.
            var client = new BackgroundJobClient(Storage);
            foreach (PipelineDefinition pipeline in Pipelines)
            {
                client.Enqueue<PipelineJob>(job => job.CatchUp(pipeline.DefinitionPath, CancellationToken.None));
            }
        }
    }

    public JobStorage Storage { get; }

    public IRecurringJobManager Jobs { get; }

    public IReadOnlyList<PipelineDefinition> Pipelines { get; }

    public void Dispose() => _server.Dispose();
}
