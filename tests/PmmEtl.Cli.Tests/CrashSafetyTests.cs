using System.Security.Cryptography;
using System.Text.Json;
using DuckDB.NET.Data;
using PmmEtl.Core.Stages;
using PmmEtl.DemoSource;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// The pipeline as a separate process, killed with SIGKILL at named points of a run, then run again. After every
/// kill: no partial load is visible, no snapshot folder lacks its manifest or holds a file that does not match it,
/// and the re-run ends with exactly the row counts and KPI values of an uninterrupted run.
/// </summary>
public sealed class CrashSafetyTests : IClassFixture<CrashSafetyTests.Baseline>
{
    public static readonly string[] KillPoints =
    [
        Checkpoints.Extract, Checkpoints.Append, Checkpoints.Merge, Checkpoints.TypeCommitted, Checkpoints.Loaded, Checkpoints.Measure,
        Checkpoints.Parquet, Checkpoints.Manifest, Checkpoints.Rename,
    ];

    private readonly Baseline _baseline;

    public CrashSafetyTests(Baseline baseline) => _baseline = baseline;

    public static TheoryData<string> Points() => new(KillPoints);

    /// <summary>A generated source of 4,000 declarations and the result of one uninterrupted run on it.</summary>
    public sealed class Baseline : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Baseline()
        {
            DemoSourceGenerator.Generate(new DemoSourceOptions(SourceFile, 4000, 7, 2025));
            Prepare(_folder.Path, this);
            (int code, _, string error) = CliProcess.Run(_folder.Path, null, "run", "demo.yaml");
            Assert.True(code == 0, error);
            (Facts, Values) = Read(_folder.Path);
        }

        public string SourceFile => _folder.File("customs-source.sqlite");

        public long Facts { get; }

        public List<string> Values { get; }

