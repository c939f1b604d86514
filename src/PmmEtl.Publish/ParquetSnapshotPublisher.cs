using System.Globalization;
using NodaTime.Text;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Audiences;
using PmmEtl.Publish.Changes;
using PmmEtl.Publish.Hashing;
using PmmEtl.Publish.History;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Parquet;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;
using PmmEtl.Publish.Signing;
using PmmEtl.Publish.Verify;
using PmmEtl.Reports;

namespace PmmEtl.Publish;

/// <summary>
/// Publishes one pipeline's calendar year, once per audience, as immutable versioned snapshots:
/// <c>&lt;output&gt;/&lt;audience&gt;/&lt;pipeline&gt;/&lt;year&gt;/v&lt;N&gt;/</c> with <c>kpi_values.parquet</c>,
/// <c>kpi_distribution.parquet</c>, <c>kpi_exclusions.parquet</c> (national only), <c>kpi_catalogue.parquet</c> (the
/// definitions of the KPIs it has values of), the workbook, the HTML report and <c>manifest.json</c> (with
/// <c>manifest.sig</c> when a signing key is set); then reconciles each audience's derived history file.
/// <para>
/// Every audience's version is written into a <c>.tmp-*</c> sibling folder; only when all of them are complete is
/// each renamed into place, so readers see a whole version or none. An audience whose rows equal its latest version
/// (ignoring run id and computation time) gets no new version and keeps the old one as
/// <see cref="PublishedAudience.Unchanged"/> — unless that version no longer is what was published (a file or the
/// manifest changed): then a new version is published beside it. Published versions are never modified or deleted.
/// </para>
/// <para>
/// Each manifest records the SHA-256 of its predecessor's manifest, and the history records every manifest's, so
/// <c>verify</c> catches an edit of any manifest. The year locks are held until the history is reconciled, so
/// <c>verify</c>, which waits while they are held, never sees a version whose history is not written yet.
/// </para>
/// </summary>
public sealed class ParquetSnapshotPublisher : ISnapshotPublisher
{
    /// <summary>Version of the file layout and column set (<see cref="PublishedSchema"/>); part of the content hash and the manifest.</summary>
    public const int SchemaVersion = PublishedSchema.Current;

    /// <summary>Rows buffered per Parquet row group, and so the most rows held in memory at once by a writer.</summary>
    public const int DefaultRowGroupSize = 100_000;

    public const string ValuesFileName = KpiValuesTable.FileName;
    public const string ExclusionsFileName = KpiExclusionsTable.FileName;
    public const string DistributionFileName = KpiDistributionTable.FileName;
    public const string CatalogueFileName = KpiCatalogueTable.FileName;
    public const string WorkbookFileName = "kpi_values.xlsx";
    public const string ReportFileName = "kpi_report.html";
    public const string ManifestFileName = ManifestFileStore.FileName;
    public const string HistoryFolderName = HistoryBuilder.FolderName;
    public const string HistoryFileName = KpiValuesHistoryTable.FileName;

    private readonly int _rowGroupSize;
    private readonly ManifestSigner? _signer;
    private readonly ICheckpoints _checkpoints;

