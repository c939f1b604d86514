namespace PmmEtl.Jobs.Definitions;

/// <summary>
/// <c>output</c> must be a folder, or a path where one can be made: a file in its place would only be found at
/// publish, after the load and the measure had run.
/// </summary>
internal static class OutputFolderCheck
{
    public static void Check(YamlNodeReader top, string? output, string folder)
    {
        if (output is null)
        {
            return;
        }

        string full = Path.GetFullPath(Path.Combine(folder, output));
        for (string? path = full; path is not null; path = Path.GetDirectoryName(path))
        {
            if (Directory.Exists(path))
            {
                return;
            }

            if (File.Exists(path))
            {
                top.Problem(top.Get("output"), "output", path == full
                    ? $"{full} is a file, not a folder"
                    : $"{full} cannot be made a folder: {path} is a file");
                return;
            }
        }
    }
}
