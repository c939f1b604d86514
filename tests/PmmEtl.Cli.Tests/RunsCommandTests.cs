using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary><c>pmm-etl runs</c> only reads: it creates no warehouse and applies no schema script, and a bad definition is one line and exit 2.</summary>
public sealed class RunsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public RunsCommandTests() => File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_definition_error_is_one_line_and_exit_2()
    {
        File.WriteAllText(_folder.File("bad.yaml"), FixtureSource.PipelineYaml().Replace("America/Chicago", "America/Chicagoo", StringComparison.Ordinal));

        (int code, string output, string error) = CliProcess.Run(_folder.Path, null, "runs", "bad.yaml");

        Assert.True(code == 2, $"exit {code}\n{error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("offices[1].zone: 'America/Chicagoo' is not an IANA time zone", line, StringComparison.Ordinal);
        Assert.Equal("", output.Trim());
        Assert.False(File.Exists(_folder.File("warehouse.duckdb")));
    }

    [Fact]
    public void Runs_before_any_run_creates_no_warehouse()
    {
        (int code, string output, string error) = CliProcess.Run(_folder.Path, null, "runs", "fixture.yaml");

        Assert.True(code == 0, $"exit {code}\n{error}");
        Assert.Contains("no runs of 'fixture' yet", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("warehouse.duckdb")));
    }

    [Fact]
    public void Runs_on_a_warehouse_not_migrated_migrates_nothing_and_says_so()
    {
        // A DuckDB file with no schema: what a read must leave as it found it.
        string warehouse = _folder.File("warehouse.duckdb");
        DuckDbRows.Read($"Data Source={warehouse}", "CREATE TABLE unrelated (x INTEGER)");

        (int code, _, string error) = CliProcess.Run(_folder.Path, null, "runs", "fixture.yaml");

        Assert.True(code == 2, $"exit {code}\n{error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("is not migrated", line, StringComparison.Ordinal);
        Assert.Contains("pmm-etl migrate", line, StringComparison.Ordinal);
        // Still only the table the test made: no schema_version, no run book.
        List<object?[]> tables = DuckDbRows.Read($"Data Source={warehouse};ACCESS_MODE=READ_ONLY", "SELECT table_name FROM information_schema.tables ORDER BY 1");
        Assert.Equal(["unrelated"], tables.Select(t => (string)t[0]!));
    }

    [Fact]
    public void Runs_after_a_run_lists_it()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        (int runCode, string runOutput, string runError) = CliProcess.Run(_folder.Path, null, "run", "fixture.yaml");
        Assert.True(runCode == 0, runError);
        string runId = runOutput.Trim().Split(' ', 3)[1];

        (int code, string output, string error) = CliProcess.Run(_folder.Path, null, "runs", "fixture.yaml");

        Assert.True(code == 0, $"exit {code}\n{error}");
        Assert.StartsWith(runId, output.Trim(), StringComparison.Ordinal);
    }
}
