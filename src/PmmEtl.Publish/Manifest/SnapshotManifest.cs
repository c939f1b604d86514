using System.Text.Json.Serialization;

namespace PmmEtl.Publish.Manifest;

/// <summary>
/// <c>manifest.json</c> of one published version: what it contains, where it came from, and checksums to trust it.
/// Key names are spelled out rather than derived from property names: they are a published contract. Keys are only
/// ever added; a manifest of schema 1 has no <c>audience</c>, <c>suppress_below</c> or <c>changes</c>, and one before
/// schema 4 no <c>previous_manifest_sha256</c> or <c>signing_key_sha256</c>.
/// </summary>
public sealed record SnapshotManifest
{
    [JsonPropertyName("schema_version")] public required int SchemaVersion { get; init; }
    [JsonPropertyName("pipeline")] public required string Pipeline { get; init; }
    /// <summary><c>public</c>, <c>wco</c> or <c>national</c>; null in schema 1, which published everything in one tree.</summary>
    [JsonPropertyName("audience")] public string? Audience { get; init; }
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
    /// <summary>Cells counting fewer declarations than this have no value in this version; null when nothing is suppressed.</summary>
    [JsonPropertyName("suppress_below")] public int? SuppressBelow { get; init; }
    /// <summary>Hash of the published rows without run-specific columns; equal hashes mean equal values.</summary>
    [JsonPropertyName("content_sha256")] public required string ContentSha256 { get; init; }
    /// <summary>
    /// SHA-256 of the bytes of the superseded version's <c>manifest.json</c> (schema 4), so each version vouches for the
    /// one before it and an edit of an earlier manifest (any field, or a checksum changed along with its file) shows;
    /// null for v1.
    /// </summary>
    [JsonPropertyName("previous_manifest_sha256")] public string? PreviousManifestSha256 { get; init; }
    /// <summary>
    /// SHA-256 of the public key (its SubjectPublicKeyInfo DER) that signed this file's bytes into <c>manifest.sig</c>
    /// (schema 4); the key itself is the pipeline's <c>signing-key.pem</c>. Null when the version is not signed.
    /// </summary>
    [JsonPropertyName("signing_key_sha256")] public string? SigningKeySha256 { get; init; }
    [JsonPropertyName("files")] public required IReadOnlyList<ManifestFile> Files { get; init; }
    /// <summary>What changed against the superseded version; null for v1.</summary>
    [JsonPropertyName("changes")] public ManifestChanges? Changes { get; init; }
}

/// <summary>One file of a version, with its exact size and SHA-256 on disk.</summary>
public sealed record ManifestFile
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Rows of a Parquet table; null for documents (the workbook and the HTML report).</summary>
    [JsonPropertyName("rows")] public required long? Rows { get; init; }
    [JsonPropertyName("bytes")] public required long Bytes { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
    /// <summary>Hash of a table's rows without run-specific columns, to tell which tables changed between versions.</summary>
    [JsonPropertyName("content_sha256")] public string? ContentSha256 { get; init; }
}

/// <summary>The KPI values a version adds, removes or changes against the version it supersedes.</summary>
public sealed record ManifestChanges
{
    [JsonPropertyName("against")] public required string Against { get; init; }
    [JsonPropertyName("values_added")] public required int ValuesAdded { get; init; }
    [JsonPropertyName("values_removed")] public required int ValuesRemoved { get; init; }
    [JsonPropertyName("values_changed")] public required int ValuesChanged { get; init; }
    /// <summary>Values published as final in the superseded version that this one changes or removes (schema 5).</summary>
    [JsonPropertyName("final_values_revised")] public int FinalValuesRevised { get; init; }
    /// <summary>Other tables whose rows differ (or that appear or disappear); empty when unknown for an older superseded version.</summary>
    [JsonPropertyName("other_files_changed")] public required IReadOnlyList<string> OtherFilesChanged { get; init; }
    [JsonPropertyName("values")] public required IReadOnlyList<ValueChange> Values { get; init; }
}

/// <summary>One KPI value, by its key, before and after.</summary>
public sealed record ValueChange
{
    /// <summary><c>added</c>, <c>removed</c> or <c>changed</c>.</summary>
    [JsonPropertyName("change")] public required string Change { get; init; }
    [JsonPropertyName("kpi_code")] public required string KpiCode { get; init; }
    [JsonPropertyName("variant")] public required string Variant { get; init; }
    [JsonPropertyName("period_type")] public required string PeriodType { get; init; }
    [JsonPropertyName("period_label")] public required string PeriodLabel { get; init; }
    [JsonPropertyName("breakdown")] public required string Breakdown { get; init; }
    [JsonPropertyName("breakdown_value")] public required string BreakdownValue { get; init; }
    [JsonPropertyName("old_value")] public required double? OldValue { get; init; }
    [JsonPropertyName("new_value")] public required double? NewValue { get; init; }
    /// <summary>The text of a text value (schema 3); left out of the manifest when there is none, as for every numeric KPI.</summary>
    [JsonPropertyName("old_value_text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OldValueText { get; init; }
    [JsonPropertyName("new_value_text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NewValueText { get; init; }
    [JsonPropertyName("old_n")] public required long? OldN { get; init; }
    [JsonPropertyName("new_n")] public required long? NewN { get; init; }
    /// <summary>
    /// Schema 5: <c>revised_final</c> (a final value changed or removed), <c>finalised</c> (a provisional value became
    /// final) or <c>provisional</c> (a provisional value changed); absent for additions and wording-only changes.
    /// </summary>
    [JsonPropertyName("revision"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Revision { get; init; }
    /// <summary>For <c>changed</c>: the columns that differ (value, n, median, …).</summary>
    [JsonPropertyName("fields")] public required IReadOnlyList<string> Fields { get; init; }
}
