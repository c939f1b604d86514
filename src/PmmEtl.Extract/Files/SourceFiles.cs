using System.IO.Enumeration;

namespace PmmEtl.Extract.Files;

/// <summary>
/// The files a file source reads: <c>path</c> itself when it is a file, else the files of the folder matching the
/// pattern (<c>*.csv</c>, or <c>exports/*_DEC*.xml</c> with a relative sub-folder), and with
/// <paramref name="recursive"/> those of every folder below it too (a national system publishes its messages one
/// sub-folder per day or scenario). Names match case-insensitively on every platform (<c>*.xml</c> matches
/// <c>A.XML</c>), so a pipeline reads the same files on Linux and Windows. Listed in ordinal order of their relative
/// paths ('/' between folders), so two runs over the same folder read the same rows in the same order on any machine.
/// </summary>
public static class SourceFiles
{
    /// <param name="key">The pipeline key the path was given under, named when it is neither a file nor a folder.</param>
    public static IReadOnlyList<string> List(string path, string pattern, bool recursive = false, string key = "source.path")
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"{key}: {path} is neither a file nor a folder");
        }

        string normalised = pattern.Replace('\\', '/');
        int slash = normalised.LastIndexOf('/');
        string folder = slash < 0 ? path : Path.Combine(path, normalised[..slash]);
        string namePattern = slash < 0 ? normalised : normalised[(slash + 1)..];
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // Simple matching: '*' and '?' only, and no 8.3-name surprises ("*.csv" must not match "a.csvx"). Hidden and
        // system entries (".git", ".DS_Store") are skipped, and a symbolic link to a folder is not followed (a link
        // back up would list the same files again, without end).
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry e) => e.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && FileSystemName.MatchesSimpleExpression(namePattern, e.FileName, ignoreCase: true),
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return files
            .Select(Path.GetFullPath)
            .OrderBy(f => Path.GetRelativePath(path, f).Replace('\\', '/'), StringComparer.Ordinal)
            .ToArray();
    }
}
