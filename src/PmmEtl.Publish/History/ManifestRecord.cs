using System.Globalization;
using System.Text;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;

namespace PmmEtl.Publish.History;

/// <summary>
/// The history's record of the SHA-256 of every published version's <c>manifest.json</c>, kept in the history file's
/// Parquet key-value metadata under <see cref="Key"/> as one line per version (<c>2024/v3 &lt;sha256&gt;</c>). It is the
/// witness for the latest version of each year, which no later manifest vouches for yet. The history's rows are
/// derived from the versions at every publication; this record is carried over instead: a version already recorded
/// keeps the hash it was recorded with, so an edited manifest stays visible rather than being recorded anew.
/// </summary>
internal sealed class ManifestRecord
{
    public const string Key = "pmm.manifest_sha256";

    private readonly SortedDictionary<(int Year, int Version), string> _hashes;

    private ManifestRecord(SortedDictionary<(int Year, int Version), string> hashes) => _hashes = hashes;

    public static ManifestRecord Empty => new([]);

    public IReadOnlyDictionary<(int Year, int Version), string> Hashes => _hashes;

    public string? this[int year, int version] => _hashes.GetValueOrDefault((year, version));

    /// <summary>The highest version of <paramref name="year"/> ever recorded, so a removed latest version's number is not reused.</summary>
    public int? LatestRecorded(int year) => _hashes.Keys.Where(k => k.Year == year).Select(k => (int?)k.Version).Max();

    /// <exception cref="InvalidDataException">A line is not <c>YYYY/vN sha256</c>.</exception>
    public static ManifestRecord Parse(string text)
    {
        var hashes = new SortedDictionary<(int, int), string>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            string[] place = parts[0].Split('/');
            if (parts.Length != 2 || place.Length != 2 || SnapshotLayout.ParseYear(place[0]) is not { } year
                || SnapshotLayout.ParseVersion(place[1]) is not { } version || parts[1].Length != 64 || !parts[1].All(char.IsAsciiHexDigitLower)
                || !hashes.TryAdd((year, version), parts[1]))
            {
                throw new InvalidDataException($"the record of manifest hashes ({Key}) has a line that is not 'YYYY/vN <sha256>', or repeats one: '{line}'");
            }
        }

        return new ManifestRecord(hashes);
    }

    public string Format()
    {
        var text = new StringBuilder();
        foreach (((int year, int version), string hash) in _hashes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{SnapshotLayout.YearName(year)}/{SnapshotLayout.VersionName(version)} {hash}\n");
        }

        return text.ToString();
    }

    /// <summary>The hash of every version's manifest.json of an audience's pipeline folder, as the files are now.</summary>
    public static ManifestRecord OnDisk(string pipelineFolder)
    {
        var hashes = new SortedDictionary<(int, int), string>();
        if (!Directory.Exists(pipelineFolder))
        {
            return new ManifestRecord(hashes);
        }

        foreach (string yearFolder in Directory.EnumerateDirectories(pipelineFolder))
        {
            if (SnapshotLayout.ParseYear(Path.GetFileName(yearFolder)) is not { } year)
            {
                continue;
            }

            foreach (string versionFolder in Directory.EnumerateDirectories(yearFolder, "v*"))
            {
                if (SnapshotLayout.ParseVersion(Path.GetFileName(versionFolder)) is { } version && ManifestFileStore.HashOf(versionFolder) is { } hash)
                {
                    hashes[(year, version)] = hash;
                }
            }
        }

        return new ManifestRecord(hashes);
    }

    /// <summary>
    /// This record (the versions as they are), with the hash <paramref name="earlier"/> recorded wherever it recorded
    /// one, and earlier entries of versions no longer on disk kept, so neither an edit nor a removal is forgotten.
    /// </summary>
    public ManifestRecord CarryingOver(ManifestRecord earlier)
    {
        var hashes = new SortedDictionary<(int, int), string>(_hashes);
        foreach ((var key, string hash) in earlier._hashes)
        {
            hashes[key] = hash;
        }

        return new ManifestRecord(hashes);
    }
}
