using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// Every command, started as a real process, answers a missing file and a bad argument with exit 2 and one line on
/// standard error: no stack trace, no help text, nothing on standard output.
/// </summary>
public sealed class CommandErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public CommandErrorTests()
    {
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        File.WriteAllText(_folder.File("plain-file"), "not a folder");
    }

    public void Dispose() => _folder.Dispose();

    private static readonly (string Command, string[] Args, string Says)[] All =
    [
        // command, arguments, a part of the line that says what is wrong
        ("run", ["run", "missing.yaml"], "missing.yaml: file not found"),
        ("run", ["run", "fixture.yaml", "--from", "2025-13-01"], "--from: '2025-13-01' is not a date"),
        ("run", ["run", "fixture.yaml", "--bogus"], "--bogus"),
        ("backfill", ["backfill", "missing.yaml", "--from", "2025-01-01", "--to", "2025-01-02"], "missing.yaml: file not found"),
        ("backfill", ["backfill", "fixture.yaml", "--from", "2025-01-01", "--to", "2025-01-02", "--days-per-run", "0"], "--days-per-run: 0"),
        ("backfill", ["backfill", "fixture.yaml", "--from", "2025-01-01"], "--to"),
        ("retry", ["retry", "missing.yaml"], "missing.yaml: file not found"),
        ("retry", ["retry"], "Required argument missing"),
        ("status", ["status", "missing.yaml"], "missing.yaml: file not found"),
        ("status", ["status", "fixture.yaml", "second.yaml"], "second.yaml"),
        ("runs", ["runs", "missing.yaml"], "missing.yaml: file not found"),
        ("runs", ["runs", "fixture.yaml", "--last", "0"], "--last: 0 is not a number of runs"),
        ("runs", ["runs", "fixture.yaml", "--last", "ten"], "ten"),
        ("verify", ["verify", "missing-archive"], "missing-archive"),
        ("verify", ["verify", "plain-file"], "'plain-file' is not a folder"),
        ("verify", ["verify", ".", "--bogus"], "--bogus"),
        ("check", ["check", "missing.yaml"], "missing.yaml: file not found"),
        ("check", ["check", "fixture.yaml", "--sample", "0"], "--sample: '0' is not a number of records"),
        ("check", ["check", "fixture.yaml", "--sample", "some"], "--sample: 'some' is not a number of records (1 or more) nor 'all'"),
        ("check", ["check", "fixture.yaml", "--max-quarantine", "150"], "--max-quarantine: 150 is not a percentage"),
        ("check", ["check", "fixture.yaml", "--max-quarantine", "lots"], "lots"),
        ("migrate", ["migrate", "missing.yaml"], "missing.yaml: file not found"),
        ("migrate", ["migrate"], "Required argument missing"),
        // kpis reads no file: only its arguments can be wrong.
        ("kpis", ["kpis", "--format", "xml"], "--format 'xml' is not a format"),
        ("kpis", ["kpis", "--input", "telepathy"], "telepathy"),
        ("bench", ["bench", "--pipeline", "missing.yaml", "--declarations", "3000", "--increment", "300", "--folder", "bench"], "missing.yaml: file not found"),
        ("bench", ["bench", "--declarations", "-5"], "--declarations: -5 is not a number of declarations"),
        ("bench", ["bench", "--folder", "plain-file/bench"], "--folder:"),
        ("demo-source", ["demo-source", "--path", "plain-file/customs.sqlite"], "plain-file is a file"),
        ("demo-source", ["demo-source", "--path", "x.sqlite", "--year", "99999"], "--year: 99999 is not a four-digit year"),
        ("serve", ["serve", "--pipelines", "missing-folder"], "--pipelines:"),
        ("serve", ["serve", "--pipelines", ".", "--storage", "bogus"], "--storage: unknown job storage 'bogus'"),
    ];

    public static TheoryData<string, string[], string> Cases => new(All);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_missing_file_or_a_bad_argument_is_exit_2_with_one_line_and_no_stack_trace(string command, string[] args, string says)
    {
        (int code, string output, string error) = CliProcess.Run(_folder.Path, null, args);

        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(code == 2, $"{command}: exit {code}\n{error}");
        Assert.True(lines.Length == 1, $"{command}: {lines.Length} lines on standard error:\n{error}");
        Assert.Contains(says, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public void Every_command_is_covered()
    {
        string[] commands = ["run", "check", "backfill", "retry", "status", "runs", "verify", "migrate", "kpis", "bench", "demo-source", "serve"];
        Assert.Equal(commands.Order(), All.Select(c => c.Command).Distinct().Order());
    }

    [Fact]
    public void A_failure_while_working_is_exit_1_with_one_line_and_no_stack_trace()
    {
        // The definition is valid; its warehouse path is a folder, so the warehouse cannot be opened.
        Directory.CreateDirectory(_folder.File("warehouse.duckdb"));

        (int code, _, string error) = CliProcess.Run(_folder.Path, null, "runs", "fixture.yaml");

        Assert.True(code == 1, $"exit {code}\n{error}");
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pmm-etl runs: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run whose warehouse cannot be opened still leaves its trace: one line on standard error, a run result file that
    /// says it failed and why, and the reason in the log file (no run row: there is no warehouse to hold it).
    /// </summary>
    [Fact]
    public void A_run_whose_warehouse_cannot_be_opened_writes_its_run_result_and_a_log_line()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        Directory.CreateDirectory(_folder.File("warehouse.duckdb"));

        (int code, _, string error) = CliProcess.Run(_folder.Path, null, "run", "fixture.yaml");

        // The run's own log lines go to the console as for any run; the failure ends it in one line, without a stack trace.
        Assert.True(code == 1, $"exit {code}\n{error}");
        Assert.StartsWith("pmm-etl: the run of 'fixture' failed", error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        string result = Assert.Single(Directory.GetFiles(_folder.File("runs"), "*.json"));
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result)))
        {
            Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
            Assert.Contains("the warehouse could not be opened", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        string logs = string.Concat(Directory.GetFiles(_folder.File("logs"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("the warehouse could not be opened", logs, StringComparison.Ordinal);
    }
}
