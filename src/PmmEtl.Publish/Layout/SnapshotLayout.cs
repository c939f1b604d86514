using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Publish.Audiences;
using PmmEtl.Reports;

namespace PmmEtl.Publish.Layout;

/// <summary>
/// Where one audience's publications of a pipeline's year live:
/// <c>&lt;output&gt;/&lt;audience&gt;/&lt;pipeline&gt;/&lt;year&gt;/</c>, holding immutable <c>v&lt;N&gt;</c> folders,
/// the <c>.tmp-*</c> folder of a publication in progress and the <c>.publish.lock</c> file. Each audience is a
/// tree of its own, so <c>&lt;output&gt;/public/</c> can be handed out as it stands.
/// </summary>
internal sealed class SnapshotLayout
{
    public const string TempPrefix = ".tmp-";
    public const string LockFileName = ".publish.lock";

    private SnapshotLayout(string yearFolder, string pipelineFolder)
    {
        YearFolder = yearFolder;
        PipelineFolder = pipelineFolder;
    }

    public string YearFolder { get; }

    /// <summary><c>&lt;output&gt;/&lt;audience&gt;/&lt;pipeline&gt;/</c>: the years and the history of one audience.</summary>
    public string PipelineFolder { get; }

    public string LockFile => Path.Combine(YearFolder, LockFileName);

    /// <exception cref="ArgumentException">The pipeline name or year cannot make a folder inside the output folder.</exception>
    public static SnapshotLayout For(string outputFolder, Disclosure audience, string pipeline, int year, string paramName)
    {
        if (string.IsNullOrWhiteSpace(outputFolder))
        {
            throw new ArgumentException("The output folder is missing.", paramName);
        }

        PipelineFolderName.Validate(pipeline, paramName);
        if (year < PublishableDates.First.Year || year > PublishableDates.Last.Year)
        {
            throw new ArgumentException($"Year {year} is outside {PublishableDates.First.Year}-{PublishableDates.Last.Year}, the years a publication holds.", paramName);
        }

        string root = Path.GetFullPath(outputFolder);
        string pipelineFolder = Path.GetFullPath(Path.Combine(root, AudienceRules.FolderName(audience), pipeline));
        string yearFolder = Path.Combine(pipelineFolder, YearName(year));

        // Belt and braces behind the name check: whatever the name, the result must lie inside the output folder.
        if (!yearFolder.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Pipeline name '{pipeline}' leads outside the output folder.", paramName);
        }

        return new SnapshotLayout(yearFolder, pipelineFolder);
    }

    public static string YearName(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The year of a year folder's name (four digits), or null.</summary>
    public static int? ParseYear(string name) =>
        name.Length == 4 && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year >= 1 ? year : null;

    /// <summary>The number of a <c>v&lt;N&gt;</c> folder name, or null.</summary>
    public static int? ParseVersion(string name) =>
        name.StartsWith('v') && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int version)
            && version >= 1 && name == VersionName(version) ? version : null;

    /// <summary>The same pipeline's folder for another year of the same audience.</summary>
    public SnapshotLayout ForYear(int year) => new(Path.Combine(PipelineFolder, YearName(year)), PipelineFolder);

    /// <summary>The years of this audience and pipeline that have a year folder, ascending.</summary>
    public IReadOnlyList<int> Years() => YearsIn(PipelineFolder);

    /// <summary>The years of a pipeline folder that have a year folder, ascending.</summary>
    public static IReadOnlyList<int> YearsIn(string pipelineFolder) => Directory.Exists(pipelineFolder)
        ? [.. Directory.EnumerateDirectories(pipelineFolder).Select(f => ParseYear(Path.GetFileName(f))).OfType<int>().Order()]
        : [];

    public static string VersionName(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    public string VersionFolder(int version) => Path.Combine(YearFolder, VersionName(version));

    /// <summary>The run id names the folder for whoever finds it after a crash; unsafe characters become '_'.</summary>
    public string TempFolder(string runId)
    {
        string safe = new([.. runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return Path.Combine(YearFolder, TempPrefix + (safe.Length > 0 ? safe : "run"));
    }

    /// <summary>The highest <c>v&lt;N&gt;</c> folder, or null before the first publication.</summary>
    public int? LatestVersion() => LatestVersionIn(YearFolder);

    /// <summary>The highest <c>v&lt;N&gt;</c> folder of a year folder, or null.</summary>
    public static int? LatestVersionIn(string yearFolder) => Directory.Exists(yearFolder)
        ? Directory.EnumerateDirectories(yearFolder, "v*").Select(f => ParseVersion(Path.GetFileName(f))).Max()
        : null;

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
