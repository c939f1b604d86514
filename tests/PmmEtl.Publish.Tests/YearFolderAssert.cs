using System.Security.Cryptography;

namespace PmmEtl.Publish.Tests;

/// <summary>What a reader listing a pipeline's year folder may see, and a fingerprint of a published version.</summary>
public static class YearFolderAssert
{
    public static string[] Versions(string yearFolder) =>
        [.. Directory.GetDirectories(yearFolder, "v*").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => n!)];

    public static string[] TempFolders(string yearFolder) =>
        [.. Directory.GetDirectories(yearFolder, ".tmp-*").Select(Path.GetFileName).Select(n => n!)];

    /// <summary>A reader never finds a version folder without its manifest, nor a manifest naming a missing file.</summary>
    public static void EveryVersionIsComplete(string yearFolder)
    {
        foreach (string version in Directory.GetDirectories(yearFolder, "v*"))
        {
            Assert.True(File.Exists(Path.Combine(version, ParquetSnapshotPublisher.ManifestFileName)), $"{version} has no manifest");
            using var manifest = ManifestTests.ReadManifest(version);
            foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
            {
                Assert.True(File.Exists(Path.Combine(version, file.GetProperty("name").GetString()!)), $"{version} misses a file");
            }
        }
    }

    /// <summary>Name, SHA-256 and last write time of every file in a folder.</summary>
    public static Dictionary<string, (string Sha256, DateTime WrittenUtc)> Fingerprint(string folder) =>
        Directory.GetFiles(folder).ToDictionary(
            f => Path.GetFileName(f),
            f => (Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f)));
}