    /// <param name="signer">Signs every manifest; when null, the key of the environment (<see cref="ManifestSigner.FromEnvironment"/>), if any.</param>
    /// <param name="checkpoints">Told when a publication passes a named point of the run (the crash tests' pause); none when null.</param>
    /// <exception cref="InvalidOperationException">The environment names a signing key that cannot be used.</exception>
    public ParquetSnapshotPublisher(int rowGroupSize = DefaultRowGroupSize, ManifestSigner? signer = null, ICheckpoints? checkpoints = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        _rowGroupSize = rowGroupSize;
        _signer = signer ?? ManifestSigner.FromEnvironment();
        _checkpoints = checkpoints ?? Checkpoints.None;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The pipeline name would leave the output folder, the year is invalid, or no audience is asked for.</exception>
    /// <exception cref="IOException">Another publication of the same pipeline and year is running.</exception>
    /// <exception cref="InvalidDataException">A latest version has no valid manifest, or the reader returned bad rows (a date outside <see cref="PublishableDates"/> among them).</exception>
    /// <exception cref="InvalidOperationException">The archive is signed and this publisher has no key, or another one.</exception>
    public PublishedSnapshot Publish(SnapshotRequest request, IKpiValueReader values) =>
        // Parquet.Net 6 has no synchronous API. Task.Run keeps the blocking wait free of any synchronization
        // context of the caller, so it cannot deadlock whoever hosts the job.
        Task.Run(() => PublishAsync(request, values)).GetAwaiter().GetResult();

    /// <inheritdoc cref="Publish" />
    public async Task<PublishedSnapshot> PublishAsync(SnapshotRequest request, IKpiValueReader values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(values);
        Disclosure[] audiences = [.. request.Audiences.Distinct().Order()];
        if (audiences.Length == 0)
        {
            throw new ArgumentException("No audience to publish for.", nameof(request));
        }

        // Every path is checked before anything is read or created.
        SnapshotLayout[] layouts = [.. audiences.Select(a => SnapshotLayout.For(request.OutputFolder, a, request.Pipeline, request.Year, nameof(request)))];
        var suppression = new SmallCountSuppression(request.SuppressBelow);

        var locks = new List<PublicationLock>();
        var temps = new List<string>();
        var prepared = new List<AudienceVersion>();
        var keys = new List<SigningKey?>();
        try
        {
            // Locks are taken narrowest audience first, always in that order, so two publishers never wait in a cycle.
            foreach (SnapshotLayout layout in layouts)
            {
                Directory.CreateDirectory(layout.YearFolder);
                locks.Add(PublicationLock.Acquire(layout.LockFile));
                layout.RemoveStaleTempFolders();
            }

            // Before anything is written: a signed archive takes only its own key.
            foreach (SnapshotLayout layout in layouts)
            {
                keys.Add(ArchiveSigning.Prepare(layout.PipelineFolder, _signer));
            }

            foreach (SnapshotLayout layout in layouts)
            {
                string temp = layout.TempFolder(request.RunId);
                Directory.CreateDirectory(temp);
                temps.Add(temp);
            }

            // KPI value sets are small (thousands of rows): read once, then filtered per audience.
            List<PublishedValue> all = [.. values.ReadValues(request.Pipeline, request.Year).OnlyPipeline(request.Pipeline, v => v.Pipeline, ValuesFileName).Select(Describe)];
            List<KpiExclusionCount> exclusions = [.. values.ReadExclusions(request.Pipeline, request.Year).OnlyPipeline(request.Pipeline, e => e.Pipeline, ExclusionsFileName)];

            // Every writer holds exactly the dates of PublishableDates; a row outside fails here, naming itself, before
            // any file is written (never as an overflow deep inside one writer after the others have written theirs).
            PublishableDates.Moment(request.CreatedAt, "published at");
            all.ForEach(v => PublishableDates.Check(v.Value));
            exclusions.ForEach(PublishableDates.Check);
            List<KpiDistributionBin> bins = [.. values.ReadDistribution(request.Pipeline, request.Year).OnlyPipeline(request.Pipeline, b => b.Pipeline, DistributionFileName)];

            for (int i = 0; i < audiences.Length; i++)
            {
                SmallCountSuppression rule = AudienceRules.IsSuppressed(audiences[i]) ? suppression : SmallCountSuppression.Off;
                var content = new AudienceContent(
                    audiences[i],
                    [.. all.Where(v => AudienceRules.MaySee(audiences[i], v.Value.Disclosure)).Select(rule.Apply)],
                    AudienceRules.SeesExclusions(audiences[i]) ? exclusions : null,
                    [.. bins.Select(b => new PublishedBin(b, DisclosureOf(b.KpiCode), b.Count, false))
                        .Where(b => AudienceRules.MaySee(audiences[i], b.Disclosure)).Select(rule.Apply)],
                    AudienceRules.IsSuppressed(audiences[i]) ? request.SuppressBelow : null);
                prepared.Add(await PrepareAsync(layouts[i], temps[i], request, content, keys[i], cancellationToken).ConfigureAwait(false));
            }

            // Every version is complete on disk; one rename each makes it visible as a whole. A rename fails rather
            // than merges if the target exists. The folder's own entry is not fsynced (.NET cannot open a directory):
            // after a power cut a rename may be lost, which leaves a temp folder the next publication removes and redoes.
            foreach (AudienceVersion version in prepared.Where(p => !p.Unchanged))
            {
                Directory.Move(version.Temp, version.Folder);
                _checkpoints.Reached(Checkpoints.Rename);
            }

            // Every run, changed or not: the history is derived from the versions, never trusted to be up to date (a
            // run killed after a rename left it stale, and an unchanged re-run must still repair it). Still under the
            // year locks, so a verify waiting on them sees versions and history agree.
            for (int i = 0; i < prepared.Count; i++)
            {
                string? before = await HistoryBuilder.ReconcileAsync(
                    layouts[i].PipelineFolder, request.Pipeline, AudienceRules.FolderName(audiences[i]), _rowGroupSize, cancellationToken).ConfigureAwait(false);
                if (before is not null && prepared[i].Unchanged)
                {
                    prepared[i] = prepared[i] with
                    {
                        Findings = [.. prepared[i].Findings, $"the history was {before}; rebuilt from the published versions"],
                    };
                }
            }
        }
        catch
        {
            foreach (string temp in temps)
            {
                // Best effort: if this fails too, the next publication removes the folder under the lock.
                TryDelete(temp);
            }

            throw;
        }
        finally
        {
            foreach (PublicationLock held in Enumerable.Reverse(locks))
            {
                held.Dispose();
            }

            foreach (SigningKey? key in keys)
            {
                key?.Dispose();
            }
        }

        AudienceVersion widest = prepared[^1];
        return new PublishedSnapshot(widest.Folder, widest.Version, prepared.All(p => p.Unchanged), widest.RowCounts)
        {
            Audiences = [.. prepared.Select(p => new PublishedAudience(AudienceRules.FolderName(p.Audience), p.Folder, p.Version, p.Unchanged) { Findings = p.Findings })],
        };
    }

    private static PublishedValue Describe(KpiValue value)
    {
        KpiDefinition? kpi = KpiCatalogue.Find(value.KpiCode);
        return new PublishedValue(value, kpi?.Name, kpi?.Area, Suppressed: false);
    }

    /// <summary>A histogram shows a KPI's total, so it has the KPI's own level; a KPI unknown to the catalogue stays national.</summary>
    private static string DisclosureOf(string kpiCode) => KpiCatalogue.Find(kpiCode)?.Disclosure.ToCode() ?? Disclosure.National.ToCode();

    /// <summary>
    /// Writes one audience's tables into its temp folder and, unless they equal the latest version and that version is
    /// still as published, its documents and manifest.
    /// </summary>
    private async Task<AudienceVersion> PrepareAsync(
        SnapshotLayout layout, string temp, SnapshotRequest request, AudienceContent content, SigningKey? key, CancellationToken cancellationToken)
    {
        string audience = AudienceRules.FolderName(content.Audience);
        int? latest = layout.LatestVersion();
        (SnapshotManifest Manifest, string Sha256, byte[] Bytes)? latestRead = latest is { } v ? ManifestFileStore.ReadWithHash(layout.VersionFolder(v)) : null;
        SnapshotManifest? latestManifest = latestRead?.Manifest;

        // The history's record is the witness of the latest manifest: the new version chains to the hash recorded at
        // publication, not to whatever the file holds now, so an edit stays visible to verify.
        (ManifestRecord? recorded, _) = await HistoryBuilder.ReadRecordAsync(HistoryBuilder.HistoryFile(layout.PipelineFolder), cancellationToken).ConfigureAwait(false);
        var findings = new List<string>();
        List<string> damage = [];
        string? previousManifestSha256 = null;
        if (latest is { } current && latestRead is { } read)
        {
            string? recordedSha256 = recorded?[request.Year, current];
            previousManifestSha256 = recordedSha256 ?? read.Sha256;
            damage = await VersionIntegrity.DamageAsync(layout.VersionFolder(current), read.Manifest, read.Sha256, read.Bytes, recordedSha256, key, cancellationToken).ConfigureAwait(false);
        }

        if (recorded?.LatestRecorded(request.Year) is { } recordedLatest && recordedLatest > (latest ?? 0))
        {
            findings.Add($"{SnapshotLayout.VersionName(recordedLatest)}, recorded in the history, is missing from {layout.YearFolder}: a published version was removed");
        }

        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>
        {
            ["pmm.schema_version"] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
            ["pmm.pipeline"] = request.Pipeline,
            ["pmm.audience"] = audience,
            ["pmm.year"] = request.Year.ToString(CultureInfo.InvariantCulture),
            ["pmm.run_id"] = request.RunId,
            ["pmm.tzdb_version"] = request.TzdbVersion,
            ["pmm.kpi_catalogue_version"] = request.CatalogueVersion,
        };

        var tables = new List<(string Name, TableWriteResult Result)>
        {
            (ValuesFileName, await KpiValuesTable.CreateWriter(_rowGroupSize).WriteAsync(
                Path.Combine(temp, ValuesFileName), content.Values, metadata, cancellationToken).ConfigureAwait(false)),
            (DistributionFileName, await ReachThen(Checkpoints.Parquet, () => KpiDistributionTable.CreateWriter(_rowGroupSize).WriteAsync(
                Path.Combine(temp, DistributionFileName), content.Bins, metadata, cancellationToken)).ConfigureAwait(false)),
        };
        if (content.Exclusions is { } exclusions)
        {
            tables.Add((ExclusionsFileName, await KpiExclusionsTable.CreateWriter(_rowGroupSize).WriteAsync(
                Path.Combine(temp, ExclusionsFileName), exclusions, metadata, cancellationToken).ConfigureAwait(false)));
        }

        // The definitions of the KPIs this audience has rows of, so each version carries what its values mean; the
        // workbook's Catalogue sheet is built by the same CatalogueEntry.Published from the same rows.
        IReadOnlyList<CatalogueEntry> catalogue = CatalogueEntry.Published(
            KpiCatalogue.All, content.Values.Select(v => v.Value.KpiCode), request.CatalogueVersion);
        tables.Add((CatalogueFileName, await KpiCatalogueTable.CreateWriter(_rowGroupSize).WriteAsync(
            Path.Combine(temp, CatalogueFileName), catalogue, metadata, cancellationToken).ConfigureAwait(false)));

        // The suppression threshold changes what the files mean even where no cell falls under it.
        string contentHash = ContentHash.Compute(
            PublishedSchema.ContentVersion, $"suppress_below={content.SuppressBelow?.ToString(CultureInfo.InvariantCulture) ?? "none"}",
            [.. tables.Select(t => (t.Name, t.Result.RowDigests))]);
        Dictionary<string, string> tableHashes = tables.ToDictionary(
            t => t.Name, t => ContentHash.Compute(PublishedSchema.ContentVersion, "", [(t.Name, t.Result.RowDigests)]), StringComparer.Ordinal);

        if (latest is { } same && latestManifest is { } previous && previous.ContentSha256 == contentHash && damage.Count == 0)
        {
            Directory.Delete(temp, recursive: true);
            return new AudienceVersion(content.Audience, temp, layout.VersionFolder(same), same, Unchanged: true, RowCounts(previous.Files)) { Findings = findings };
        }

        // A number once recorded is never given again, even if its folder was removed.
        int version = Math.Max(latest ?? 0, recorded?.LatestRecorded(request.Year) ?? 0) + 1;
        if (damage.Count > 0)
        {
            findings.Add($"{SnapshotLayout.VersionName(latest!.Value)} is damaged ({string.Join("; ", damage)}): published {SnapshotLayout.VersionName(version)} "
                + $"with the current values beside it and left {SnapshotLayout.VersionName(latest.Value)} as it is; restore it from a backup");
        }

        // Against a damaged version, the list of changes would describe the damage: it is left out.
        ManifestChanges? changes = latest is { } superseded && latestManifest is not null && damage.Count == 0
            ? await SupersededComparison.ChangesAsync(layout.VersionFolder(superseded), latestManifest, content.Values, tableHashes, cancellationToken).ConfigureAwait(false)
            : null;
        if (changes is { FinalValuesRevised: > 0 } revised)
        {
            // A final value is never overwritten silently: the manifest lists each revision, and the run says so.
            ValueChange first = revised.Values.First(c => c.Revision == "revised_final");
            findings.Add($"{revised.FinalValuesRevised} value(s) published as final in {revised.Against} are revised in {SnapshotLayout.VersionName(version)} "
                + $"(first: {first.KpiCode} {first.Variant} {first.PeriodLabel} {first.Breakdown}={first.BreakdownValue}); see the manifest's changes");
        }

        PublicationReport report = await PublicationDocuments.ReportAsync(layout, request, content, version, latest, changes, cancellationToken).ConfigureAwait(false);
        WorkbookWriter.Write(report, Path.Combine(temp, WorkbookFileName));
        HtmlReportWriter.Write(report, Path.Combine(temp, ReportFileName));

        var files = new List<ManifestFile>();
        foreach ((string name, TableWriteResult result) in tables)
        {
            files.Add(await DescribeAsync(temp, name, result.Rows, tableHashes[name], cancellationToken).ConfigureAwait(false));
        }

        files.Add(await DescribeAsync(temp, WorkbookFileName, null, null, cancellationToken).ConfigureAwait(false));
        files.Add(await DescribeAsync(temp, ReportFileName, null, null, cancellationToken).ConfigureAwait(false));

        SnapshotManifest manifest = new()
        {
            SchemaVersion = SchemaVersion,
            Pipeline = request.Pipeline,
            Audience = audience,
            Year = request.Year,
            Version = version,
            Supersedes = latest is { } s ? SnapshotLayout.VersionName(s) : null,
            RunId = request.RunId,
            CreatedAt = InstantPattern.ExtendedIso.Format(request.CreatedAt),
            SourceWindow = request.SourceWindow,
            DstPolicy = request.DstPolicy,
            TzdbVersion = request.TzdbVersion,
            KpiCatalogueVersion = request.CatalogueVersion,
            SuppressBelow = content.SuppressBelow,
            ContentSha256 = contentHash,
            PreviousManifestSha256 = previousManifestSha256,
            SigningKeySha256 = key?.Sha256,
            Files = files,
            Changes = changes,
        };

        // The manifest goes last: a folder holding a manifest holds every file the manifest names.
        _checkpoints.Reached(Checkpoints.Manifest);
        byte[] written = await ManifestFileStore.WriteAsync(temp, manifest, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            // ArchiveSigning.Prepare gave a key only if it is the signer's.
            await using var signature = new FileStream(Path.Combine(temp, SigningKey.SignatureFileName), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await signature.WriteAsync(_signer!.Sign(written), cancellationToken).ConfigureAwait(false);
            signature.Flush(flushToDisk: true);
        }

        return new AudienceVersion(content.Audience, temp, layout.VersionFolder(version), version, Unchanged: false, RowCounts(files)) { Findings = findings };
    }

    private static async Task<ManifestFile> DescribeAsync(string folder, string name, long? rows, string? contentHash, CancellationToken cancellationToken)
    {
        string path = Path.Combine(folder, name);
        return new ManifestFile
        {
            Name = name,
            Rows = rows,
            Bytes = new FileInfo(path).Length,
            Sha256 = await FileSha256.ComputeAsync(path, cancellationToken).ConfigureAwait(false),
            ContentSha256 = contentHash,
        };
    }

    private static IReadOnlyDictionary<string, long> RowCounts(IEnumerable<ManifestFile> files) =>
        files.Where(f => f.Rows is not null).ToDictionary(f => f.Name, f => f.Rows!.Value, StringComparer.Ordinal);

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

    /// <summary>One audience's outcome: a prepared temp folder to rename to <see cref="Folder"/>, or the unchanged latest version.</summary>
    private sealed record AudienceVersion(Disclosure Audience, string Temp, string Folder, int Version, bool Unchanged, IReadOnlyDictionary<string, long> RowCounts)
    {
        public IReadOnlyList<string> Findings { get; init; } = [];
    }

    /// <summary>The crash tests stop the process here: one table of the version written, the next not yet.</summary>
    private Task<TableWriteResult> ReachThen(string checkpoint, Func<Task<TableWriteResult>> write)
    {
        _checkpoints.Reached(checkpoint);
        return write();
    }
}
