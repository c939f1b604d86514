using Hangfire;
using Hangfire.Storage;
using NodaTime;
using PmmEtl.Jobs.Running;
using PmmEtl.Jobs.Scheduling;
using Serilog;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>The Hangfire side: each pipeline is a recurring job with its own cron and zone, and runs the same runner.</summary>
public sealed class SchedulingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public SchedulingTests()
    {
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
    }

    public void Dispose() => _folder.Dispose();

    private static PmmEtl.Jobs.Operations.PipelineOperations Operations()
    {
        ILogger log = new LoggerConfiguration().CreateLogger();
        return new PmmEtl.Jobs.Operations.PipelineOperations(new PipelineRunner(SystemClock.Instance, log, PipelineHarness.Stages), SystemClock.Instance, log);
    }

    [Fact]
    public void Serve_registers_every_pipeline_with_its_cron_and_time_zone_and_a_trigger_runs_it()
    {
        using var server = new PipelineServer(_folder.Path, Operations(), catchUpNow: false);

        using IStorageConnection connection = server.Storage.GetConnection();
        RecurringJobDto job = connection.GetRecurringJobs().Single();
        Assert.Equal("pipeline:fixture", job.Id);
        Assert.Equal("30 2 * * *", job.Cron);
        Assert.Equal("America/New_York", job.TimeZoneId);

        server.Jobs.Trigger(job.Id);

        string runs = Path.Combine(_folder.Path, "runs");
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.json").Any()))
        {
            Thread.Sleep(200);
        }

        string result = File.ReadAllText(Directory.EnumerateFiles(runs, "*.json").Single());
        Assert.Contains("\"status\": \"succeeded\"", result, StringComparison.Ordinal);
        Assert.Contains("\"rows_loaded\": 21", result, StringComparison.Ordinal);
    }
}
