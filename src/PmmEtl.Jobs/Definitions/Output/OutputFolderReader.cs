using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Output;

/// <summary>
/// Reads <c>output</c>, the snapshots' folder, relative to the pipeline file. It must be a folder, or a path where one
/// can be made: a file in its place would only be found at publish, after the load and the measure had run.
/// </summary>
internal static class OutputFolderReader
{
    /// <returns>The full path of the folder; null when the key is missing (reported).</returns>
    public static string? Read(YamlNodeReader top, string folder)
    {
        string? output = top.String("output", required: true);
        if (output is null)
        {
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(folder, output));
        for (string? path = full; path is not null; path = Path.GetDirectoryName(path))
        {
            if (Directory.Exists(path))
            {
                break;
            }

            if (File.Exists(path))
            {
                top.Problem(top.Get("output"), "output", path == full
                    ? $"{full} is a file, not a folder"
                    : $"{full} cannot be made a folder: {path} is a file");
                break;
            }
        }

        return full;
    }
}
