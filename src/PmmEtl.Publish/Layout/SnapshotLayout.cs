using System.Globalization;

namespace PmmEtl.Publish.Layout;

/// <summary>
/// Where a pipeline's year lives: <c>&lt;output&gt;/&lt;pipeline&gt;/&lt;year&gt;/</c>, holding immutable
/// <c>v&lt;N&gt;</c> folders, the <c>.tmp-*</c> folder of a publication in progress and the <c>.publish.lock</c> file.
/// </summary>
internal sealed class SnapshotLayout
{
    private const string TempPrefix = ".tmp-";
    private const string LockFileName = ".publish.lock";

    private SnapshotLayout(string yearFolder) => YearFolder = yearFolder;

    public string YearFolder { get; }

    public string LockFile => Path.Combine(YearFolder, LockFileName);

    /// <exception cref="ArgumentException">The pipeline name or year cannot make a folder inside the output folder.</exception>
    public static SnapshotLayout For(string outputFolder, string pipeline, int year, string paramName)
    {
        if (string.IsNullOrWhiteSpace(outputFolder))
        {
            throw new ArgumentException("The output folder is missing.", paramName);
        }

        PipelineFolderName.Validate(pipeline, paramName);
        if (year is < 1 or > 9999)
        {
            throw new ArgumentException($"Year {year} is outside 1-9999.", paramName);
        }

        string root = Path.GetFullPath(outputFolder);
        string yearFolder = Path.GetFullPath(Path.Combine(root, pipeline, year.ToString("D4", CultureInfo.InvariantCulture)));

        // Belt and braces behind the name check: whatever the name, the result must lie inside the output folder.
        if (!yearFolder.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Pipeline name '{pipeline}' leads outside the output folder.", paramName);
        }

        return new SnapshotLayout(yearFolder);
    }

    public static string VersionName(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    public string VersionFolder(int version) => Path.Combine(YearFolder, VersionName(version));

    /// <summary>The run id names the folder for whoever finds it after a crash; unsafe characters become '_'.</summary>
    public string TempFolder(string runId)
    {
        string safe = new([.. runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return Path.Combine(YearFolder, TempPrefix + (safe.Length > 0 ? safe : "run"));
    }

    /// <summary>The highest <c>v&lt;N&gt;</c> folder, or null before the first publication.</summary>
    public int? LatestVersion()
    {
        int? latest = null;
        foreach (string folder in Directory.EnumerateDirectories(YearFolder, "v*"))
        {
            string name = Path.GetFileName(folder);
            if (int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int version)
                && name == VersionName(version)
                && version > (latest ?? 0))
            {
                latest = version;
            }
        }

        return latest;
    }

    /// <summary>
    /// Deletes temp folders left by publications that crashed before their rename. Only called under the
    /// publication lock, so no temp folder can belong to a publication still running.
    /// </summary>
    public void RemoveStaleTempFolders()
    {
        foreach (string folder in Directory.EnumerateDirectories(YearFolder, TempPrefix + "*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