        public void Dispose() => _folder.Dispose();
    }

    internal static void Prepare(string folder, Baseline baseline)
    {
        string? dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir!, "PmmEtl.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        string yaml = File.ReadAllText(Path.Combine(dir!, "pipelines", "demo.yaml"))
            .Replace("../out/demo/", "", StringComparison.Ordinal)
            .Replace("../out/snapshots", "snapshots", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "demo.yaml"), yaml);
        string inputs = Path.Combine(dir!, "pipelines", "demo-inputs");
        Directory.CreateDirectory(Path.Combine(folder, "demo-inputs"));
        foreach (string file in Directory.GetFiles(inputs))
        {
            File.Copy(file, Path.Combine(folder, "demo-inputs", Path.GetFileName(file)), overwrite: true);
        }
        if (!File.Exists(Path.Combine(folder, "customs-source.sqlite")))
        {
            File.Copy(baseline.SourceFile, Path.Combine(folder, "customs-source.sqlite"));
        }
    }

    internal static (long Facts, List<string> Values) Read(string folder)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, "warehouse.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using DuckDBCommand count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM fact_declaration";
        long facts = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using DuckDBCommand values = connection.CreateCommand();
        values.CommandText = "SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n, excluded FROM fact_kpi_value ORDER BY ALL";
        using var reader = values.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return (facts, rows);
    }

    /// <summary>Every version folder holds its manifest and exactly the files it lists, with their checksums.</summary>
    internal static void AssertSnapshotsConsistent(string folder)
    {
        string snapshots = Path.Combine(folder, "snapshots");
        if (!Directory.Exists(snapshots))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(snapshots, "*.parquet", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(snapshots, file);
            bool inVersion = relative.Split(Path.DirectorySeparatorChar).Any(p => p.Length > 1 && p[0] == 'v' && p[1..].All(char.IsDigit));
            bool inTemp = relative.Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith(".tmp-", StringComparison.Ordinal));
            bool derived = relative.Contains("history", StringComparison.Ordinal);
            Assert.True(inVersion || inTemp || derived, $"a Parquet file outside any version: {relative}");
        }

        foreach (string manifestPath in Directory.EnumerateFiles(snapshots, "manifest.json", SearchOption.AllDirectories)
                     .Where(m => !m.Contains(".tmp-", StringComparison.Ordinal)))
        {
            string version = Path.GetDirectoryName(manifestPath)!;
            using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
            foreach (JsonElement f in manifest.RootElement.GetProperty("files").EnumerateArray())
            {
                string path = Path.Combine(version, f.GetProperty("name").GetString()!);
                Assert.True(File.Exists(path), $"{manifestPath} names a missing file {path}");
                Assert.Equal(f.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
            }
        }

        foreach (string dir in Directory.EnumerateDirectories(snapshots, "v*", SearchOption.AllDirectories)
                     .Where(d => Path.GetFileName(d)[1..].All(char.IsDigit)))
        {
            Assert.True(Directory.EnumerateFiles(dir, "manifest.json", SearchOption.AllDirectories).Any(), $"version folder without a manifest: {dir}");
        }
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Killed_at_a_checkpoint_and_run_again_gives_exactly_the_uninterrupted_result(string point)
    {
        using var folder = new TempFolder();
        Prepare(folder.Path, _baseline);

        using (var process = CliProcess.Start(folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = point }, "run", "demo.yaml"))
        {
            _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            CliProcess.WaitForCheckpoint(process, point, TimeSpan.FromMinutes(2));
            process.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no flushes
            process.WaitForExit();
        }

        // What a reader sees right after the crash: the load is all or nothing, snapshots are whole.
        (long facts, _) = Read(folder.Path);
        Assert.True(facts == 0 || facts == _baseline.Facts, $"after a kill at '{point}' the warehouse holds {facts} declarations: a partial load");
        AssertSnapshotsConsistent(folder.Path);

        (int code, _, string error) = CliProcess.Run(folder.Path, null, "run", "demo.yaml");
        Assert.True(code == 0, $"the re-run after a kill at '{point}' failed: {error}");
        (long again, List<string> values) = Read(folder.Path);
        Assert.Equal(_baseline.Facts, again);
        Assert.Equal(_baseline.Values, values);
        AssertSnapshotsConsistent(folder.Path);
        TestContext.Current.SendDiagnosticMessage($"kill point '{point}': consistent after the kill and after the re-run");
    }

    /// <summary>
    /// DuckDB's load deletes the window and appends into the fact inside one open transaction: a second run killed
    /// in the middle must leave the first run's rows exactly as they were, not an emptied or half-filled window.
    /// </summary>
    [Theory]
    [InlineData(Checkpoints.Append)]
    [InlineData(Checkpoints.Merge)]
    public void Killed_while_reloading_a_loaded_window_the_earlier_load_stays_whole(string point)
    {
        using var folder = new TempFolder();
        Prepare(folder.Path, _baseline);
        (int code, _, string error) = CliProcess.Run(folder.Path, null, "run", "demo.yaml");
        Assert.True(code == 0, error);

        using (var process = CliProcess.Start(folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = point }, "run", "demo.yaml"))
        {
            _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            CliProcess.WaitForCheckpoint(process, point, TimeSpan.FromMinutes(2));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        (long facts, List<string> values) = Read(folder.Path);
        Assert.Equal(_baseline.Facts, facts);
        Assert.Equal(_baseline.Values, values);
    }

    [Fact]
    public async Task Two_runs_started_at_once_load_once_and_the_other_is_skipped_saying_why()
    {
        using var folder = new TempFolder();
        Prepare(folder.Path, _baseline);

        // The first run holds the warehouse for a few seconds in the middle of its extract.
        using var first = CliProcess.Start(folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = Checkpoints.Extract, ["PMMETL_PAUSE_SECONDS"] = "4" }, "run", "demo.yaml");
        Task<string> firstOut = first.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        CliProcess.WaitForCheckpoint(first, Checkpoints.Extract, TimeSpan.FromMinutes(2));

        (int secondCode, _, string secondError) = CliProcess.Run(folder.Path, null, "run", "demo.yaml");

        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(3, secondCode);
        Assert.Contains("skipped", secondError, StringComparison.Ordinal);
        (long facts, List<string> values) = Read(folder.Path);
        Assert.Equal(_baseline.Facts, facts);
        Assert.Equal(_baseline.Values, values);
        Assert.Contains("succeeded", await firstOut, StringComparison.Ordinal);
    }
}
