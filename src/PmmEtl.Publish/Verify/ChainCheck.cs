using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Schema;
using PmmEtl.Publish.Signing;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// The versions of one year as a chain: each manifest of schema 4 or later after v1 records the SHA-256 of its
/// predecessor's manifest.json, which must be the bytes that lie there now, so an edit of any field of an earlier
/// manifest (or of a file together with its checksum) shows. And every signed manifest carries a valid signature by
/// the archive's key; once a year's versions are signed, the later ones are too.
/// </summary>
internal static class ChainCheck
{
    /// <returns>The versions whose manifest this check found changed, so the history's record need not report them again.</returns>
    public static HashSet<int> Year(IReadOnlyDictionary<int, VersionFacts> versions, SigningKey? archiveKey, VerificationResult result)
    {
        var changed = new HashSet<int>();
        int? signedFrom = null;
        foreach ((int version, VersionFacts facts) in versions.OrderBy(v => v.Key))
        {
            if (facts.Manifest is not { } manifest)
            {
                continue; // its unreadable manifest is reported already
            }

            if (version == 1 && manifest.PreviousManifestSha256 is not null)
            {
                result.Problem(facts.ManifestPath, "records a previous manifest's hash (previous_manifest_sha256), but v1 has no predecessor");
            }
            else if (version > 1 && manifest.PreviousManifestSha256 is { } recorded)
            {
                // A missing predecessor is reported as missing, an unreadable manifest as unreadable; no need to say more.
                if (versions.TryGetValue(version - 1, out VersionFacts? previous) && previous.Manifest is not null && previous.ManifestSha256 is { } actual
                    && !string.Equals(actual, recorded, StringComparison.OrdinalIgnoreCase))
                {
                    changed.Add(version - 1);
                    result.Problem(previous.ManifestPath,
                        $"changed after publication: its SHA-256 is {actual}, {SnapshotLayout.VersionName(version)}'s manifest records {recorded}");
                }
            }
            else if (version > 1 && manifest.SchemaVersion >= PublishedSchema.ChainSince)
            {
                result.Problem(facts.ManifestPath,
                    $"records no previous_manifest_sha256, which every version after v1 of schema {PublishedSchema.ChainSince} or later does");
            }

            if (ArchiveSigning.Problem(facts.Folder, manifest, facts.ManifestBytes, archiveKey) is { } signature)
            {
                result.Problem(facts.ManifestPath, signature);
            }

            if (manifest.SigningKeySha256 is not null)
            {
                signedFrom ??= version;
            }
            else if (signedFrom is { } first)
            {
                result.Problem(facts.ManifestPath,
                    $"is not signed, though {SnapshotLayout.VersionName(first)} before it is: a signed archive stays signed, so its signature was removed");
            }
        }

        return changed;
    }
}
