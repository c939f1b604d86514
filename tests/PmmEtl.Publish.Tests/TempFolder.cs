namespace PmmEtl.Publish.Tests;

/// <summary>A fresh folder per test, with the snapshot output folder inside it so tests can see what lands beside it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "pmm-publish-tests", Guid.NewGuid().ToString("N"));
        Output = Path.Combine(Root, "out");
        Directory.CreateDirectory(Output);
    }

    public string Root { get; }

    public string Output { get; }

    public string YearFolder(string pipeline, int year) => Path.Combine(Output, pipeline, year.ToString("D4"));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
