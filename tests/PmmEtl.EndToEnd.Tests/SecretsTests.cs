using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>A warehouse password reaches the program only through the environment, and never leaves it.</summary>
public sealed class SecretsTests(PostgresServer postgres)
{
    private const string Password = "Sw0rdfish-Never-Logged";

    [Fact]
    public void The_password_appears_in_no_log_run_result_manifest_or_warehouse_table()
    {
        // The test server trusts local connections, so any password works; it must still never be written.
        string connection = postgres.NewDatabase() + $";Password={Password}";
        string yaml = EngineEquivalenceTests.OnServer(FixtureSource.PipelineYaml(), "postgres", connection);
        using var h = new PipelineHarness(yaml);
        FixtureSource.Write(Path.Combine(h.Folder, "source.sqlite"), FixtureSource.Rows);
        var log = new CollectingSink();
        var logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(log).CreateLogger();

        RunSummary summary = new PipelineRunner(h.Clock, logger, PipelineHarness.Stages).Run(h.Definition, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("succeeded", summary.Run.Status);
        Assert.NotEmpty(log.Text);
        Assert.DoesNotContain(Password, log.Text, StringComparison.Ordinal);
        foreach (string file in Directory.EnumerateFiles(h.Folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".sqlite", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(Password, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Password, h.Definition.Warehouse.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_written_into_the_pipeline_file_is_refused()
    {
        using var h = new PipelineHarness(FixtureSource.PipelineYaml().Replace(
            "warehouse:\n  engine: duckdb\n  path: warehouse.duckdb",
            "warehouse:\n  engine: postgres\n  connection_string: \"Host=db;Username=pmm;Password=hunter2\"", StringComparison.Ordinal));
        var e = Assert.Throws<PmmEtl.Jobs.Definitions.PipelineDefinitionException>(() => h.Definition);
        Assert.Contains("warehouse.connection_string: holds a password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>Every event of a run, message and properties, as text to search.</summary>
internal sealed class CollectingSink : Serilog.Core.ILogEventSink
{
    private readonly System.Text.StringBuilder _text = new();

    public string Text => _text.ToString();

    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        _text.AppendLine(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var property in logEvent.Properties)
        {
            _text.AppendLine($"{property.Key}={property.Value}");
        }

        _text.AppendLine(logEvent.Exception?.ToString());
    }
}
