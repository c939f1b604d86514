using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Publish.Audiences;
using PmmEtl.Publish.Hashing;
using PmmEtl.Publish.History;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;
using PmmEtl.Publish.Signing;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// One published version against its manifest: the manifest names its own place and predecessor; every listed file
/// is there with its size and SHA-256; nothing else is; the files its schema version requires are listed (kpi_values;
/// kpi_catalogue from schema 3); each Parquet file has its schema version's columns, the listed row count and only
/// rows its audience may see.
/// </summary>
internal static class VersionCheck
{
    /// <returns>The manifest as read (with the SHA-256 of its bytes, for the chain and the history's record) and the kpi_values row count it lists; no manifest when it could not be read.</returns>
    public static async Task<VersionFacts> VersionAsync(
        string folder, string pipeline, Disclosure? audience, int year, int version, VerificationResult result, CancellationToken cancellationToken)
    {
        result.Versions++;
        string manifestPath = Path.Combine(folder, ManifestFileStore.FileName);
        SnapshotManifest manifest;
        string sha256;
        byte[] manifestBytes;
        try
        {
            (manifest, sha256, manifestBytes) = ManifestFileStore.ReadWithHash(folder);
        }
        catch (InvalidDataException e)
        {
            result.Problem(manifestPath, e.Message);
            return new VersionFacts(folder, null, ManifestFileStore.HashOf(folder), [], null);
        }

        void Expect(bool ok, string message)
        {
            if (!ok)
            {
                result.Problem(manifestPath, message);
            }
        }

        Expect(manifest.Pipeline == pipeline, $"names pipeline '{manifest.Pipeline}' but lies in '{pipeline}'");
        Expect(manifest.Year == year, $"names year {manifest.Year} but lies in {SnapshotLayout.YearName(year)}");
        Expect(manifest.Version == version, $"names version v{manifest.Version} but lies in {SnapshotLayout.VersionName(version)}");
        string? supersedes = version > 1 ? SnapshotLayout.VersionName(version - 1) : null;
        Expect(manifest.Supersedes == supersedes, $"supersedes '{manifest.Supersedes ?? "nothing"}', expected '{supersedes ?? "nothing"}'");
        Expect(manifest.SchemaVersion is >= 1 and <= PublishedSchema.Current,
            $"schema version {manifest.SchemaVersion} is unknown to this program (it knows 1 to {PublishedSchema.Current})");
        string? audienceName = audience is { } a ? AudienceRules.FolderName(a) : null;
        Expect(manifest.Audience == audienceName,
            audienceName is null ? $"names audience '{manifest.Audience}' but lies outside the audience folders" : $"names audience '{manifest.Audience ?? "none"}' but lies in the '{audienceName}' tree");

        var listed = new HashSet<string>(StringComparer.Ordinal);
        long? valueRows = null;
        foreach (ManifestFile file in manifest.Files)
        {
            string path = Path.Combine(folder, file.Name);
            if (file.Name.Length == 0 || file.Name != Path.GetFileName(file.Name) || file.Name == ManifestFileStore.FileName || !listed.Add(file.Name))
            {
                result.Problem(manifestPath, $"lists '{file.Name}', which is not a plain file name of its own");
                continue;
            }

            result.Files++;
            if (file.Name == PublishedSchema.ValuesFile)
            {
                valueRows = file.Rows;
            }

            if (!File.Exists(path))
            {
                result.Problem(path, "missing: listed in the manifest");
                continue;
            }

            long bytes = new FileInfo(path).Length;
            if (bytes != file.Bytes)
            {
                result.Problem(path, $"changed: {bytes} bytes, the manifest says {file.Bytes}");
            }
            else if (await FileSha256.ComputeAsync(path, cancellationToken).ConfigureAwait(false) is { } sha && !string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                result.Problem(path, $"changed: SHA-256 {sha}, the manifest says {file.Sha256}");
            }

            if (file.Name.EndsWith(".parquet", StringComparison.Ordinal))
            {
                await ParquetAsync(path, manifest.SchemaVersion, file.Rows, audience, result, cancellationToken).ConfigureAwait(false);
            }
        }

        Expect(listed.Contains(PublishedSchema.ValuesFile), $"does not list {PublishedSchema.ValuesFile}");
        if (manifest.SchemaVersion >= PublishedSchema.CatalogueSince)
        {
            Expect(listed.Contains(PublishedSchema.CatalogueFile),
                $"does not list {PublishedSchema.CatalogueFile}, which every version of schema {PublishedSchema.CatalogueSince} or later has");
        }
        if (audience is { } seen && !AudienceRules.SeesExclusions(seen))
        {
            Expect(!listed.Contains(PublishedSchema.ExclusionsFile), $"lists {PublishedSchema.ExclusionsFile}, which only the national audience may see");
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            string name = Path.GetFileName(entry);
            // The signature is over the manifest's bytes, so the manifest cannot list it; ArchiveSigning checks it.
            if (name != ManifestFileStore.FileName && name != SigningKey.SignatureFileName && !listed.Contains(name))
            {
                result.Problem(entry, $"extra {(Directory.Exists(entry) ? "folder" : "file")}: not listed in the manifest");
            }
        }

        return new VersionFacts(folder, manifest, sha256, manifestBytes, valueRows);
    }

    private static async Task ParquetAsync(string path, int schemaVersion, long? rows, Disclosure? audience, VerificationResult result, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(path);
        IReadOnlyList<PublishedColumn>? expected = PublishedSchema.Expected(name, schemaVersion);
        try
        {
            await using ParquetColumnReader file = await ParquetColumnReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
            if (expected is null)
            {
                result.Problem(path, $"schema version {schemaVersion} has no file named {name}");
            }
            else
            {
                foreach (string difference in SchemaCheck.Differences(file.SchemaElements, expected))
                {
                    result.Problem(path, $"schema: {difference}");
                }
            }

            if (rows is { } listed && file.RowCount != listed)
            {
                result.Problem(path, $"holds {file.RowCount} rows, the manifest says {listed}");
            }

            if (audience is { } a && (name == PublishedSchema.ValuesFile || name == PublishedSchema.DistributionFile))
            {
                await DisclosureAsync(file, path, a, result, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            result.Problem(path, $"not readable as Parquet: {e.Message}");
        }
    }

    /// <summary>A tree handed to an audience must not hold a row that audience may not see, whatever the manifest says.</summary>
    public static async Task DisclosureAsync(ParquetColumnReader file, string path, Disclosure audience, VerificationResult result, CancellationToken cancellationToken)
    {
        long row = 0;
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using RowGroupColumns group = file.RowGroup(g);
            string?[] disclosure = await group.TextAsync("disclosure", cancellationToken).ConfigureAwait(false) ?? [];
            foreach (string? level in disclosure)
            {
                if (!AudienceRules.MaySee(audience, level ?? ""))
                {
                    result.Problem(path, string.Create(CultureInfo.InvariantCulture,
                        $"row {row} has disclosure '{level}', which the {AudienceRules.FolderName(audience)} audience may not see"));
                    return;
                }

                row++;
            }
        }
    }
}

/// <summary>What the checks after a version's own need of it: its manifest as read, the SHA-256 and bytes of that read, and the kpi_values row count it lists.</summary>
internal sealed record VersionFacts(string Folder, SnapshotManifest? Manifest, string? ManifestSha256, byte[] ManifestBytes, long? ValueRows)
{
    public string ManifestPath => Path.Combine(Folder, ManifestFileStore.FileName);
}
