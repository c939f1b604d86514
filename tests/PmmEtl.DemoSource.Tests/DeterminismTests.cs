using Dapper;

namespace PmmEtl.DemoSource.Tests;

public sealed class DeterminismTests
{
    private const int Size = 2_000;

    [Fact]
    public void Same_options_give_identical_content()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();

        DemoSourceGenerator.Generate(new DemoSourceOptions(one.File("a.sqlite"), Size, Seed: 7));
        DemoSourceGenerator.Generate(new DemoSourceOptions(two.File("b.sqlite"), Size, Seed: 7));

        Assert.Equal(SourceDump.Hash(one.File("a.sqlite")), SourceDump.Hash(two.File("b.sqlite")));
    }

    [Fact]
    public void A_different_seed_gives_different_content()
    {
        using var folder = new TempFolder();

        DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("a.sqlite"), Size, Seed: 7));
        DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("b.sqlite"), Size, Seed: 8));

        Assert.NotEqual(SourceDump.Hash(folder.File("a.sqlite")), SourceDump.Hash(folder.File("b.sqlite")));
    }

    [Fact]
    public void Generating_the_same_path_again_replaces_the_file_and_leaves_nothing_else()
    {
        using var folder = new TempFolder();
        string path = folder.File("demo.sqlite");
        File.WriteAllText(path, "not a database");

        DemoSourceGenerator.Generate(new DemoSourceOptions(path, Size, Seed: 1));
        DemoSourceGenerator.Generate(new DemoSourceOptions(path, Size, Seed: 2));

        using var fresh = new TempFolder();
        DemoSourceGenerator.Generate(new DemoSourceOptions(fresh.File("demo.sqlite"), Size, Seed: 2));
        Assert.Equal(SourceDump.Hash(fresh.File("demo.sqlite")), SourceDump.Hash(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void The_summary_counts_the_rows_written()
    {
        using var folder = new TempFolder();
        string path = folder.File("demo.sqlite");

        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(path, Size));

        using var connection = Sources.Open(path);
        Assert.Equal(Size, summary.Declarations);
        Assert.Equal(summary.Declarations, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM declaration"));
        Assert.Equal(summary.Events, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM declaration_event"));
        Assert.Equal(Size, connection.ExecuteScalar<long>("SELECT MAX(row_id) FROM declaration"));
    }
}
