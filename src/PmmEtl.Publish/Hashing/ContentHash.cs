using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PmmEtl.Publish.Hashing;

/// <summary>
/// The content hash of a snapshot: SHA-256 over each published table's name, row count and sorted row digests.
/// Sorting makes the hash independent of the order the warehouse happens to return rows in, without holding
/// the rows themselves; run-specific columns never reach the row digests (see <c>ParquetColumn.InContentHash</c>).
/// The schema version of the data files (<see cref="Schema.PublishedSchema.ContentVersion"/>) is part of the hash, so
/// a new file layout is always published as a new version.
/// </summary>
internal static class ContentHash
{
    /// <returns>Lower-case hex, as written to <c>content_sha256</c>.</returns>
    /// <param name="settings">Publication settings that change what the rows mean (suppression); part of the hash.</param>
    public static string Compute(int schemaVersion, string settings, params ReadOnlySpan<(string Name, List<RowDigest> RowDigests)> tables)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendLine(hash, $"pmm-kpi-snapshot/schema-{schemaVersion.ToString(CultureInfo.InvariantCulture)}");
        AppendLine(hash, settings);

        Span<byte> buffer = stackalloc byte[RowDigest.Size];
        foreach ((string name, List<RowDigest> rowDigests) in tables)
        {
            AppendLine(hash, name);
            AppendLine(hash, rowDigests.Count.ToString(CultureInfo.InvariantCulture));
            rowDigests.Sort();
            foreach (RowDigest digest in rowDigests)
            {
                digest.WriteTo(buffer);
                hash.AppendData(buffer);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendLine(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
}
