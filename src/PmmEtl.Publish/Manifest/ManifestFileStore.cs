using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PmmEtl.Publish.Manifest;

/// <summary>Reads and durably writes <c>manifest.json</c>, and hashes its bytes for the chain of versions.</summary>
internal static class ManifestFileStore
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // The same bytes on every OS. The relaxed encoder leaves non-ASCII text and '+' (as in a "+01:00" offset)
        // readable and greppable; its "unsafe" is about embedding in HTML, which a manifest never is.
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <returns>The bytes written: what the next version's chain hash and the signature are taken over.</returns>
    public static async Task<byte[]> WriteAsync(string folder, SnapshotManifest manifest, CancellationToken cancellationToken)
    {
        // A text file ends with a newline; cat and diff behave.
        byte[] bytes = [.. JsonSerializer.SerializeToUtf8Bytes(manifest, Json), (byte)'\n'];
        string path = Path.Combine(folder, FileName);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, useAsync: true);
        await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        return bytes;
    }

    /// <exception cref="InvalidDataException">The folder has no readable manifest.</exception>
    public static SnapshotManifest Read(string folder) => ReadWithHash(folder).Manifest;

    /// <summary>The manifest, the SHA-256 of its bytes and the bytes, all from one read of the file.</summary>
    /// <exception cref="InvalidDataException">The folder has no readable manifest.</exception>
    public static (SnapshotManifest Manifest, string Sha256, byte[] Bytes) ReadWithHash(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            // Versions appear by renaming a finished folder, so a version without a manifest was not made here.
            throw new InvalidDataException($"Published version '{folder}' has no {FileName}; it was not written by this publisher.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            SnapshotManifest manifest = JsonSerializer.Deserialize<SnapshotManifest>(bytes, Json)
                ?? throw new InvalidDataException($"'{path}' is empty.");
            return (manifest, Sha256(bytes), bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid snapshot manifest: {e.Message}", e);
        }
    }

    /// <summary>SHA-256 of a version's manifest.json as it lies on disk, or null when there is none.</summary>
    public static string? HashOf(string folder)
    {
        string path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Sha256(File.ReadAllBytes(path)) : null;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
