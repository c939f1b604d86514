using PmmEtl.Publish.Manifest;

namespace PmmEtl.Publish.Signing;

/// <summary>
/// Which key signs a pipeline's versions, and what is wrong with a version's signature. An archive is signed from the
/// first publication made with a key onwards: its <see cref="SigningKey.FileName"/> is written then, and from there
/// every publication must be signed with that same key, so that a signed archive stays signed by one key.
/// </summary>
internal static class ArchiveSigning
{
    /// <summary>
    /// The archive's key for the pipeline folder, written there on the first signed publication; null when neither the
    /// archive nor the publisher has one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The archive is signed and the publisher has no key, or another one.</exception>
    /// <exception cref="InvalidDataException">The archive's key file holds no usable public key.</exception>
    public static SigningKey? Prepare(string pipelineFolder, ManifestSigner? signer)
    {
        string path = Path.Combine(pipelineFolder, SigningKey.FileName);
        SigningKey? archive = SigningKey.Read(pipelineFolder);
        if (signer is null)
        {
            return archive is null ? null : throw new InvalidOperationException(
                $"The archive is signed ('{path}', key SHA-256 {archive.Sha256}): set {ManifestSigner.KeyVariable} (or {ManifestSigner.KeyFileVariable}) to its private key to publish into it.");
        }

        if (archive is null)
        {
            Directory.CreateDirectory(pipelineFolder);
            string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(temp, signer.PublicKey.Pem);
            try
            {
                // No overwrite: if another publication wrote the key first, the check below compares with that one.
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }

            archive = SigningKey.Read(pipelineFolder)!;
        }

        if (archive.Sha256 != signer.PublicKey.Sha256)
        {
            throw new InvalidOperationException(
                $"The signing key given (SHA-256 {signer.PublicKey.Sha256}) is not the key this archive is signed with ('{path}', SHA-256 {archive.Sha256}); publish with the archive's key.");
        }

        return archive;
    }

    /// <summary>What is wrong with a version's signature; null when it is sound, or when the version is not signed.</summary>
    public static string? Problem(string versionFolder, SnapshotManifest manifest, byte[] manifestBytes, SigningKey? archiveKey)
    {
        string signature = Path.Combine(versionFolder, SigningKey.SignatureFileName);
        if (manifest.SigningKeySha256 is not { } signedWith)
        {
            return File.Exists(signature) ? $"has a {SigningKey.SignatureFileName} but names no signing key (signing_key_sha256)" : null;
        }

        if (archiveKey is null)
        {
            return $"is signed by key {signedWith}, but the pipeline has no {SigningKey.FileName} to check it with";
        }

        if (!string.Equals(signedWith, archiveKey.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return $"is signed by key {signedWith}, not by the archive's key {archiveKey.Sha256} ({SigningKey.FileName})";
        }

        if (!File.Exists(signature))
        {
            return $"names signing key {signedWith}, but its {SigningKey.SignatureFileName} is missing";
        }

        return archiveKey.Verifies(manifestBytes, File.ReadAllBytes(signature))
            ? null
            : $"the signature ({SigningKey.SignatureFileName}) does not match the manifest: the manifest or the signature was changed after signing";
    }
}
