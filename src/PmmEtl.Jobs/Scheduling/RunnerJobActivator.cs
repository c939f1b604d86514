using Hangfire;
using PmmEtl.Jobs.Operations;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>Builds job instances with the runner the server was given, instead of a parameterless constructor.</summary>
public sealed class RunnerJobActivator(PipelineOperations operations) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(PipelineJob) ? new PipelineJob(operations) : base.ActivateJob(jobType);
}
