using System.Text.Encodings.Web;
using System.Text.Json;

namespace PmmEtl.Publish.Manifest;

/// <summary>Reads and durably writes <c>manifest.json</c>.</summary>
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

    public static async Task WriteAsync(string folder, SnapshotManifest manifest, CancellationToken cancellationToken)
    {
        string path = Path.Combine(folder, FileName);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, useAsync: true);
        await JsonSerializer.SerializeAsync(file, manifest, Json, cancellationToken).ConfigureAwait(false);
        file.WriteByte((byte)'\n'); // a text file ends with a newline; cat and diff behave
        file.Flush(flushToDisk: true);
    }

    /// <exception cref="InvalidDataException">The folder has no readable manifest.</exception>
    public static SnapshotManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            // Versions appear by renaming a finished folder, so a version without a manifest was not made here.
            throw new InvalidDataException($"Published version '{folder}' has no {FileName}; it was not written by this publisher.");
        }

        try
        {
            using FileStream file = File.OpenRead(path);
            return JsonSerializer.Deserialize<SnapshotManifest>(file, Json)
                ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid snapshot manifest: {e.Message}", e);
        }
    }
}
