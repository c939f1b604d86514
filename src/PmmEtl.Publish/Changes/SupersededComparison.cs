using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Changes;

/// <summary>The <c>changes</c> of a new version's manifest: what it adds, removes and changes against the version it supersedes.</summary>
internal static class SupersededComparison
{
    public static async Task<ManifestChanges> ChangesAsync(
        string supersededFolder, SnapshotManifest superseded, IReadOnlyList<PublishedValue> values,
        IReadOnlyDictionary<string, string> tableHashes, CancellationToken cancellationToken)
    {
        List<PublishedValue> before = await PublishedValuesReader.ReadAsync(Path.Combine(supersededFolder, PublishedSchema.ValuesFile), cancellationToken).ConfigureAwait(false);
        (int added, int removed, int changed, List<ValueChange> list) = ValueDiff.Compare(before, values);

        // Tables other than kpi_values, compared by their content hashes (which older manifests do not have).
        var other = new SortedSet<string>(StringComparer.Ordinal);
        Dictionary<string, ManifestFile> old = superseded.Files.Where(f => f.Rows is not null && f.Name != PublishedSchema.ValuesFile).ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach ((string name, string hash) in tableHashes.Where(t => t.Key != PublishedSchema.ValuesFile))
        {
            if (!old.TryGetValue(name, out ManifestFile? file) || (file.ContentSha256 is { } h && h != hash))
            {
                other.Add(name);
            }
        }

        other.UnionWith(old.Keys.Where(name => !tableHashes.ContainsKey(name)));
        return new ManifestChanges
        {
            Against = SnapshotLayout.VersionName(superseded.Version),
            ValuesAdded = added,
            ValuesRemoved = removed,
            ValuesChanged = changed,
            FinalValuesRevised = list.Count(c => c.Revision == "revised_final"),
            OtherFilesChanged = [.. other],
            Values = list,
        };
    }
}
