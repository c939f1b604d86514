using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Publish.Audiences;
using PmmEtl.Publish.Hashing;
using PmmEtl.Publish.History;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// Re-checks a snapshot archive as an archivist would, trusting nothing but the manifests: every version's manifest
/// parses and names its own place; every listed file exists with the listed size and SHA-256; nothing unlisted lies in
/// a version; each Parquet file has the schema its schema version promises and the listed row count; an audience's
/// tree holds no row its audience may not see; versions run v1, v2, … each superseding the one before; and each
/// history file holds exactly the latest version of every year.
/// <para>
/// The archive is the snapshots folder (<c>&lt;audience&gt;/&lt;pipeline&gt;/&lt;year&gt;/v&lt;N&gt;</c>, plus
/// pipeline folders of the schema-1 layout <c>&lt;pipeline&gt;/&lt;year&gt;/v&lt;N&gt;</c>), or one audience's tree
/// on its own, as handed to that audience.
/// </para>
/// </summary>
public static class ArchiveVerifier
{
    public static VerificationResult Verify(string archive) => Task.Run(() => VerifyAsync(archive)).GetAwaiter().GetResult();

    /// <exception cref="DirectoryNotFoundException">The archive folder does not exist.</exception>
    public static async Task<VerificationResult> VerifyAsync(string archive, CancellationToken cancellationToken = default)
    {
        string root = Path.GetFullPath(archive);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"'{archive}' is not a folder.");
        }

        var result = new VerificationResult();
        bool isAudienceTree = AudienceRules.TryParse(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), out Disclosure single)
            && !Directory.EnumerateDirectories(root).Any(d => AudienceRules.TryParse(Path.GetFileName(d), out _));
        if (isAudienceTree)
        {
            await AudienceTreeAsync(root, single, result, cancellationToken).ConfigureAwait(false);
            return result;
        }

        foreach (string file in Directory.EnumerateFiles(root))
        {
            result.Problem(file, "extra file: the archive's top level holds only audience folders");
        }

        foreach (string folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (AudienceRules.TryParse(Path.GetFileName(folder), out Disclosure audience))
            {
                await AudienceTreeAsync(folder, audience, result, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A pipeline folder of the schema-1 layout, from before publications were made per audience.
                await PipelineAsync(folder, null, result, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    private static async Task AudienceTreeAsync(string folder, Disclosure audience, VerificationResult result, CancellationToken cancellationToken)
    {
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            result.Problem(file, "extra file: an audience folder holds only pipeline folders");
        }

        foreach (string pipeline in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            await PipelineAsync(pipeline, audience, result, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PipelineAsync(string folder, Disclosure? audience, VerificationResult result, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<int, (int Version, long? Rows)>();
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            result.Problem(file, "extra file: a pipeline folder holds only year folders and the history");
        }

        bool hasHistory = false;
        foreach (string sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(sub);
            if (SnapshotLayout.ParseYear(name) is { } year)
            {
                if (await YearAsync(sub, Path.GetFileName(folder), audience, year, result, cancellationToken).ConfigureAwait(false) is { } newest)
                {
                    latest[year] = newest;
                }
            }
            else if (name == HistoryBuilder.FolderName && audience is not null)
            {
                hasHistory = true;
            }
            else
            {
                result.Problem(sub, "extra folder: not a year, not the history");
            }
        }

        if (audience is null)
        {
            return;
        }

        if (hasHistory)
        {
            await HistoryCheck.HistoryAsync(Path.Combine(folder, HistoryBuilder.FolderName), audience.Value, latest, result, cancellationToken).ConfigureAwait(false);
        }
        else if (latest.Count > 0)
        {
            result.Problem(Path.Combine(folder, HistoryBuilder.FolderName), "missing: the history of a pipeline with published versions");
        }
    }

    /// <returns>The latest version and its kpi_values row count, for the history check.</returns>
    private static async Task<(int Version, long? Rows)?> YearAsync(
        string folder, string pipeline, Disclosure? audience, int year, VerificationResult result, CancellationToken cancellationToken)
    {
        var versions = new SortedDictionary<int, string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            string name = Path.GetFileName(entry);
            bool isFolder = Directory.Exists(entry);
            if (isFolder && SnapshotLayout.ParseVersion(name) is { } version)
            {
                versions[version] = entry;
            }
            else if (!isFolder && name == SnapshotLayout.LockFileName)
            {
                // The publication lock; it holds nothing.
            }
            else if (isFolder && name.StartsWith(SnapshotLayout.TempPrefix, StringComparison.Ordinal))
            {
                result.Note(entry, "a publication in progress, or one that crashed; it is not part of the archive and the next publication removes it");
            }
            else
            {
                result.Problem(entry, $"extra {(isFolder ? "folder" : "file")}: a year folder holds only v<N> folders");
            }
        }

        if (versions.Count == 0)
        {
            return null;
        }

        for (int expected = 1; expected <= versions.Keys.Max(); expected++)
        {
            if (!versions.ContainsKey(expected))
            {
                result.Problem(Path.Combine(folder, SnapshotLayout.VersionName(expected)), "missing: a published version was removed (later versions exist)");
            }
        }

        long? latestRows = null;
        foreach ((int version, string path) in versions)
        {
            latestRows = await VersionCheck.VersionAsync(path, pipeline, audience, year, version, result, cancellationToken).ConfigureAwait(false);
        }

        return (versions.Keys.Max(), latestRows);
    }
}
