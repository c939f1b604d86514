using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// The default 200,000-declaration source with every register. Explicit because it takes seconds, not milliseconds:
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
        foreach (RegisterSummary r in summary.Registers)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{r.Register,-22} {r.Table,-20} {r.Rows,9:N0} rows, {r.BadRows} bad");
        }

        Assert.Equal(200_000, summary.Declarations);
        Assert.InRange(summary.BadRows, 200, 1_000);
        Assert.True(summary.DstGapTimes >= 50);
        Assert.True(summary.DstFoldTimes >= 50);
        Assert.True(summary.SpanningDst >= 200);
        // About three shipments per declaration; at the default size, four defects of each kind per register.
        Assert.InRange(summary.Registers.Single(r => r.Register == "shipment").Rows, 520_000, 660_000);
        Assert.All(
            summary.Registers.Where(r => r.Register != "declaration_amount"),
            r => Assert.InRange(r.BadRows - r.BadRowsByKind.GetValueOrDefault(RegisterDefect.DstOrder), 4, 12));
        // Shipments lodged and cleared across the autumn fold that the demo's policy reads in reverse: a handful.
        Assert.InRange(summary.Registers.Single(r => r.Register == "shipment").BadRowsByKind.GetValueOrDefault(RegisterDefect.DstOrder), 1, 60);
        // The amounts add those of the 80 declarations with an unknown office that are imports or exports (80%).
        Assert.InRange(summary.Registers.Single(r => r.Register == "declaration_amount").BadRows, 12 + 50, 12 + 80);
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(30), $"took {summary.Elapsed}");

        // Four defects per kind use every bad value of every defect column: each must be refused, and nothing else.
        foreach (RecordSchema register in RecordTypes.Registers)
        {
            var found = RegisterValidator.ProblemsByKind(RegisterRows.Read(folder.File("demo.sqlite"), register));
            RegisterSummary written = summary.Registers.Single(r => r.Register == register.Name);
            Assert.Equal(written.BadRowsByKind.ToDictionary(p => p.Key.ToString(), p => (int)p.Value).OrderBy(p => p.Key), found.OrderBy(p => p.Key));
        }
    }
}
