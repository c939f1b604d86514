using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Verify;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// The archive proves its own history: each manifest records the SHA-256 of the one before, the history records every
/// manifest's, and the history is derived from the versions at every run. So an edit of any manifest field, or of a
/// file together with its checksum, is caught by verify; a history left stale by a crash is repaired by the next run;
/// and a damaged latest version is never kept as "unchanged".
/// </summary>
public sealed class ChainTests : IDisposable
{
    private static readonly KpiValue[] Changed = [.. SampleRows.Values.Select(v => v with { N = v.N + 1 })];

    private readonly SnapshotFolder _temp = new();
    private readonly ParquetSnapshotPublisher _publisher = new();

    public void Dispose() => _temp.Dispose();

    private string YearFolder => _temp.YearFolder(SampleRows.Pipeline, SampleRows.Year);

    private string V(int version) => Path.Combine(YearFolder, $"v{version}");

    private static string Manifest(string versionFolder) => Path.Combine(versionFolder, ParquetSnapshotPublisher.ManifestFileName);

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private VerificationResult Verify() => ArchiveVerifier.Verify(_temp.Output);

    /// <summary>v1 from SampleRows (run-1), v2 with every N one higher (run-2), in every audience.</summary>
    private void PublishTwoVersions()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-1"), SampleRows.Reader());
        _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"), new FakeKpiValueReader(Changed, SampleRows.Exclusions, SampleRows.Distribution));
    }

    private PublishedSnapshot PublishChangedAgain(string runId = "run-3") =>
        _publisher.Publish(SampleRows.Request(_temp.Output, runId: runId), new FakeKpiValueReader(Changed, SampleRows.Exclusions, SampleRows.Distribution));

    [Fact]
    public void Each_manifest_records_the_hash_of_the_one_before()
    {
        PublishTwoVersions();

        Assert.Null(JsonNode.Parse(File.ReadAllText(Manifest(V(1))))!["previous_manifest_sha256"]);
        Assert.Equal(Sha256(Manifest(V(1))), (string?)JsonNode.Parse(File.ReadAllText(Manifest(V(2))))!["previous_manifest_sha256"]);
        Assert.Empty(Verify().Problems);
    }

    [Fact]
    public void The_history_records_the_hash_of_every_manifest()
    {
        PublishTwoVersions();

        Dictionary<string, string> metadata = DuckDb.Query(
                $"SELECT decode(key), decode(value) FROM parquet_kv_metadata({DuckDb.Literal(Archive.History(_temp.PipelineFolder(SampleRows.Pipeline)))})")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        Assert.Equal($"2024/v1 {Sha256(Manifest(V(1)))}\n2024/v2 {Sha256(Manifest(V(2)))}\n", metadata["pmm.manifest_sha256"]);
    }

    public static TheoryData<string, string, string, int> ManifestEdits => new()
    {
        // field, value as published, value after the edit, version edited (2 is the latest: only the history vouches for it)
        { "dst_policy", "ambiguous=earlier;skipped=shift_forward", "ambiguous=later;skipped=shift_forward", 1 },
        { "dst_policy", "ambiguous=earlier;skipped=shift_forward", "ambiguous=later;skipped=shift_forward", 2 },
        { "run_id", "run-1", "run-9", 1 },
        { "run_id", "run-2", "run-9", 2 },
        { "tzdb_version", "2025b", "2024a", 1 },
        { "tzdb_version", "2025b", "2024a", 2 },
        { "content_sha256", "", "0000000000000000000000000000000000000000000000000000000000000000", 1 },
        { "content_sha256", "", "0000000000000000000000000000000000000000000000000000000000000000", 2 },
    };

    [Theory]
    [MemberData(nameof(ManifestEdits))]
    public void An_edit_of_any_manifest_field_is_caught(string field, string published, string edited, int version)
    {
        PublishTwoVersions();
        string manifest = Manifest(V(version));
        string before = Sha256(manifest);
        EditField(manifest, field, published, edited);

        VerificationResult result = Verify();

        string vouchedBy = version == 1 ? "v2's manifest records" : "the history recorded";
        ArchiveProblem problem = Assert.Single(result.Problems);
        Assert.Equal(manifest, problem.Path);
        Assert.Equal($"changed after publication: its SHA-256 is {Sha256(manifest)}, {vouchedBy} {before}", problem.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_edited_file_whose_checksum_was_edited_too_is_caught(int version)
    {
        PublishTwoVersions();
        string report = Path.Combine(V(version), ParquetSnapshotPublisher.ReportFileName);
        File.WriteAllText(report, File.ReadAllText(report).Replace("</h1>", " (revised)</h1>", StringComparison.Ordinal));
        VerifyTests.RewriteManifestEntry(V(version), ParquetSnapshotPublisher.ReportFileName, rows: 0);
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(Manifest(V(version))))!;
        manifest["files"]!.AsArray().Single(f => (string?)f!["name"] == ParquetSnapshotPublisher.ReportFileName)!["rows"] = null;
        File.WriteAllText(Manifest(V(version)), manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        ArchiveProblem problem = Assert.Single(Verify().Problems);

        Assert.Equal(Manifest(V(version)), problem.Path);
        Assert.StartsWith("changed after publication: its SHA-256 is ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_left_stale_by_a_kill_between_the_rename_and_the_history_is_repaired_by_the_next_run()
    {
        // The state a kill right after v2's renames leaves: v2 published, the history still that of v1.
        string pipeline = _temp.PipelineFolder(SampleRows.Pipeline);
        _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-1"), SampleRows.Reader());
        byte[] historyOfV1 = File.ReadAllBytes(Archive.History(pipeline));
        PublishChangedAgain("run-2");
        File.WriteAllBytes(Archive.History(pipeline), historyOfV1);
        Assert.Contains(Verify().Problems, p => p.Path == Archive.History(pipeline) && p.Message.EndsWith("the history is out of date", StringComparison.Ordinal));

        // The re-run computes the same values: nothing to publish, but the history is brought up to date.
        PublishedSnapshot rerun = PublishChangedAgain();

        Assert.True(rerun.Unchanged);
        Assert.Equal(["v1", "v2"], YearFolderAssert.Versions(YearFolder));
        Assert.Empty(Verify().Problems);
        Assert.Equal([[2L, 5L]], DuckDb.Query($"SELECT max(snapshot_version), count(*) FROM read_parquet({DuckDb.Literal(Archive.History(pipeline))})"));
        Assert.Equal("the history was out of date; rebuilt from the published versions",
            Assert.Single(Assert.Single(rerun.Audiences, a => a.Audience == "national").Findings));
    }

    [Fact]
    public void A_history_whose_cells_were_edited_is_reported_and_the_next_run_derives_it_again()
    {
        PublishTwoVersions();
        string history = Archive.History(_temp.PipelineFolder(SampleRows.Pipeline, "wco"));
        ReplaceInFile(history, "pmm.arrival_to_release", "pmm.arrival_to_releasE"); // a kpi_id cell, the file still reads

        ArchiveProblem problem = Assert.Single(Verify().Problems);
        Assert.Equal(history, problem.Path);
        Assert.Equal("row 0 (2024 v2 K04 2024-01), column 'kpi_id': 'pmm.arrival_to_releasE', the version holds 'pmm.arrival_to_release'", problem.Message);

        PublishedSnapshot rerun = PublishChangedAgain();

        Assert.True(rerun.Unchanged);
        Assert.Empty(Verify().Problems);
    }

    [Fact]
    public void An_unchanged_run_leaves_a_sound_history_file_as_it_is()
    {
        PublishTwoVersions();
        string history = Archive.History(_temp.PipelineFolder(SampleRows.Pipeline));
        DateTime written = File.GetLastWriteTimeUtc(history);
        Thread.Sleep(20);

        PublishedSnapshot rerun = PublishChangedAgain();

        Assert.True(rerun.Unchanged);
        Assert.Equal(written, File.GetLastWriteTimeUtc(history));
        Assert.All(rerun.Audiences, a => Assert.Empty(a.Findings));
    }

    [Theory]
    [InlineData(ParquetSnapshotPublisher.ValuesFileName)]
    [InlineData(ParquetSnapshotPublisher.ReportFileName)]
    public void A_bit_flip_in_the_latest_version_is_not_kept_as_unchanged(string file)
    {
        PublishTwoVersions();
        string damaged = Path.Combine(V(2), file);
        byte[] bytes = File.ReadAllBytes(damaged);
        bytes[bytes.Length / 2] ^= 0x04;
        File.WriteAllBytes(damaged, bytes);
        var v2 = YearFolderAssert.Fingerprint(V(2));

        PublishedSnapshot rerun = PublishChangedAgain();

        PublishedAudience national = Assert.Single(rerun.Audiences, a => a.Audience == "national");
        Assert.Equal((3, false), (national.Version, national.Unchanged));
        Assert.Equal(
            $"v2 is damaged ({file} changed: its SHA-256 is not the manifest's): published v3 with the current values beside it and left v2 as it is; restore it from a backup",
            Assert.Single(national.Findings));
        Assert.Equal(v2, YearFolderAssert.Fingerprint(V(2)));
        Assert.Equal(Changed, ParquetContentTests.ReadValues(Archive.Values(V(3))));
        Assert.Equal(Sha256(Manifest(V(2))), (string?)JsonNode.Parse(File.ReadAllText(Manifest(V(3))))!["previous_manifest_sha256"]);
        // The other audiences were not damaged: they keep their v2.
        Assert.All(rerun.Audiences.Where(a => a.Audience != "national"), a => Assert.Equal((2, true), (a.Version, a.Unchanged)));
        // verify still reports the damaged file (it is not repaired, it is superseded), and nothing else.
        ArchiveProblem problem = Assert.Single(Verify().Problems);
        Assert.Equal(damaged, problem.Path);
    }

    [Fact]
    public void An_edited_latest_manifest_is_superseded_and_the_edit_stays_visible()
    {
        PublishTwoVersions();
        string published = Sha256(Manifest(V(2)));
        EditField(Manifest(V(2)), "tzdb_version", "2025b", "2024a");

        PublishedSnapshot rerun = PublishChangedAgain();

        PublishedAudience national = Assert.Single(rerun.Audiences, a => a.Audience == "national");
        Assert.Equal((3, false), (national.Version, national.Unchanged));
        Assert.StartsWith($"v2 is damaged (manifest.json changed after publication: SHA-256 {Sha256(Manifest(V(2)))}, the history recorded {published})", Assert.Single(national.Findings), StringComparison.Ordinal);
        // v3 vouches for v2 as it was published, not as it was edited; so does the history.
        Assert.Equal(published, (string?)JsonNode.Parse(File.ReadAllText(Manifest(V(3))))!["previous_manifest_sha256"]);
        Assert.Equal([Manifest(V(2))], Verify().Problems.Select(p => p.Path));
    }

    [Fact]
    public void A_removed_latest_version_is_reported_and_its_number_is_not_given_again()
    {
        PublishTwoVersions();
        Directory.Delete(V(2), recursive: true);

        Assert.Contains(Verify().Problems, p => p.Path == Archive.History(_temp.PipelineFolder(SampleRows.Pipeline))
            && p.Message == "records 2024 v2, which is not in the archive: a published version was removed");

        PublishedSnapshot rerun = PublishChangedAgain();

        PublishedAudience national = Assert.Single(rerun.Audiences, a => a.Audience == "national");
        Assert.Equal(3, national.Version);
        // The values changed since v1 are also reported as revisions of final values; the removal is its own finding.
        Assert.Contains($"v2, recorded in the history, is missing from {YearFolder}: a published version was removed", national.Findings);
        Assert.Equal(["v1", "v3"], YearFolderAssert.Versions(YearFolder));
    }

    /// <summary>Changes one field's text in place, leaving every other byte of the manifest as it was.</summary>
    internal static void EditField(string manifestPath, string field, string published, string edited)
    {
        string text = File.ReadAllText(manifestPath);
        var pattern = new Regex($"\"{field}\": \"{(published.Length > 0 ? Regex.Escape(published) : "[^\"]*")}\"");
        Assert.Matches(pattern, text);
        File.WriteAllText(manifestPath, pattern.Replace(text, $"\"{field}\": \"{edited}\"", 1));
    }

    private static void ReplaceInFile(string path, string from, string to)
    {
        byte[] bytes = File.ReadAllBytes(path);
        byte[] find = System.Text.Encoding.UTF8.GetBytes(from);
        int at = bytes.AsSpan().IndexOf(find);
        Assert.True(at >= 0, $"'{from}' is not in {path}");
        System.Text.Encoding.UTF8.GetBytes(to).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
    }
}
