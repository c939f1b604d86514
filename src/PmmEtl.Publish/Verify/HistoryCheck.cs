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
/// A pipeline's history file against the versions it is derived from. It is rewritten after each publication and so
/// has no checksum to compare with; instead it must hold exactly the rows of the latest version of every year.
/// </summary>
internal static class HistoryCheck
{
    public static async Task HistoryAsync(
        string folder, Disclosure audience, IReadOnlyDictionary<int, (int Version, long? Rows)> latest, VerificationResult result, CancellationToken cancellationToken)
    {
        string path = Path.Combine(folder, PublishedSchema.HistoryFile);
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            string name = Path.GetFileName(entry);
            if (name.StartsWith(".tmp-", StringComparison.Ordinal))
            {
                result.Note(entry, "a history rewrite in progress, or one that crashed; the next publication removes it");
            }
            else if (name != PublishedSchema.HistoryFile && name != HistoryBuilder.LockFileName)
            {
                result.Problem(entry, "extra entry in the history folder");
            }
        }

        if (!File.Exists(path))
        {
            if (latest.Count > 0)
            {
                result.Problem(path, "missing: the history of a pipeline with published versions");
            }

            return;
        }

        // The history is derived and rewritten after each publication, so it has no checksum to compare with: it is
        // checked against the versions it is derived from instead.
        result.Histories++;
        try
        {
            await using ParquetColumnReader file = await ParquetColumnReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
            int schema = file.Metadata.TryGetValue("pmm.schema_version", out string? text) && int.TryParse(text, CultureInfo.InvariantCulture, out int v) ? v : 0;
            IReadOnlyList<PublishedColumn>? expected = PublishedSchema.Expected(PublishedSchema.HistoryFile, schema);
            if (expected is null)
            {
                result.Problem(path, $"schema version '{text}' is not one this program knows for the history");
                return;
            }

            foreach (string difference in SchemaCheck.Differences(file.SchemaElements, expected))
            {
                result.Problem(path, $"schema: {difference}");
            }

            var found = new Dictionary<(long Year, long Version), long>();
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using RowGroupColumns group = file.RowGroup(g);
                long?[] years = await group.Int64Async("snapshot_year", cancellationToken).ConfigureAwait(false) ?? [];
                long?[] versions = await group.Int64Async("snapshot_version", cancellationToken).ConfigureAwait(false) ?? [];
                for (int i = 0; i < years.Length; i++)
                {
                    (long, long) key = (years[i] ?? 0, versions[i] ?? 0);
                    found[key] = found.GetValueOrDefault(key) + 1;
                }
            }

            var wanted = latest.ToDictionary(l => ((long)l.Key, (long)l.Value.Version), l => l.Value.Rows);
            foreach (((long year, long version), long count) in found)
            {
                if (!wanted.TryGetValue((year, version), out long? rows))
                {
                    result.Problem(path, $"holds {count} rows of {year} v{version}, which is not the latest version of {year}: the history is out of date");
                }
                else if (rows is { } expectedRows && expectedRows != count)
                {
                    result.Problem(path, $"holds {count} rows of {year} v{version}, the version has {expectedRows}");
                }
            }

            foreach ((long year, long version) in wanted.Keys.Where(k => !found.ContainsKey(k)))
            {
                if (wanted[(year, version)] is not 0)
                {
                    result.Problem(path, $"has no rows of {year} v{version}, the latest version of {year}: the history is out of date");
                }
            }

            if (audience != Disclosure.National)
            {
                await VersionCheck.DisclosureAsync(file, path, audience, result, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            result.Problem(path, $"not readable as Parquet: {e.Message}");
        }
    }
}
