using PmmEtl.EndToEnd.Tests;

namespace PmmEtl.Cli.Tests;

/// <summary><c>pmm-etl verify</c> as an archivist runs it: after a real run, clean; after damage, each problem with its path and exit 1.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_published_archive_verifies_clean_and_a_changed_byte_fails_with_the_path()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        (int run, _, string runError) = CliProcess.Run(_folder.Path, null, "run", "fixture.yaml");
        Assert.True(run == 0, runError);

        (int clean, string cleanOut, _) = CliProcess.Run(_folder.Path, null, "verify", "snapshots");

        Assert.Equal(0, clean);
        // 3 audiences × 1 version; national has 6 files, public and wco 5 (no exclusions); one history each.
        Assert.EndsWith($"verify: OK: 3 versions, 16 files, 3 histories in {_folder.File("snapshots")}; no problems", cleanOut.TrimEnd(), StringComparison.Ordinal);

        string report = Path.Combine(_folder.Path, "snapshots", "public", "fixture", "2025", "v1", "kpi_report.html");
        File.AppendAllText(report, " ");
        string extra = Path.Combine(_folder.Path, "snapshots", "wco", "fixture", "2025", "v1", "copy.parquet");
        File.WriteAllText(extra, "x");
        string catalogue = Path.Combine(_folder.Path, "snapshots", "national", "fixture", "2025", "v1", "kpi_catalogue.parquet");
        File.Delete(catalogue);

        (int damaged, string damagedOut, _) = CliProcess.Run(_folder.Path, null, "verify", "snapshots");

        Assert.Equal(1, damaged);
        string[] lines = damagedOut.TrimEnd().Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"problem: {report}: changed: ", StringComparison.Ordinal));
        Assert.Contains($"problem: {extra}: extra file: not listed in the manifest", lines);
        Assert.Contains($"problem: {catalogue}: missing: listed in the manifest", lines);
        Assert.EndsWith("; 3 problems", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_archive_folder_exits_2()
    {
        (int code, _, string error) = CliProcess.Run(_folder.Path, null, "verify", "no-such-folder");

        Assert.Equal(2, code);
        Assert.Contains("'no-such-folder' is not a folder", error, StringComparison.Ordinal);
    }
}
