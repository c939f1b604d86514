using System.Globalization;
using NodaTime.Text;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Hashing;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Parquet;

namespace PmmEtl.Publish;

/// <summary>
/// Publishes one pipeline's calendar year as an immutable, versioned Parquet snapshot:
/// <c>&lt;output&gt;/&lt;pipeline&gt;/&lt;year&gt;/v&lt;N&gt;/</c> with <c>kpi_values.parquet</c>,
/// <c>kpi_exclusions.parquet</c> and <c>manifest.json</c>.
/// <para>
/// A version is written into a <c>.tmp-*</c> sibling folder and renamed into place when complete, so readers see a
/// whole version or none. Re-publishing values equal to the latest version (ignoring run id and computation time)
/// writes nothing and returns that version as <see cref="PublishedSnapshot.Unchanged"/>. Published versions are
/// never modified or deleted.
/// </para>
/// </summary>
public sealed class ParquetSnapshotPublisher : ISnapshotPublisher
{
    /// <summary>Version of the file layout and column set; part of the content hash and the manifest.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Rows buffered per Parquet row group, and so the most rows held in memory at once.</summary>
    public const int DefaultRowGroupSize = 100_000;

    public const string ValuesFileName = KpiValuesTable.FileName;
    public const string ExclusionsFileName = KpiExclusionsTable.FileName;
    public const string ManifestFileName = ManifestFileStore.FileName;

    private readonly int _rowGroupSize;

    public ParquetSnapshotPublisher(int rowGroupSize = DefaultRowGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        _rowGroupSize = rowGroupSize;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The pipeline name would leave the output folder, or the year is invalid.</exception>
    /// <exception cref="IOException">Another publication of the same pipeline and year is running.</exception>
    /// <exception cref="InvalidDataException">The latest version has no valid manifest, or the reader returned bad rows.</exception>
    public PublishedSnapshot Publish(SnapshotRequest request, IKpiValueReader values) =>
        // Parquet.Net 6 has no synchronous API. Task.Run keeps the blocking wait free of any synchronization
        // context of the caller, so it cannot deadlock whoever hosts the job.
        Task.Run(() => PublishAsync(request, values)).GetAwaiter().GetResult();

    /// <inheritdoc cref="Publish" />
    public async Task<PublishedSnapshot> PublishAsync(SnapshotRequest request, IKpiValueReader values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(values);
        SnapshotLayout layout = SnapshotLayout.For(request.OutputFolder, request.Pipeline, request.Year, nameof(request));

        Directory.CreateDirectory(layout.YearFolder);
        using PublicationLock _ = PublicationLock.Acquire(layout);
        layout.RemoveStaleTempFolders();

        int? latest = layout.LatestVersion();
        SnapshotManifest? latestManifest = latest is { } v ? ManifestFileStore.Read(layout.VersionFolder(v)) : null;

        string temp = layout.TempFolder(request.RunId);
        Directory.CreateDirectory(temp);
        try
        {
            (string contentHash, IReadOnlyList<ManifestFile> files) = await WriteTablesAsync(temp, request, values, cancellationToken).ConfigureAwait(false);

            if (latest is { } same && latestManifest is { } previous && previous.ContentSha256 == contentHash)
            {
                Directory.Delete(temp, recursive: true);
                return new PublishedSnapshot(layout.VersionFolder(same), same, Unchanged: true, RowCounts(previous.Files));
            }

            int version = (latest ?? 0) + 1;
            SnapshotManifest manifest = Manifest(request, version, latest, contentHash, files);

            // The manifest goes last: a folder holding a manifest holds every file the manifest names.
            await ManifestFileStore.WriteAsync(temp, manifest, cancellationToken).ConfigureAwait(false);

            // One rename makes the version visible as a whole. It fails rather than merges if the target exists.
            // The folder's own entry is not fsynced (.NET cannot open a directory): after a power cut the rename
            // may be lost, which leaves a temp folder that the next publication removes and redoes.
            string target = layout.VersionFolder(version);
            Directory.Move(temp, target);
            return new PublishedSnapshot(target, version, Unchanged: false, RowCounts(files));
        }
        catch
        {
            // Best effort: if this fails too, the next publication removes the folder under the lock.
            TryDelete(temp);
            throw;
        }
    }

    private async Task<(string ContentHash, IReadOnlyList<ManifestFile> Files)> WriteTablesAsync(
        string folder, SnapshotRequest request, IKpiValueReader values, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>
        {
            ["pmm.schema_version"] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
            ["pmm.pipeline"] = request.Pipeline,
            ["pmm.year"] = request.Year.ToString(CultureInfo.InvariantCulture),
            ["pmm.run_id"] = request.RunId,
            ["pmm.tzdb_version"] = request.TzdbVersion,
            ["pmm.kpi_catalogue_version"] = request.CatalogueVersion,
        };

        TableWriteResult valueRows = await KpiValuesTable.CreateWriter(_rowGroupSize).WriteAsync(
            Path.Combine(folder, ValuesFileName),
            values.ReadValues(request.Pipeline, request.Year).OnlyPipeline(request.Pipeline, v => v.Pipeline, ValuesFileName),
            metadata, cancellationToken).ConfigureAwait(false);

        TableWriteResult exclusionRows = await KpiExclusionsTable.CreateWriter(_rowGroupSize).WriteAsync(
            Path.Combine(folder, ExclusionsFileName),
            values.ReadExclusions(request.Pipeline, request.Year).OnlyPipeline(request.Pipeline, e => e.Pipeline, ExclusionsFileName),
            metadata, cancellationToken).ConfigureAwait(false);

        string contentHash = ContentHash.Compute(
            SchemaVersion, (ValuesFileName, valueRows.RowDigests), (ExclusionsFileName, exclusionRows.RowDigests));

        ManifestFile[] files =
        [
            await DescribeAsync(folder, ValuesFileName, valueRows.Rows, cancellationToken).ConfigureAwait(false),
            await DescribeAsync(folder, ExclusionsFileName, exclusionRows.Rows, cancellationToken).ConfigureAwait(false),
        ];
        return (contentHash, files);
    }

    private static async Task<ManifestFile> DescribeAsync(string folder, string name, long rows, CancellationToken cancellationToken)
    {
        string path = Path.Combine(folder, name);
        return new ManifestFile
        {
            Name = name,
            Rows = rows,
            Bytes = new FileInfo(path).Length,
            Sha256 = await FileSha256.ComputeAsync(path, cancellationToken).ConfigureAwait(false),
        };
    }

    private static SnapshotManifest Manifest(SnapshotRequest request, int version, int? supersedes, string contentHash, IReadOnlyList<ManifestFile> files) => new()
    {
        SchemaVersion = SchemaVersion,
        Pipeline = request.Pipeline,
        Year = request.Year,
        Version = version,
        Supersedes = supersedes is { } previous ? SnapshotLayout.VersionName(previous) : null,
        RunId = request.RunId,
        CreatedAt = InstantPattern.ExtendedIso.Format(request.CreatedAt),
        SourceWindow = request.SourceWindow,
        DstPolicy = request.DstPolicy,
        TzdbVersion = request.TzdbVersion,
        KpiCatalogueVersion = request.CatalogueVersion,
        ContentSha256 = contentHash,
        Files = files,
    };

    private static IReadOnlyDictionary<string, long> RowCounts(IEnumerable<ManifestFile> files) =>
        files.ToDictionary(f => f.Name, f => f.Rows, StringComparer.Ordinal);

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
