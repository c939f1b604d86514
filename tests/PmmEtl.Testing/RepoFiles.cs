namespace PmmEtl.Testing;

/// <summary>Files of the repository, found from the test binary's folder upwards.</summary>
public static class RepoFiles
{
    public static string Path(string relative)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "PmmEtl.sln")))
        {
            dir = System.IO.Path.GetDirectoryName(dir);
        }

        return System.IO.Path.Combine(dir ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}
