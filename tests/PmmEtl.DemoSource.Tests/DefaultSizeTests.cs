namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// The default 200,000-declaration source. Explicit because it takes seconds, not milliseconds:
/// run with <c>dotnet test --project tests/PmmEtl.DemoSource.Tests -- --explicit only</c>.
/// </summary>
public sealed class DefaultSizeTests
{
    [Fact(Explicit = true)]
    public void The_default_source_generates_in_seconds_with_its_special_cases()
    {
        using var folder = new TempFolder();

        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(folder.File("demo.sqlite")));

        TestContext.Current.TestOutputHelper?.WriteLine(summary.ToString());
        Assert.Equal(200_000, summary.Declarations);
        Assert.InRange(summary.BadRows, 200, 1_000);
        Assert.True(summary.DstGapTimes >= 50);
        Assert.True(summary.DstFoldTimes >= 50);
        Assert.True(summary.SpanningDst >= 200);
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(30), $"took {summary.Elapsed}");
    }
}
