using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Parquet;
using PmmEtl.Publish.Reading;

namespace PmmEtl.Publish.History;

/// <summary>
/// Rewrites <c>&lt;output&gt;/&lt;audience&gt;/&lt;pipeline&gt;/history/kpi_values_history.parquet</c>: every value
/// row of the latest version of every year, with the year and version it came from, so a year-over-year trend is
/// one file. The history is derived, not archived: it is rebuilt from the versions after each publication, written
/// to a temporary file and renamed over the old one, so a reader sees the old file or the new one, never a mix.
/// The rows are held in memory while writing (years × thousands of rows).
/// </summary>
internal static class HistoryBuilder
{
    public const string FolderName = "history";
    public const string LockFileName = ".history.lock";
    private const string TempPrefix = ".tmp-";

    public static string HistoryFile(string pipelineFolder) => Path.Combine(pipelineFolder, FolderName, KpiValuesHistoryTable.FileName);

    public static async Task RebuildAsync(SnapshotLayout layout, string pipeline, string audience, int rowGroupSize, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(layout.PipelineFolder, FolderName);
        Directory.CreateDirectory(folder);

        // Two years published at once each rebuild after their own rename; serialising the rebuilds means the last
        // one to run has seen both renames.
        using PublicationLock _ = PublicationLock.Acquire(Path.Combine(folder, LockFileName));
        foreach (string stale in Directory.EnumerateFiles(folder, TempPrefix + "*"))
        {
            File.Delete(stale);
        }

        var rows = new List<HistoryRow>();
        foreach (int year in layout.Years())
        {
            SnapshotLayout yearLayout = layout.ForYear(year);
            if (yearLayout.LatestVersion() is not { } version)
            {
                continue;
            }

            string versionFolder = yearLayout.VersionFolder(version);
            SnapshotManifest manifest = ManifestFileStore.Read(versionFolder);
            Instant createdAt = InstantPattern.ExtendedIso.Parse(manifest.CreatedAt).GetValueOrThrow();
            foreach (PublishedValue value in await PublishedValuesReader.ReadAsync(Path.Combine(versionFolder, KpiValuesTable.FileName), cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new HistoryRow(year, version, createdAt, value));
            }
        }

        string temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            var metadata = new Dictionary<string, string>
            {
                ["pmm.schema_version"] = ParquetSnapshotPublisher.SchemaVersion.ToString(CultureInfo.InvariantCulture),
                ["pmm.pipeline"] = pipeline,
                ["pmm.audience"] = audience,
                ["pmm.derived"] = "history: the latest version of every year, rebuilt after each publication",
            };
            await KpiValuesHistoryTable.CreateWriter(rowGroupSize).WriteAsync(temp, rows, metadata, cancellationToken).ConfigureAwait(false);
            File.Move(temp, HistoryFile(layout.PipelineFolder), overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
