using System.Security.Cryptography;

namespace PmmEtl.Publish.Hashing;

/// <summary>Checksum of a file as it lies on disk, so the manifest vouches for the bytes a reader will get.</summary>
internal static class FileSha256
{
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        byte[] hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
