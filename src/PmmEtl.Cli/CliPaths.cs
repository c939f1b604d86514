namespace PmmEtl.Cli;

/// <summary>Checks of the files and folders a command is given, before it starts working, so a wrong path is exit 2 with one line.</summary>
internal static class CliPaths
{
    /// <summary>A file the command will write: not a folder, and in a folder that exists or can be made (no file in its way).</summary>
    public static string FileToWrite(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliUsageException($"{option}: {full} is a folder, not a file");
        }

        FolderToMake(Path.GetDirectoryName(full)!, option);
        return full;
    }

    /// <summary>A folder the command will write into: it exists, or it can be made (no file in its way).</summary>
    public static string FolderToMake(string path, string option)
    {
        string full = Path.GetFullPath(path);
        for (string? p = full; p is not null; p = Path.GetDirectoryName(p))
        {
            if (Directory.Exists(p))
            {
                return full;
            }

            if (File.Exists(p))
            {
                throw new CliUsageException(p == full ? $"{option}: {full} is a file, not a folder" : $"{option}: {full} cannot be made: {p} is a file");
            }
        }

        return full;
    }

    /// <summary>A folder the command reads: it must exist.</summary>
    public static string ExistingFolder(string path, string option) =>
        Directory.Exists(path) ? Path.GetFullPath(path) : throw new CliUsageException($"{option}: {Path.GetFullPath(path)} is not a folder");

    /// <summary>A whole number inside a range, or a one-line refusal naming the option.</summary>
    public static int InRange(int value, string option, int min, int max, string what) =>
        value >= min && value <= max ? value : throw new CliUsageException($"{option}: {value} is not {what} ({min} to {max})");
}
