namespace PmmEtl.Extract.Files;

/// <summary>
/// The files a file source reads: <c>path</c> itself when it is a file, else the files of the folder matching the
/// pattern (<c>*.csv</c>, or <c>exports/*_DEC*.xml</c> with a relative sub-folder). Listed in ordinal order of their
/// relative paths, so two runs over the same folder read the same rows in the same order on any machine.
/// </summary>
public static class SourceFiles
{
    public static IReadOnlyList<string> List(string path, string pattern)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"source.path: {path} is neither a file nor a folder");
        }

        string normalised = pattern.Replace('\\', '/');
        int slash = normalised.LastIndexOf('/');
        string folder = slash < 0 ? path : Path.Combine(path, normalised[..slash]);
        string namePattern = slash < 0 ? normalised : normalised[(slash + 1)..];
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // MatchType.Simple: '*' and '?' only, and no 8.3-name surprises ("*.csv" must not match "a.csvx").
        var options = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.PlatformDefault, RecurseSubdirectories = false };
        return Directory.EnumerateFiles(folder, namePattern, options)
            .Select(Path.GetFullPath)
            .OrderBy(f => Path.GetRelativePath(path, f), StringComparer.Ordinal)
            .ToArray();
    }
}
