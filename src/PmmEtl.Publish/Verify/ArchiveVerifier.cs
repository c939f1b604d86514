using System.Globalization;
using System.Text;
using PmmEtl.Core.Catalogue;
using PmmEtl.Publish.Audiences;
using PmmEtl.Publish.History;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Signing;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// Re-checks a snapshot archive as an archivist would, trusting nothing but the manifests and what vouches for them:
/// every version's manifest parses and names its own place; every listed file exists with the listed size and SHA-256;
/// nothing unlisted lies in a version; each Parquet file has the schema its schema version promises and the listed row
/// count; an audience's tree holds no row its audience may not see; versions run v1, v2, … each superseding the one
/// before and recording the SHA-256 of its manifest; signed manifests carry a valid signature by the archive's key; and
/// each history file holds exactly the rows the latest version of every year makes it and records every manifest's
/// SHA-256 as it lies on disk.
/// <para>
/// The archive is the snapshots folder (<c>&lt;audience&gt;/&lt;pipeline&gt;/&lt;year&gt;/v&lt;N&gt;</c>, plus
/// pipeline folders of the schema-1 layout <c>&lt;pipeline&gt;/&lt;year&gt;/v&lt;N&gt;</c>), or one audience's tree
/// on its own, as handed to that audience.
/// </para>
/// <para>
/// A publication may run meanwhile. Each pipeline is checked while no publication of it holds a lock (verify waits
/// for one to finish), and checked again if it changed during the check, so a publication in progress is never
/// reported as a problem. Verify takes no lock of its own and writes nothing.
/// </para>
/// </summary>
public static class ArchiveVerifier
{
    /// <summary>How long verify waits for a publication in progress before checking anyway.</summary>
    public static readonly TimeSpan DefaultPublicationWait = TimeSpan.FromMinutes(2);

    private const int Attempts = 3;

    public static VerificationResult Verify(string archive, TimeSpan? publicationWait = null) =>
        Task.Run(() => VerifyAsync(archive, publicationWait)).GetAwaiter().GetResult();

