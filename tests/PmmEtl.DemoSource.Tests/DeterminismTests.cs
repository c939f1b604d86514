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
    public void The_registers_do_not_change_the_declarations()
    {
        using var folder = new TempFolder();
        string[] declarationTables = ["office", "trader", "declaration", "declaration_event"];

        DemoSourceSummary with = DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("with.sqlite"), Size, Seed: 7));
        DemoSourceSummary without = DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("without.sqlite"), Size, Seed: 7, Registers: false));

        // Each register draws from a generator of its own, so the declaration tables are byte for byte the same.
        Assert.Equal(SourceDump.Hash(folder.File("without.sqlite"), declarationTables), SourceDump.Hash(folder.File("with.sqlite"), declarationTables));
        Assert.Empty(without.Registers);
        Assert.Equal(20, with.Registers.Count);
        using var connection = Sources.Open(folder.File("without.sqlite"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM house_bill"));
    }

    [Fact]
    public void Another_seed_changes_the_registers_too()
    {
        using var folder = new TempFolder();
        string[] registerTables = ["house_bill", "seizure_line", "employee", "aeo_certificate"];

        DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("a.sqlite"), Size, Seed: 7));
        DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("b.sqlite"), Size, Seed: 8));

        foreach (string table in registerTables)
        {
            Assert.NotEqual(SourceDump.Hash(folder.File("a.sqlite"), [table]), SourceDump.Hash(folder.File("b.sqlite"), [table]));
        }
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
        Assert.All(summary.Registers, r => Assert.Equal(r.Rows, connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {r.Table}")));
    }
}
