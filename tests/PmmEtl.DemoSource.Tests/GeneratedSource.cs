namespace PmmEtl.DemoSource.Tests;

/// <summary>One 2,000-declaration source shared by the tests of a class, generated once.</summary>
public sealed class GeneratedSource : IDisposable
{
    public const int Declarations = 2_000;

    private readonly TempFolder _folder = new();

    public GeneratedSource()
    {
        File = _folder.File("demo.sqlite");
        Summary = DemoSourceGenerator.Generate(new DemoSourceOptions(File, Declarations));
        Content = SourceContent.Load(File);
    }

    public string File { get; }

    public DemoSourceSummary Summary { get; }

    public SourceContent Content { get; }

    public void Dispose() => _folder.Dispose();
}
