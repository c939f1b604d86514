using Hangfire;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>
/// The recurring Hangfire job of a pipeline. It receives only the definition's path (jobs are at-least-once
/// and serialised: pass ids, not objects), reads the definition afresh, and calls the same runner as
/// <c>pmm-etl run</c>. A definition error is not retried: it fails at once with the reason.
/// </summary>
public sealed class PipelineJob
{
    private readonly PipelineOperations _operations;

    public PipelineJob(PipelineOperations operations) => _operations = operations;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(JobAbortedException)])]
    [JobDisplayName("pipeline {0}")]
    public void Run(string definitionPath, CancellationToken cancellationToken) => Execute(definitionPath, missedOnly: false, cancellationToken);

    /// <summary>On server start: only the nights missed while no server ran.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(JobAbortedException)])]
    [JobDisplayName("catch up {0}")]
    public void CatchUp(string definitionPath, CancellationToken cancellationToken) => Execute(definitionPath, missedOnly: true, cancellationToken);

    private void Execute(string definitionPath, bool missedOnly, CancellationToken cancellationToken)
    {
        PipelineDefinition pipeline;
        try
        {
            pipeline = PipelineDefinitionLoader.Load(definitionPath);
        }
        catch (PipelineDefinitionException e)
        {
            // Retrying cannot fix a bad definition; fail the job without the retry filter's delays.
            throw new JobAbortedException(e.Message, e);
        }

        _operations.RunScheduled(pipeline, missedOnly, cancellationToken);
    }
}

/// <summary>A job failure that retries cannot fix.</summary>
public sealed class JobAbortedException(string message, Exception inner) : Exception(message, inner);
