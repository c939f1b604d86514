using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// The shipped example pipelines, byte for byte, laid out as in the repository (pipelines/examples/X.yaml) beside
/// small exports in national shapes (Examples/exports: nested message folders, upper-case extensions, national codes,
/// absent fields, a date-only column, a register with its own headers), so their relative paths find them.
/// </summary>
public sealed class ExamplePipelines : IDisposable
{
    private readonly TempFolder _folder = new();

    public ExamplePipelines()
    {
        string repo = Repo();
        Directory.CreateDirectory(Path.Combine(_folder.Path, "pipelines", "examples"));
        foreach (string yaml in Directory.GetFiles(Path.Combine(repo, "pipelines", "examples"), "*.yaml"))
        {
            File.Copy(yaml, Path.Combine(_folder.Path, "pipelines", "examples", Path.GetFileName(yaml)));
        }

        Copy(Path.Combine(repo, "tests", "PmmEtl.Cli.Tests", "Examples", "exports"), Exports);
    }

    public string Root => _folder.Path;

    public string Exports => Path.Combine(_folder.Path, "exports");

    public static string Pipeline(string name) => Path.Combine("pipelines", "examples", $"{name}.yaml");

    public static string Repo()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PmmEtl.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir!;
    }

    /// <summary>Plain DuckDB SQL over the raw exports: the tests' second path to every count.</summary>
    public long Sql(string sql) => Convert.ToInt64(DuckDbRows.Read("Data Source=:memory:", sql.Replace("{exports}", Exports, StringComparison.Ordinal))[0][0],
        System.Globalization.CultureInfo.InvariantCulture);

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string folder in Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    public void Dispose() => _folder.Dispose();
}
