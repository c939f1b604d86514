using System.Security.Cryptography;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;

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

    /// <summary>
    /// A verify started while a run is publishing (paused right after its first version's rename, before the history is
    /// written) waits for the publication and then reports the archive as it is: no transient failure.
    /// </summary>
    [Fact]
    public async Task Verify_during_a_publication_waits_for_it_and_reports_no_false_problem()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        using var run = CliProcess.Start(_folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = Checkpoints.Rename, ["PMMETL_PAUSE_SECONDS"] = "4" }, "run", "fixture.yaml");
        Task<string> runOut = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        CliProcess.WaitForCheckpoint(run, Checkpoints.Rename, TimeSpan.FromMinutes(2));
        Assert.True(Directory.Exists(Path.Combine(_folder.Path, "snapshots", "public", "fixture", "2025", "v1")), "the run paused before its first rename");
        Assert.False(File.Exists(Path.Combine(_folder.Path, "snapshots", "public", "fixture", "history", "kpi_values_history.parquet")), "the history was written already");

        (int code, string output, string error) = CliProcess.Run(_folder.Path, null, "verify", "snapshots");

        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("problem:", output, StringComparison.Ordinal);
        Assert.EndsWith($"verify: OK: 3 versions, 16 files, 3 histories in {_folder.File("snapshots")}; no problems", output.TrimEnd(), StringComparison.Ordinal);
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)), "the run did not finish");
        Assert.True(run.ExitCode == 0, await runOut);
    }

    /// <summary>
    /// A run killed between a version's rename and the history's rewrite leaves the history stale; the next run, whose
    /// values are unchanged, repairs it and says so, and verify is clean again.
    /// </summary>
    [Fact]
    public void A_run_killed_after_a_rename_leaves_a_stale_history_that_the_next_run_repairs()
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        (int first, _, string firstError) = CliProcess.Run(_folder.Path, null, "run", "fixture.yaml");
        Assert.True(first == 0, firstError);

        // One import fewer changes K04 (public): the next run publishes v2 in every audience.
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows.Where(r => r.Id != "I7"));
        using (var killed = CliProcess.Start(_folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = Checkpoints.Rename }, "run", "fixture.yaml"))
        {
            _ = killed.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            CliProcess.WaitForCheckpoint(killed, Checkpoints.Rename, TimeSpan.FromMinutes(2));
            killed.Kill(entireProcessTree: true);
            killed.WaitForExit();
        }

        string history = Path.Combine(_folder.Path, "snapshots", "public", "fixture", "history", "kpi_values_history.parquet");
        (int stale, string staleOut, _) = CliProcess.Run(_folder.Path, null, "verify", "snapshots");
        Assert.Equal(1, stale);
        Assert.Contains(staleOut.Split('\n'), l => l.StartsWith($"problem: {history}: ", StringComparison.Ordinal) && l.EndsWith("the history is out of date", StringComparison.Ordinal));

        (int again, string againOut, string againError) = CliProcess.Run(_folder.Path, null, "run", "fixture.yaml");
        (int clean, string cleanOut, _) = CliProcess.Run(_folder.Path, null, "verify", "snapshots");

        Assert.True(again == 0, againError);
        Assert.True(clean == 0, cleanOut);
        Assert.EndsWith("; no problems", cleanOut.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("    public: the history was out of date; rebuilt from the published versions", againOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_signs_with_the_key_of_the_environment_and_never_writes_the_key_anywhere()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string pem = key.ExportPkcs8PrivateKeyPem();
        string fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());

        (int run, string runOut, string runError) = CliProcess.Run(_folder.Path, new Dictionary<string, string> { ["PMMETL_SIGNING_KEY"] = pem }, "run", "fixture.yaml");
        (int verify, string verifyOut, _) = CliProcess.Run(_folder.Path, null, "verify", "snapshots");

        Assert.True(run == 0, runError);
        Assert.True(verify == 0, verifyOut);
        Assert.Contains($"note: {_folder.File("snapshots")}/public/fixture/signing-key.pem: versions are signed with the key of SHA-256 {fingerprint}", verifyOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "snapshots", "national", "fixture", "2025", "v1", "manifest.sig")));
        string secret = pem.Split('\n')[2]; // a line of the private key's body
        Assert.DoesNotContain(secret, runOut + runError, StringComparison.Ordinal);
        Assert.All(Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".duckdb", StringComparison.Ordinal)),
            f => Assert.DoesNotContain(secret, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_archive_folder_exits_2()
    {
        (int code, _, string error) = CliProcess.Run(_folder.Path, null, "verify", "no-such-folder");

        Assert.Equal(2, code);
        Assert.Contains("'no-such-folder' is not a folder", error, StringComparison.Ordinal);
    }
}
