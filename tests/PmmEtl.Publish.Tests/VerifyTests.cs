using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Publish.Tests;

/// <summary>verify finds every kind of damage an archive can suffer, names the file, and passes a sound archive.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();
    private readonly string _v1;

    public VerifyTests()
    {
        var publisher = new ParquetSnapshotPublisher();
        publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"),
            new FakeKpiValueReader([.. SampleRows.Values.Select(v => v with { N = v.N + 1 })], SampleRows.Exclusions, SampleRows.Distribution));
        _v1 = Path.Combine(_temp.YearFolder("demo", 2024), "v1");
    }

    private VerificationResult Verify() => ArchiveVerifier.Verify(_temp.Output);

    [Fact]
    public void A_sound_archive_has_no_problems()
    {
        VerificationResult result = Verify();

        Assert.Empty(result.Problems);
        Assert.Equal(6, result.Versions); // v1 and v2 in each of three audiences
        Assert.Equal(3, result.Histories);
        Assert.Equal(2 * (6 + 5 + 5), result.Files); // national: 6 files, public and wco: 5 (no exclusions)
    }

    [Fact]
    public void One_changed_byte_is_reported_with_the_file()
    {
        string file = Path.Combine(_v1, ParquetSnapshotPublisher.ReportFileName);
        byte[] bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        ArchiveProblem problem = Assert.Single(Verify().Problems);

        Assert.Equal(file, problem.Path);
        Assert.StartsWith("changed: SHA-256", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_Parquet_byte_is_reported_even_when_the_file_still_reads()
    {
        string file = Archive.Values(_v1);
        byte[] bytes = File.ReadAllBytes(file);
        int at = Array.IndexOf(bytes, (byte)'K', 100); // a kpi_code character in a data page: still valid Parquet
        bytes[at + 1] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        Assert.Contains(Verify().Problems, p => p.Path == file && p.Message.StartsWith("changed: SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        string file = Path.Combine(_v1, ParquetSnapshotPublisher.WorkbookFileName);
        File.Delete(file);

        ArchiveProblem problem = Assert.Single(Verify().Problems);

        Assert.Equal((file, "missing: listed in the manifest"), (problem.Path, problem.Message));
    }

    [Fact]
    public void An_extra_file_in_a_version_is_reported()
    {
        string file = Path.Combine(_v1, "notes.txt");
        File.WriteAllText(file, "added by hand");

        ArchiveProblem problem = Assert.Single(Verify().Problems);

        Assert.Equal((file, "extra file: not listed in the manifest"), (problem.Path, problem.Message));
    }

    [Fact]
    public void Extra_entries_outside_versions_are_reported()
    {
        string top = Path.Combine(_temp.Output, "README.txt");
        string inYear = Path.Combine(_temp.YearFolder("demo", 2024, "wco"), "v2-draft");
        File.WriteAllText(top, "x");
        Directory.CreateDirectory(inYear);

        Assert.Equal(new[] { inYear, top }.Order(StringComparer.Ordinal), Verify().Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_removed_version_is_reported()
    {
        Directory.Delete(_v1, recursive: true);

        VerificationResult result = Verify();

        Assert.Contains(result.Problems, p => p.Path == _v1 && p.Message.StartsWith("missing", StringComparison.Ordinal));
        // The history still points at what exists (v2), so it is consistent.
        Assert.DoesNotContain(result.Problems, p => p.Path.Contains("history", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_the_wrong_schema_is_reported_even_when_its_checksum_was_updated()
    {
        // Put the exclusions file in place of the distribution file and make the manifest agree with its bytes.
        string target = Path.Combine(_v1, ParquetSnapshotPublisher.DistributionFileName);
        File.Copy(Path.Combine(_v1, ParquetSnapshotPublisher.ExclusionsFileName), target, overwrite: true);
        RewriteManifestEntry(_v1, ParquetSnapshotPublisher.DistributionFileName, rows: 2);

        ArchiveProblem problem = BesidesTheEditedManifest(Verify(), _v1);

        Assert.Equal(target, problem.Path);
        Assert.Equal(
            "schema: columns differ from the schema: missing [year, bin, lower_minutes, upper_minutes, disclosure, suppressed], " +
            "unexpected [period_type, period_label, period_start, reason, explanation]",
            problem.Message);
    }

    [Fact]
    public void A_wrong_row_count_in_the_manifest_is_reported()
    {
        RewriteManifestEntry(_v1, ParquetSnapshotPublisher.ValuesFileName, rows: 6);

        ArchiveProblem problem = BesidesTheEditedManifest(Verify(), _v1);

        Assert.Equal((Archive.Values(_v1), "holds 5 rows, the manifest says 6"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_row_the_audience_may_not_see_is_reported()
    {
        // The national values file, with its manifest entry made to match, in the public tree.
        string publicV1 = Path.Combine(_temp.YearFolder("demo", 2024, "public"), "v1");
        File.Copy(Archive.Values(_v1), Archive.Values(publicV1), overwrite: true);
        RewriteManifestEntry(publicV1, ParquetSnapshotPublisher.ValuesFileName, rows: 5);

        ArchiveProblem problem = BesidesTheEditedManifest(Verify(), publicV1);

        Assert.Equal(Archive.Values(publicV1), problem.Path);
        Assert.Equal("row 1 has disclosure 'wco', which the public audience may not see", problem.Message);
    }

    [Fact]
    public void An_unreadable_manifest_is_reported()
    {
        File.WriteAllText(Path.Combine(_v1, ParquetSnapshotPublisher.ManifestFileName), "{ not json");

        ArchiveProblem problem = Assert.Single(Verify().Problems);

        Assert.Equal(Path.Combine(_v1, ParquetSnapshotPublisher.ManifestFileName), problem.Path);
        Assert.Contains("not a valid snapshot manifest", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_or_missing_history_is_reported()
    {
        string history = Archive.History(_temp.PipelineFolder("demo", "wco"));
        File.Delete(history);

        ArchiveProblem problem = Assert.Single(Verify().Problems);

        Assert.Equal((history, "missing: the history of a pipeline with published versions"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_history_that_points_at_a_superseded_version_is_out_of_date()
    {
        // Roll the history back by a third publication's worth: remove the newest version's folder after the history was written.
        string pipeline = _temp.PipelineFolder("demo", "public");
        Directory.Delete(Path.Combine(_temp.YearFolder("demo", 2024, "public"), "v2"), recursive: true);

        VerificationResult result = Verify();

        Assert.Contains(result.Problems, p => p.Path == Archive.History(pipeline)
            && p.Message == "holds 2 rows of 2024 v2, which is not the latest version of 2024: the history is out of date");
    }

    [Fact]
    public void A_temp_folder_of_a_crashed_publication_is_a_note_not_a_problem()
    {
        string temp = Path.Combine(_temp.YearFolder("demo", 2024), ".tmp-crashed");
        Directory.CreateDirectory(temp);

        VerificationResult result = Verify();

        Assert.Empty(result.Problems);
        Assert.Equal(temp, Assert.Single(result.Notes).Path);
    }

    [Fact]
    public void One_audience_tree_handed_out_on_its_own_verifies()
    {
        string copy = Path.Combine(_temp.Root, "received", "public");
        CopyTree(Path.Combine(_temp.Output, "public"), copy);

        VerificationResult result = ArchiveVerifier.Verify(copy);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Versions);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The one problem found besides the edit of the version's manifest itself, which the next version's record of its
    /// hash always catches (ChainTests says more).
    /// </summary>
    internal static ArchiveProblem BesidesTheEditedManifest(VerificationResult result, string versionFolder)
    {
        string manifest = Path.Combine(versionFolder, ParquetSnapshotPublisher.ManifestFileName);
        Assert.Single(result.Problems, p => p.Path == manifest && p.Message.StartsWith("changed after publication: its SHA-256 is ", StringComparison.Ordinal));
        return Assert.Single(result.Problems, p => p.Path != manifest || !p.Message.StartsWith("changed after publication", StringComparison.Ordinal));
    }

    /// <summary>Makes a manifest entry agree with the file as it now is (size, checksum) and with <paramref name="rows"/>.</summary>
    internal static void RewriteManifestEntry(string versionFolder, string fileName, long rows)
    {
        string manifestPath = Path.Combine(versionFolder, ParquetSnapshotPublisher.ManifestFileName);
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        JsonNode entry = manifest["files"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == fileName)!;
        byte[] bytes = File.ReadAllBytes(Path.Combine(versionFolder, fileName));
        entry["bytes"] = bytes.LongLength;
        entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        entry["rows"] = rows;
        File.WriteAllText(manifestPath, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