    /// <exception cref="DirectoryNotFoundException">The archive folder does not exist.</exception>
    public static async Task<VerificationResult> VerifyAsync(string archive, TimeSpan? publicationWait = null, CancellationToken cancellationToken = default)
    {
        string root = Path.GetFullPath(archive);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"'{archive}' is not a folder.");
        }

        var run = new Run(publicationWait ?? DefaultPublicationWait, new VerificationResult(), cancellationToken);
        bool isAudienceTree = AudienceRules.TryParse(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), out Disclosure single)
            && !Directory.EnumerateDirectories(root).Any(d => AudienceRules.TryParse(Path.GetFileName(d), out _));
        if (isAudienceTree)
        {
            await AudienceTreeAsync(root, single, run).ConfigureAwait(false);
            return run.Result;
        }

        foreach (string file in Directory.EnumerateFiles(root))
        {
            run.Result.Problem(file, "extra file: the archive's top level holds only audience folders");
        }

        foreach (string folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (AudienceRules.TryParse(Path.GetFileName(folder), out Disclosure audience))
            {
                await AudienceTreeAsync(folder, audience, run).ConfigureAwait(false);
            }
            else
            {
                // A pipeline folder of the schema-1 layout, from before publications were made per audience.
                await PipelineAsync(folder, null, run).ConfigureAwait(false);
            }
        }

        return run.Result;
    }

    private sealed record Run(TimeSpan PublicationWait, VerificationResult Result, CancellationToken CancellationToken);

    private static async Task AudienceTreeAsync(string folder, Disclosure audience, Run run)
    {
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            run.Result.Problem(file, "extra file: an audience folder holds only pipeline folders");
        }

        foreach (string pipeline in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            await PipelineAsync(pipeline, audience, run).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One pipeline, read as a consistent whole: after any publication of it has finished, and again if it changed
    /// while being checked (a publication started meanwhile) and the check found something.
    /// </summary>
    private static async Task PipelineAsync(string folder, Disclosure? audience, Run run)
    {
        for (int attempt = 1; ; attempt++)
        {
            bool stillBusy = await WaitForPublicationsAsync(folder, run.PublicationWait, run.CancellationToken).ConfigureAwait(false);
            string before = Stamp(folder);
            var pass = new VerificationResult();
            await CheckPipelineAsync(folder, audience, pass, run.CancellationToken).ConfigureAwait(false);
            bool settled = Stamp(folder) == before;
            if (pass.Clean || settled || attempt == Attempts)
            {
                if (stillBusy)
                {
                    pass.Note(folder, string.Create(CultureInfo.InvariantCulture,
                        $"a publication held its lock for more than {run.PublicationWait.TotalSeconds:0} s and was checked while in progress: a problem with its newest version or history may be its work not yet finished"));
                }

                if (!settled)
                {
                    pass.Note(folder, "kept changing while it was checked (publications running one after another): a problem with its newest versions or history may be a publication's work not yet finished");
                }

                run.Result.Add(pass);
                return;
            }
        }
    }

    /// <returns>True when a publication still held a lock at the end of the wait.</returns>
    private static async Task<bool> WaitForPublicationsAsync(string pipelineFolder, TimeSpan wait, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + wait;
        while (LockFiles(pipelineFolder).Any(PublicationLock.IsHeld))
        {
            if (DateTime.UtcNow >= giveUp)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static IEnumerable<string> LockFiles(string pipelineFolder) =>
        Directory.EnumerateDirectories(pipelineFolder).Select(d => Path.Combine(d, SnapshotLayout.LockFileName))
            .Append(Path.Combine(pipelineFolder, HistoryBuilder.FolderName, HistoryBuilder.LockFileName));

    /// <summary>
    /// What a publication changes in a pipeline folder: the entries of the pipeline, year and history folders (published
    /// versions are immutable, so their names say enough) and the history file's size and time.
    /// </summary>
    private static string Stamp(string pipelineFolder)
    {
        var stamp = new StringBuilder();
        void Entries(string folder)
        {
            if (Directory.Exists(folder))
            {
                foreach (string entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
                {
                    var info = new FileInfo(entry);
                    stamp.Append(entry).Append(info.Exists ? string.Create(CultureInfo.InvariantCulture, $" {info.Length} {info.LastWriteTimeUtc.Ticks}") : "").Append('\n');
                }
            }
        }

        Entries(pipelineFolder);
        foreach (string sub in Directory.Exists(pipelineFolder) ? Directory.EnumerateDirectories(pipelineFolder) : [])
        {
            Entries(sub);
        }

        return stamp.ToString();
    }

    private static async Task CheckPipelineAsync(string folder, Disclosure? audience, VerificationResult result, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<int, (int Version, long? Rows)>();
        var versions = new Dictionary<(int Year, int Version), VersionFacts>();
        var changed = new HashSet<(int Year, int Version)>();
        SigningKey? key = null;
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            if (Path.GetFileName(file) == SigningKey.FileName && audience is not null)
            {
                try
                {
                    key = SigningKey.FromPem(File.ReadAllText(file), file);
                }
                catch (InvalidDataException e)
                {
                    result.Problem(file, e.Message);
                }
            }
            else
            {
                result.Problem(file, $"extra file: a pipeline folder holds only year folders, the history{(audience is null ? "" : " and " + SigningKey.FileName)}");
            }
        }

        using (key)
        {
            bool hasHistory = false;
            foreach (string sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(sub);
                if (SnapshotLayout.ParseYear(name) is { } year)
                {
                    Dictionary<int, VersionFacts> years = await YearAsync(sub, Path.GetFileName(folder), audience, year, result, cancellationToken).ConfigureAwait(false);
                    if (years.Count > 0)
                    {
                        int newest = years.Keys.Max();
                        latest[year] = (newest, years[newest].ValueRows);
                    }

                    foreach ((int version, VersionFacts facts) in years)
                    {
                        versions[(year, version)] = facts;
                    }

                    changed.UnionWith(ChainCheck.Year(years, key, result).Select(v => (year, v)));
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

            if (key is not null)
            {
                int unsigned = versions.Values.Count(v => v.Manifest is { SigningKeySha256: null });
                result.Note(Path.Combine(folder, SigningKey.FileName),
                    $"versions are signed with the key of SHA-256 {key.Sha256}: compare it with the fingerprint you were given"
                    + (unsigned > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {unsigned} version(s) published before signing began are not signed") : ""));
            }

            if (audience is null)
            {
                return;
            }

            if (hasHistory)
            {
                await HistoryCheck.HistoryAsync(folder, audience.Value, latest, versions, changed, result, cancellationToken).ConfigureAwait(false);
            }
            else if (latest.Count > 0)
            {
                result.Problem(Path.Combine(folder, HistoryBuilder.FolderName), "missing: the history of a pipeline with published versions");
            }
        }
    }

    /// <returns>What the chain and history checks need of each version of the year.</returns>
    private static async Task<Dictionary<int, VersionFacts>> YearAsync(
        string folder, string pipeline, Disclosure? audience, int year, VerificationResult result, CancellationToken cancellationToken)
    {
        var versions = new SortedDictionary<int, string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            string name = Path.GetFileName(entry);
            bool isFolder = Directory.Exists(entry);
            if (name.StartsWith(SnapshotLayout.TempPrefix, StringComparison.Ordinal))
            {
                // By name alone: a publication's temp folder may be renamed between the listing and a look at it.
                result.Note(entry, "a publication in progress, or one that crashed; it is not part of the archive and the next publication removes it");
            }
            else if (isFolder && SnapshotLayout.ParseVersion(name) is { } version)
            {
                versions[version] = entry;
            }
            else if (!isFolder && name == SnapshotLayout.LockFileName)
            {
                // The publication lock; it holds nothing.
            }
            else
            {
                result.Problem(entry, $"extra {(isFolder ? "folder" : "file")}: a year folder holds only v<N> folders");
            }
        }

        var facts = new Dictionary<int, VersionFacts>();
        if (versions.Count == 0)
        {
            return facts;
        }

        for (int expected = 1; expected <= versions.Keys.Max(); expected++)
        {
            if (!versions.ContainsKey(expected))
            {
                result.Problem(Path.Combine(folder, SnapshotLayout.VersionName(expected)), "missing: a published version was removed (later versions exist)");
            }
        }

        foreach ((int version, string path) in versions)
        {
            facts[version] = await VersionCheck.VersionAsync(path, pipeline, audience, year, version, result, cancellationToken).ConfigureAwait(false);
        }

        return facts;
    }
}
