using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Publish.History;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Parquet;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// A pipeline's history file against the versions it is derived from. It is rewritten at every publication and so has
/// no checksum to compare with; instead it must hold exactly the rows the latest version of every year makes it
/// (derived here the way the publisher derives it, and compared cell by cell), and, from schema 4, record the SHA-256 of
/// every version's manifest.json as it lies on disk.
/// </summary>
internal static class HistoryCheck
{
    public static async Task HistoryAsync(
        string pipelineFolder, Disclosure audience, IReadOnlyDictionary<int, (int Version, long? Rows)> latest,
        IReadOnlyDictionary<(int Year, int Version), VersionFacts> versions, IReadOnlySet<(int Year, int Version)> changedManifests,
        VerificationResult result, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(pipelineFolder, HistoryBuilder.FolderName);
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

        result.Histories++;
        int problemsBefore = result.Problems.Count;
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

            await RowCountsAsync(file, path, latest, result, cancellationToken).ConfigureAwait(false);
            if (audience != Disclosure.National)
            {
                await VersionCheck.DisclosureAsync(file, path, audience, result, cancellationToken).ConfigureAwait(false);
            }

            if (schema >= PublishedSchema.ChainSince)
            {
                Record(file, path, versions, latest, changedManifests, result);
            }
            else
            {
                result.Note(path, $"written under schema {schema}, before the history recorded the manifests' hashes: an edit of a year's newest manifest is not caught until the next publication rewrites the history");
            }

            // The cell-by-cell comparison says more than "it differs" only where the counts above found nothing.
            if (result.Problems.Count == problemsBefore)
            {
                await CompareWithVersionsAsync(file, path, pipelineFolder, expected, result, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            result.Problem(path, $"not readable as Parquet: {e.Message}");
        }
    }

    /// <summary>The rows of each year and version against the latest versions and their listed row counts.</summary>
    private static async Task RowCountsAsync(
        ParquetColumnReader file, string path, IReadOnlyDictionary<int, (int Version, long? Rows)> latest, VerificationResult result, CancellationToken cancellationToken)
    {
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
    }

    /// <summary>The history's record of manifest hashes against the manifests on disk: the witness for each year's newest one.</summary>
    private static void Record(
        ParquetColumnReader file, string path, IReadOnlyDictionary<(int Year, int Version), VersionFacts> versions,
        IReadOnlyDictionary<int, (int Version, long? Rows)> latest, IReadOnlySet<(int Year, int Version)> changedManifests, VerificationResult result)
    {
        if (!file.Metadata.TryGetValue(ManifestRecord.Key, out string? text))
        {
            result.Problem(path, $"does not record the manifests' hashes ({ManifestRecord.Key}), which a history of schema {PublishedSchema.ChainSince} or later does");
            return;
        }

        ManifestRecord record;
        try
        {
            record = ManifestRecord.Parse(text);
        }
        catch (InvalidDataException e)
        {
            result.Problem(path, e.Message);
            return;
        }

        foreach (((int year, int version), VersionFacts facts) in versions.OrderBy(v => v.Key))
        {
            if (facts.Manifest is null || facts.ManifestSha256 is not { } actual)
            {
                continue; // a version without a readable manifest is reported as such
            }

            if (record[year, version] is not { } recorded)
            {
                result.Problem(path, $"does not record the manifest hash of {year} {SnapshotLayout.VersionName(version)}: the history is out of date");
            }
            else if (!string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase) && !changedManifests.Contains((year, version)))
            {
                result.Problem(facts.ManifestPath, $"changed after publication: its SHA-256 is {actual}, the history recorded {recorded}");
            }
        }

        foreach ((int year, int version) in record.Hashes.Keys.Where(k => !versions.ContainsKey(k)))
        {
            // A gap below the latest version is reported by the year's own check; a removed latest version only here.
            if (!latest.TryGetValue(year, out (int Version, long? Rows) newest) || version > newest.Version)
            {
                result.Problem(path, $"records {year} {SnapshotLayout.VersionName(version)}, which is not in the archive: a published version was removed");
            }
        }
    }

    /// <summary>Every cell of the file against the history derived from the versions now, written by the same writer.</summary>
    private static async Task CompareWithVersionsAsync(
        ParquetColumnReader file, string path, string pipelineFolder, IReadOnlyList<PublishedColumn> columns, VerificationResult result, CancellationToken cancellationToken)
    {
        List<HistoryRow> rows;
        try
        {
            rows = await HistoryBuilder.DeriveRowsAsync(pipelineFolder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            result.Note(path, $"not compared with the versions, which cannot be read: {e.Message}");
            return;
        }

        using var memory = new MemoryStream();
        await KpiValuesHistoryTable.CreateWriter(ParquetSnapshotPublisher.DefaultRowGroupSize)
            .WriteAsync(memory, rows, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
        memory.Position = 0;
        await using ParquetColumnReader derived = await ParquetColumnReader.OpenAsync(memory, cancellationToken).ConfigureAwait(false);
        if (derived.RowCount != file.RowCount)
        {
            result.Problem(path, $"holds {file.RowCount} rows, the latest versions of its years have {derived.RowCount}: the history is out of date");
            return;
        }

        foreach (PublishedColumn column in columns)
        {
            List<object?> actual = await CellsAsync(file, column, cancellationToken).ConfigureAwait(false);
            List<object?> wanted = await CellsAsync(derived, column, cancellationToken).ConfigureAwait(false);
            int at = Enumerable.Range(0, actual.Count).FirstOrDefault(i => !Equals(actual[i], wanted[i]), -1);
            if (at >= 0)
            {
                HistoryRow row = rows[at];
                result.Problem(path, string.Create(CultureInfo.InvariantCulture,
                    $"row {at} ({row.SnapshotYear} v{row.SnapshotVersion} {row.Row.Value.KpiCode} {row.Row.Value.PeriodLabel}), column '{column.Name}': '{actual[at]}', the version holds '{wanted[at]}'"));
                return;
            }
        }
    }

    private static async Task<List<object?>> CellsAsync(ParquetColumnReader file, PublishedColumn column, CancellationToken cancellationToken)
    {
        var cells = new List<object?>();
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using RowGroupColumns group = file.RowGroup(g);
            IEnumerable<object?> values = column.Type switch
            {
                ColumnType.Text => (await group.TextAsync(column.Name, cancellationToken).ConfigureAwait(false))?.Cast<object?>(),
                ColumnType.Double => (await group.DoubleAsync(column.Name, cancellationToken).ConfigureAwait(false))?.Cast<object?>(),
                ColumnType.Int64 => (await group.Int64Async(column.Name, cancellationToken).ConfigureAwait(false))?.Cast<object?>(),
                ColumnType.Boolean => (await group.BooleanAsync(column.Name, cancellationToken).ConfigureAwait(false))?.Cast<object?>(),
                _ => (await group.DateTimeAsync(column.Name, cancellationToken).ConfigureAwait(false))?.Cast<object?>(),
            } ?? Enumerable.Repeat<object?>(null, group.RowCount);
            cells.AddRange(values);
        }

        return cells;
    }
}
