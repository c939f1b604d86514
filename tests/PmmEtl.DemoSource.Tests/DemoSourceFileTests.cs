using Dapper;
using PmmEtl.Core.Pipelines;
using PmmEtl.Extract;
using PmmEtl.Extract.Relational;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// The demo bootstrap the command line and the tests hand to the runner: it writes the demo source a pipeline names
/// only when the pipeline asks for a demo and the file is missing, and never touches a source that is there.
/// </summary>
public sealed class DemoSourceFileTests
{
    private static SourceDefinition Sqlite(string path, DemoSourceSettings? demo) => new()
    {
        Kind = "sqlite", ConnectionString = $"Data Source={path}", Queries = new Dictionary<string, string>(), FilePath = path, Demo = demo,
    };

    [Fact]
    public void A_missing_demo_source_is_written_with_the_pipelines_size_and_year_and_the_caller_is_told_first()
    {
        using var folder = new TempFolder();
        string path = folder.File("demo.sqlite");
        DemoSourceOptions? told = null;

        DemoSourceSummary? summary = DemoSourceFile.Ensure(Sqlite(path, new DemoSourceSettings(Seed: 7, Declarations: 40, Year: 2024)), o => told = o);

        Assert.NotNull(summary);
        Assert.Equal(new DemoSourceOptions(path, 40, 7, 2024), told);
        using var connection = Sources.Open(path);
        Assert.Equal(40, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM declaration"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM declaration WHERE registration_date NOT LIKE '2024-%'"));
    }

    [Fact]
    public void An_existing_file_and_a_pipeline_without_a_demo_are_left_as_they_are()
    {
        using var folder = new TempFolder();
        string existing = folder.Write("there.sqlite", "not a database");
        string absent = folder.File("absent.sqlite");
        bool told = false;

        Assert.Null(DemoSourceFile.Ensure(Sqlite(existing, new DemoSourceSettings(7, 40, 2024)), _ => told = true));
        Assert.Null(DemoSourceFile.Ensure(Sqlite(absent, demo: null), _ => told = true));

        Assert.False(told);
        Assert.Equal("not a database", File.ReadAllText(existing));
        Assert.False(File.Exists(absent));
    }
}
