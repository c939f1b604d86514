using Hangfire;
using PmmEtl.Jobs.Running;

namespace PmmEtl.Jobs.Scheduling;

/// <summary>Builds job instances with the runner the server was given, instead of a parameterless constructor.</summary>
public sealed class RunnerJobActivator(PipelineRunner runner) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(PipelineJob) ? new PipelineJob(runner) : base.ActivateJob(jobType);
}
