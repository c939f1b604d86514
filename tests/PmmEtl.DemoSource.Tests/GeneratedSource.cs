using System.Collections.Concurrent;
using PmmEtl.Core.Records;

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

    private readonly ConcurrentDictionary<string, RegisterRows> _registers = new();

    /// <summary>A register as its demo.yaml query returns it over all dates, read once.</summary>
    public RegisterRows Register(RecordSchema register) => _registers.GetOrAdd(register.Name, _ => RegisterRows.Read(File, register));

    public RegisterSummary SummaryOf(RecordSchema register) => Summary.Registers.Single(r => r.Register == register.Name);

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// A 20,000-declaration source for the registers, whose rarer cases (a seizure of cultural goods in each year, a
/// fine case with three fines) need more than 2,000 declarations. Generated once per test class (about a second).
/// </summary>
public sealed class RegisterSource : IDisposable
{
    public const int Declarations = 20_000;
    public const int Year = 2025;

    private readonly TempFolder _folder = new();
    private readonly ConcurrentDictionary<string, RegisterRows> _registers = new();

    public RegisterSource()
    {
        File = _folder.File("registers.sqlite");
        Summary = DemoSourceGenerator.Generate(new DemoSourceOptions(File, Declarations, Year: Year));
    }

    public string File { get; }

    public DemoSourceSummary Summary { get; }

    public RegisterRows Register(RecordSchema register) => _registers.GetOrAdd(register.Name, _ => RegisterRows.Read(File, register));

    /// <summary>The rows without a deliberate defect.</summary>
    public IReadOnlyList<RegisterRow> Sound(RecordSchema register) => RegisterValidator.Sound(Register(register)).ToList();

    public void Dispose() => _folder.Dispose();
}
