using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Signing;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// What the publisher checks of the latest version before it may say "unchanged, kept": the manifest's bytes against
/// the history's record of them and against its signature, and every file it lists against its size and SHA-256. A
/// version that fails is not kept as the latest: a new one is published beside it (the damaged one is never touched).
/// </summary>
internal static class VersionIntegrity
{
    /// <returns>Each thing found wrong, naming the file; empty when the version is as it was published.</returns>
    public static async Task<List<string>> DamageAsync(
        string folder, SnapshotManifest manifest, string manifestSha256, byte[] manifestBytes, string? recordedSha256, SigningKey? archiveKey,
        CancellationToken cancellationToken)
    {
        var damage = new List<string>();
        if (recordedSha256 is not null && !string.Equals(recordedSha256, manifestSha256, StringComparison.OrdinalIgnoreCase))
        {
            damage.Add($"{ManifestFileStore.FileName} changed after publication: SHA-256 {manifestSha256}, the history recorded {recordedSha256}");
        }

        if (ArchiveSigning.Problem(folder, manifest, manifestBytes, archiveKey) is { } signature)
        {
            damage.Add($"{ManifestFileStore.FileName}: {signature}");
        }

        foreach (ManifestFile file in manifest.Files)
        {
            string path = Path.Combine(folder, file.Name);
            if (file.Name.Length == 0 || file.Name != Path.GetFileName(file.Name))
            {
                damage.Add($"{ManifestFileStore.FileName} lists '{file.Name}', which is not a plain file name");
            }
            else if (!File.Exists(path))
            {
                damage.Add($"{file.Name} is missing");
            }
            else if (new FileInfo(path).Length != file.Bytes)
            {
                damage.Add($"{file.Name} has {new FileInfo(path).Length} bytes, the manifest says {file.Bytes}");
            }
            else if (!string.Equals(await Hashing.FileSha256.ComputeAsync(path, cancellationToken).ConfigureAwait(false), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                damage.Add($"{file.Name} changed: its SHA-256 is not the manifest's");
            }
        }

        return damage;
    }
}
