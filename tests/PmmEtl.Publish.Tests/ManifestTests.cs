using System.Security.Cryptography;
using System.Text.Json;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>manifest.json, parsed as plain JSON and checked against the files as they lie on disk.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    [Fact]
    public void Manifest_has_the_snake_case_keys_and_request_facts()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        using JsonDocument manifest = ReadManifest(published.Folder);
        JsonElement root = manifest.RootElement;

        Assert.Equal(
            ["schema_version", "pipeline", "audience", "year", "version", "supersedes", "run_id", "created_at", "source_window", "dst_policy",
             "tzdb_version", "kpi_catalogue_version", "suppress_below", "content_sha256", "previous_manifest_sha256", "signing_key_sha256", "files", "changes"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("demo", root.GetProperty("pipeline").GetString());
        Assert.Equal("national", root.GetProperty("audience").GetString());
        Assert.Equal(2024, root.GetProperty("year").GetInt32());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("supersedes").ValueKind);
        Assert.Equal(SampleRows.RunId, root.GetProperty("run_id").GetString());
        Assert.Equal("2024-03-01T12:01:00Z", root.GetProperty("created_at").GetString());
        Assert.Equal("2024-01-01T00:00+01:00/2024-03-01T00:00+01:00", root.GetProperty("source_window").GetString());
        Assert.Equal("ambiguous=earlier;skipped=shift_forward", root.GetProperty("dst_policy").GetString());
        Assert.Equal("2025b", root.GetProperty("tzdb_version").GetString());
        Assert.Equal("pmm-2024.1", root.GetProperty("kpi_catalogue_version").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("suppress_below").ValueKind);
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("content_sha256").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("changes").ValueKind);
        // v1 has no predecessor to record, and nothing signed it (no key in the environment of the tests).
        Assert.Equal(JsonValueKind.Null, root.GetProperty("previous_manifest_sha256").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("signing_key_sha256").ValueKind);
    }

    [Fact]
    public void Manifest_is_indented_readable_json()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        string text = File.ReadAllText(Path.Combine(published.Folder, ParquetSnapshotPublisher.ManifestFileName));

        Assert.StartsWith("{\n  \"schema_version\": 5,\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\"changes\": null\n}\n", text, StringComparison.Ordinal);

        // Written verbatim, not as \u002B escapes, so the manifest can be read and grepped as it stands.
        Assert.Contains("\"source_window\": \"2024-01-01T00:00+01:00/2024-03-01T00:00+01:00\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void File_checksums_sizes_and_row_counts_match_the_files_on_disk()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        using JsonDocument manifest = ReadManifest(published.Folder);
        var files = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f);

        Assert.Equal(
            [ParquetSnapshotPublisher.ValuesFileName, ParquetSnapshotPublisher.DistributionFileName, ParquetSnapshotPublisher.ExclusionsFileName,
             ParquetSnapshotPublisher.CatalogueFileName, ParquetSnapshotPublisher.WorkbookFileName, ParquetSnapshotPublisher.ReportFileName],
            files.Keys);
        var expectedRows = new Dictionary<string, long>
        {
            [ParquetSnapshotPublisher.ValuesFileName] = SampleRows.Values.Count,
            [ParquetSnapshotPublisher.DistributionFileName] = SampleRows.Distribution.Count,
            [ParquetSnapshotPublisher.ExclusionsFileName] = SampleRows.Exclusions.Count,
            // SampleRows has values of K04 and K10: their two catalogue entries.
            [ParquetSnapshotPublisher.CatalogueFileName] = 2,
        };
        foreach ((string name, JsonElement entry) in files)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(published.Folder, name));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.GetProperty("sha256").GetString());
            Assert.Equal(bytes.LongLength, entry.GetProperty("bytes").GetInt64());
            if (!expectedRows.TryGetValue(name, out long rows))
            {
                // The workbook and the report are documents: listed and checksummed, without a row count.
                Assert.Equal(JsonValueKind.Null, entry.GetProperty("rows").ValueKind);
                continue;
            }

            Assert.Equal(rows, entry.GetProperty("rows").GetInt64());
            long rowsInFile = (long)DuckDb.Query($"SELECT count(*) FROM read_parquet({DuckDb.Literal(Path.Combine(published.Folder, name))})").Single()[0]!;
            Assert.Equal(rows, rowsInFile);
        }

        Assert.Equal(expectedRows, published.RowCounts);
    }

    [Fact]
    public void The_version_folder_holds_exactly_the_manifest_and_the_files_it_names()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.Equal(Path.Combine(_temp.YearFolder("demo", 2024), "v1"), published.Folder);
        Assert.Equal(1, published.Version);
        Assert.False(published.Unchanged);
        Assert.Equal(
            [ParquetSnapshotPublisher.CatalogueFileName, ParquetSnapshotPublisher.DistributionFileName, ParquetSnapshotPublisher.ExclusionsFileName,
             ParquetSnapshotPublisher.ReportFileName, ParquetSnapshotPublisher.ValuesFileName, ParquetSnapshotPublisher.WorkbookFileName,
             ParquetSnapshotPublisher.ManifestFileName],
            Directory.GetFiles(published.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    internal static JsonDocument ReadManifest(string folder) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, ParquetSnapshotPublisher.ManifestFileName)));

    internal static string ContentHash(string folder)
    {
        using JsonDocument manifest = ReadManifest(folder);
        return manifest.RootElement.GetProperty("content_sha256").GetString()!;
    }

    internal static string? Supersedes(string folder)
    {
        using JsonDocument manifest = ReadManifest(folder);
        return manifest.RootElement.GetProperty("supersedes").GetString();
    }

    internal static int Version(string folder)
    {
        using JsonDocument manifest = ReadManifest(folder);
        return manifest.RootElement.GetProperty("version").GetInt32();
    }
}
