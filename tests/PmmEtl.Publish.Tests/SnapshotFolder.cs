using PmmEtl.Testing;

namespace PmmEtl.Publish.Tests;

/// <summary>A fresh folder per test, with the snapshot output folder inside it so tests can see what lands beside it.</summary>
public sealed class SnapshotFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    public SnapshotFolder()
    {
        Output = Path.Combine(Root, "out");
        Directory.CreateDirectory(Output);
    }

    public string Root => _folder.Path;

    public string Output { get; }

    /// <summary>One audience's folder of a pipeline's year; the national tree holds every row.</summary>
    public string YearFolder(string pipeline, int year, string audience = "national") => Path.Combine(Output, audience, pipeline, year.ToString("D4"));

    public string PipelineFolder(string pipeline, string audience = "national") => Path.Combine(Output, audience, pipeline);

    public void Dispose() => _folder.Dispose();
}
