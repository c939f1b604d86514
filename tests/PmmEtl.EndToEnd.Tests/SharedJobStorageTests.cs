using Hangfire.Storage;
using NodaTime;
using PmmEtl.Jobs.Running;
using PmmEtl.Jobs.Scheduling;
using Serilog;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>Hangfire on PostgreSQL storage: two servers share one job store, and a triggered job runs once.</summary>
public sealed class SharedJobStorageTests(PostgresServer postgres) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Two_servers_on_one_postgres_store_register_the_pipeline_once_and_run_it()
    {
        string connection = postgres.NewDatabase();
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        var storage = new JobStorageSettings("postgres", connection);
        var runner = new PmmEtl.Jobs.Operations.PipelineOperations(new PipelineRunner(SystemClock.Instance, new LoggerConfiguration().CreateLogger(), PipelineHarness.Stages), SystemClock.Instance, new LoggerConfiguration().CreateLogger());

        using var first = new PipelineServer(_folder.Path, runner, storage, catchUpNow: false);
        using var second = new PipelineServer(_folder.Path, runner, storage, catchUpNow: false);

        using (IStorageConnection store = first.Storage.GetConnection())
        {
            RecurringJobDto job = store.GetRecurringJobs().Single();
            Assert.Equal("pipeline:fixture", job.Id);
            Assert.Equal("America/New_York", job.TimeZoneId);
        }

        second.Jobs.Trigger("pipeline:fixture");

        string runs = Path.Combine(_folder.Path, "runs");
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !(Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.json").Any()))
        {
            Thread.Sleep(250);
        }

        // Give a second (wrong) execution time to appear before counting.
        Thread.Sleep(2000);
        string[] results = Directory.GetFiles(runs, "*.json");
        Assert.Single(results);
        Assert.Contains("\"status\": \"succeeded\"", File.ReadAllText(results[0]), StringComparison.Ordinal);
    }
}
