using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Parquet;
using PmmEtl.Publish.Reading;

namespace PmmEtl.Publish.History;

/// <summary>
/// Keeps <c>&lt;output&gt;/&lt;audience&gt;/&lt;pipeline&gt;/history/kpi_values_history.parquet</c> what the published
/// versions make it: every value row of the latest version of every year, with the year and version it came from, so
/// a year-over-year trend is one file, and in its metadata the <see cref="ManifestRecord"/> of every version's manifest
/// hash. The rows are derived, never trusted: every publication, changed or not, derives the file from the versions
/// and rewrites it when it differs from what lies there (a run killed between a version's rename and this step left it
/// stale). A rewrite goes to a temporary file renamed over the old one, so a reader sees the old file or the new one.
/// The rows are held in memory while writing (years × thousands of rows).
/// </summary>
internal static class HistoryBuilder
{
    public const string FolderName = "history";
    public const string LockFileName = ".history.lock";
    private const string TempPrefix = ".tmp-";

    /// <summary>Two years published at once reconcile one after the other; the second waits this long for the first.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    public static string HistoryFile(string pipelineFolder) => Path.Combine(pipelineFolder, FolderName, KpiValuesHistoryTable.FileName);

    /// <summary>
    /// Derives the history from the versions and rewrites the file when it differs.
    /// </summary>
    /// <returns>What was wrong with the file before (missing, unreadable, out of date), or null when it already was what the versions make it.</returns>
    public static async Task<string?> ReconcileAsync(string pipelineFolder, string pipeline, string audience, int rowGroupSize, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(pipelineFolder, FolderName);
        Directory.CreateDirectory(folder);

        // Two years published at once each reconcile after their own rename; serialising them means the last one to
        // run has seen both renames.
        using PublicationLock _ = PublicationLock.Acquire(Path.Combine(folder, LockFileName), LockWait);
        foreach (string stale in Directory.EnumerateFiles(folder, TempPrefix + "*"))
        {
            File.Delete(stale);
        }

        string path = HistoryFile(pipelineFolder);
        byte[]? existing = File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
        (ManifestRecord? recorded, string? unreadable) = await ReadRecordAsync(path, cancellationToken).ConfigureAwait(false);
        ManifestRecord record = ManifestRecord.OnDisk(pipelineFolder).CarryingOver(recorded ?? ManifestRecord.Empty);
        List<HistoryRow> rows = await DeriveRowsAsync(pipelineFolder, cancellationToken).ConfigureAwait(false);

        byte[] expected;
        using (var memory = new MemoryStream())
        {
            await KpiValuesHistoryTable.CreateWriter(rowGroupSize).WriteAsync(memory, rows, Metadata(pipeline, audience, record), cancellationToken).ConfigureAwait(false);
            expected = memory.ToArray();
        }

        if (existing is not null && existing.AsSpan().SequenceEqual(expected))
        {
            return null;
        }

        string temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true))
            {
                await file.WriteAsync(expected, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return existing is null ? "missing" : unreadable is not null ? $"unreadable ({unreadable})" : "out of date";
    }

    /// <summary>The history's record of manifest hashes; null (and why) when there is no file or it cannot be read.</summary>
    public static async Task<(ManifestRecord? Record, string? Problem)> ReadRecordAsync(string historyFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(historyFile))
        {
            return (null, null);
        }

        try
        {
            await using ParquetColumnReader file = await ParquetColumnReader.OpenAsync(historyFile, cancellationToken).ConfigureAwait(false);
            return file.Metadata.TryGetValue(ManifestRecord.Key, out string? text) ? (ManifestRecord.Parse(text), null) : (null, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>What the history must hold: the rows of the latest version of every year, years ascending, each in its file's order.</summary>
    /// <exception cref="InvalidDataException">A latest version has no readable manifest or values file.</exception>
    public static async Task<List<HistoryRow>> DeriveRowsAsync(string pipelineFolder, CancellationToken cancellationToken)
    {
        var rows = new List<HistoryRow>();
        foreach (int year in SnapshotLayout.YearsIn(pipelineFolder))
        {
            string yearFolder = Path.Combine(pipelineFolder, SnapshotLayout.YearName(year));
            if (SnapshotLayout.LatestVersionIn(yearFolder) is not { } version)
            {
                continue;
            }

            string versionFolder = Path.Combine(yearFolder, SnapshotLayout.VersionName(version));
            SnapshotManifest manifest = ManifestFileStore.Read(versionFolder);
            ParseResult<Instant> createdAt = InstantPattern.ExtendedIso.Parse(manifest.CreatedAt);
            if (!createdAt.Success)
            {
                throw new InvalidDataException($"'{Path.Combine(versionFolder, ManifestFileStore.FileName)}': created_at '{manifest.CreatedAt}' is not an ISO-8601 UTC instant.");
            }

            foreach (PublishedValue value in await PublishedValuesReader.ReadAsync(Path.Combine(versionFolder, KpiValuesTable.FileName), cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new HistoryRow(year, version, createdAt.Value, value));
            }
        }

        return rows;
    }

    private static Dictionary<string, string> Metadata(string pipeline, string audience, ManifestRecord record) => new()
    {
        ["pmm.schema_version"] = ParquetSnapshotPublisher.SchemaVersion.ToString(CultureInfo.InvariantCulture),
        ["pmm.pipeline"] = pipeline,
        ["pmm.audience"] = audience,
        ["pmm.derived"] = "history: the latest version of every year, derived from the versions at every publication",
        [ManifestRecord.Key] = record.Format(),
    };
}
