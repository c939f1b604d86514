using System.Security.Cryptography;

namespace PmmEtl.Publish.Tests;

/// <summary>Looks at an output folder the way a reader of the archive does: per audience, as files on disk.</summary>
public static class Archive
{
    public static readonly string[] Audiences = ["public", "wco", "national"];

    public static string Values(string versionFolder) => Path.Combine(versionFolder, ParquetSnapshotPublisher.ValuesFileName);

    public static string History(string pipelineFolder) =>
        Path.Combine(pipelineFolder, ParquetSnapshotPublisher.HistoryFolderName, ParquetSnapshotPublisher.HistoryFileName);

    /// <summary>SHA-256 and write time of every file of every published version (history and locks aside: they are not archived).</summary>
    public static Dictionary<string, (string Sha256, DateTime WrittenUtc)> VersionFiles(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(output, f).Split(Path.DirectorySeparatorChar).Any(part => part.Length > 1 && part[0] == 'v' && char.IsDigit(part[1])))
            .ToDictionary(
                f => Path.GetRelativePath(output, f),
                f => (Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f)));

    /// <summary>kpi_code|variant|period_label|breakdown_value of each row, as DuckDB reads the file.</summary>
    public static List<string> Keys(string parquet) =>
        [.. DuckDb.Query($"SELECT kpi_code || '|' || variant || '|' || period_label || '|' || breakdown_value FROM read_parquet({DuckDb.Literal(parquet)}) ORDER BY ALL")
            .Select(r => (string)r[0]!)];
}
