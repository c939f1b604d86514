using System.Globalization;
using System.Text.RegularExpressions;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>pmm-etl as a user starts it: a separate process, its exit code, what it prints.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (int ExitCode, string Out, string Error) Run(params string[] args) => CliProcess.Run(_folder.Path, null, args);

    [Fact]
    public void Run_prints_a_short_summary_and_where_the_files_went_and_logs_the_run_id_on_every_line()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());

        (int code, string output, string error) = Run("run", "fixture.yaml");

        Assert.True(code == 0, error);
        // The headline: K04 of 2025 (worked out in FixturePipelineTests) with its unit and N; not the whole table.
        Assert.Matches(@"headline KPIs 2025 \(\d+ of \d+ measured\):", output);
        Assert.Matches(@"K04\s+Physical release time for import\s+220\.00 minutes\s+N 6", output);
        Assert.DoesNotContain("Excluded", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"K13\s+.*as_printed", output);
        Assert.Contains("26 read, 21 loaded, 5 quarantined", output, StringComparison.Ordinal);
        Assert.Contains("quarantined (table dq_quarantine), by reason:", output, StringComparison.Ordinal);
        // Entries measured and not measurable add up to the entries.
        Match kpis = Regex.Match(output, @"KPIs: (\d+) entries \(KPI × variant × year\), (\d+) measured, (\d+) not measurable");
        Assert.True(kpis.Success, output);
        Assert.Equal(int.Parse(kpis.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(kpis.Groups[2].Value, CultureInfo.InvariantCulture) + int.Parse(kpis.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Contains("pmm-etl run --table", output, StringComparison.Ordinal);
        // Standard error is redirected here: log lines only, no progress bar drawn over them.
        Assert.DoesNotContain("\r", error, StringComparison.Ordinal);
        Assert.DoesNotContain("rows/s ·", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder.Path, "snapshots", "national", "fixture", "2025", "v1"), output, StringComparison.Ordinal);
        string runId = output.Split(' ')[1].Trim();
        string[] logLines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(logLines);
        Assert.All(logLines, line => Assert.Contains(runId, line, StringComparison.Ordinal));
        string jsonLog = File.ReadAllText(Directory.GetFiles(_folder.File("logs")).Single());
        Assert.Contains($"\"RunId\":\"{runId}\"", jsonLog, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_table_ends_with_every_entry_and_year()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());

        (int code, string output, string error) = Run("run", "fixture.yaml", "--table");

        Assert.True(code == 0, error);
        Assert.Matches(@"K04\s+Physical release time for import\s+pmm\s+2025\s+220\.00 minutes\s+6\s+7 public", output);
        Assert.Matches(@"K13\s+.*as_printed\s+2025\s+37\.00", output);
    }

    [Fact]
    public void A_bad_definition_exits_2_naming_the_key_before_any_data_moves()
    {
        File.WriteAllText(_folder.File("bad.yaml"), FixtureSource.PipelineYaml().Replace("America/Chicago", "America/Chicagoo", StringComparison.Ordinal));

        (int code, _, string error) = Run("run", "bad.yaml");

        Assert.Equal(2, code);
        Assert.Contains("offices[1].zone: 'America/Chicagoo' is not an IANA time zone", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("warehouse.duckdb")));
    }

    [Fact]
    public void A_failing_run_exits_1_with_a_readable_message()
    {
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());

        (int code, _, string error) = Run("run", "fixture.yaml");

        Assert.Equal(1, code);
        Assert.Contains("the run of 'fixture' failed: source.path: the source file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_with_the_end_before_the_start_is_refused()
    {
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        (int code, _, string error) = Run("run", "fixture.yaml", "--from", "2025-02-01", "--to", "2025-01-01");
        Assert.Equal(2, code);
        Assert.Contains("--to (2025-01-01) must be after --from (2025-02-01)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bench_command_runs_both_sides_on_a_small_source_and_reports_every_measure()
    {
        // Not a timing test: it only keeps the benchmark runnable. Timings are in docs/benchmarks.md.
        string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(CliProcess.Dll())!, "..", "..", "..", "..", "..", ".."));
        // Started outside the repository root and without --pipeline: the bench finds the repository's demo pipeline itself.
        (int code, string output, string error) = Run("bench", "--declarations", "3000", "--increment", "300", "--folder", _folder.File("bench"));

        Assert.True(code == 0, error);
        foreach (string measure in (string[])["ours, whole run", "rows per second", "peak memory (RSS", "DuckDB SQL reference", "ratio ours / reference", "nightly increment:", "PostgreSQL"])
        {
            Assert.Contains(measure, output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(_folder.File(Path.Combine("bench", "reference.parquet"))));
        // The values are compared, not assumed: PostgreSQL publishes DuckDB's values (where its server could start).
        // The night publishes a full run's values (the demo repeats some ids on a later day, on purpose).
        Assert.Contains("the increment's published values against the full run's (must be identical) | identical (", output, StringComparison.Ordinal);
        if (output.Contains("PostgreSQL, whole run", StringComparison.Ordinal))
        {
            Assert.Contains("PostgreSQL's published values against DuckDB's (must be identical) | identical (", output, StringComparison.Ordinal);
        }

        // Again on the same exports: nothing generated, the same increment re-read.
        (code, string again, error) = Run("bench", "--declarations", "3000", "--increment", "300", "--folder", _folder.File("bench"),
            "--pipeline", Path.Combine(repo, "pipelines", "demo.yaml"), "--no-postgres", "--reuse-source");
        Assert.True(code == 0, error);
        Assert.Contains("reusing the 3,000-declaration source", error, StringComparison.Ordinal);
        Assert.Contains("reused (`--reuse-source`)", again, StringComparison.Ordinal);
        Assert.Equal(NightlyLine(output), NightlyLine(again));

        static string NightlyLine(string markdown) => markdown.Split('\n').Single(l => l.Contains("nightly increment:", StringComparison.Ordinal)).Split('|')[1];
    }
}
