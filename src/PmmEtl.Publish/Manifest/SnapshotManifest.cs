using System.Text.Json.Serialization;

namespace PmmEtl.Publish.Manifest;

/// <summary>
/// <c>manifest.json</c> of one published version: what it contains, where it came from, and checksums to trust it.
/// Key names are spelled out rather than derived from property names: they are a published contract.
/// </summary>
internal sealed record SnapshotManifest
{
    [JsonPropertyName("schema_version")] public required int SchemaVersion { get; init; }
    [JsonPropertyName("pipeline")] public required string Pipeline { get; init; }
    [JsonPropertyName("year")] public required int Year { get; init; }
    [JsonPropertyName("version")] public required int Version { get; init; }
    /// <summary><c>v&lt;N&gt;</c> of the version this one replaces; null for v1.</summary>
    [JsonPropertyName("supersedes")] public required string? Supersedes { get; init; }
    [JsonPropertyName("run_id")] public required string RunId { get; init; }
    /// <summary>ISO-8601, UTC.</summary>
    [JsonPropertyName("created_at")] public required string CreatedAt { get; init; }
    [JsonPropertyName("source_window")] public required string SourceWindow { get; init; }
    [JsonPropertyName("dst_policy")] public required string DstPolicy { get; init; }
    [JsonPropertyName("tzdb_version")] public required string TzdbVersion { get; init; }
    [JsonPropertyName("kpi_catalogue_version")] public required string KpiCatalogueVersion { get; init; }
    /// <summary>Hash of the published rows without run-specific columns; equal hashes mean equal values.</summary>
    [JsonPropertyName("content_sha256")] public required string ContentSha256 { get; init; }
    [JsonPropertyName("files")] public required IReadOnlyList<ManifestFile> Files { get; init; }
}

/// <summary>One data file of a version, with its exact size and SHA-256 on disk.</summary>
internal sealed record ManifestFile
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("rows")] public required long Rows { get; init; }
    [JsonPropertyName("bytes")] public required long Bytes { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
}
