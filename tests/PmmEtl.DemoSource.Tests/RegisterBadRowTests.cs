using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// The deliberate bad rows of the registers: a validator that knows only the canonical schema finds exactly the rows
/// the summary counts, of the kinds it counts — so every other row is sound, and the quarantine will show them all.
/// </summary>
public sealed class RegisterBadRowTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    public static TheoryData<string> Loaded => new(RecordTypes.Registers.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Loaded))]
    public void The_validator_finds_exactly_the_bad_rows_the_summary_counts_by_kind(string name)
    {
        RecordSchema register = RecordTypes.Get(name);
        RegisterSummary summary = source.SummaryOf(register);

        IReadOnlyDictionary<string, int> found = RegisterValidator.ProblemsByKind(source.Register(register));

        var expected = summary.BadRowsByKind.ToDictionary(p => p.Key.ToString(), p => (int)p.Value);
        Assert.Equal(expected.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
        Assert.True(summary.BadRows > 0, $"{name} has no deliberate bad row");
    }

    [Theory]
    [MemberData(nameof(Loaded))]
    public void Every_register_has_a_bad_code_dated_ones_a_bad_date_and_those_with_an_office_an_unknown_one(string name)
    {
        RecordSchema register = RecordTypes.Get(name);
        RegisterSummary summary = source.SummaryOf(register);

        Assert.True(summary.BadRowsByKind.GetValueOrDefault(RegisterDefect.BadCode) > 0, $"{name}: no bad code");
        // A seizure line is dated by its case (a join): it cannot carry a date of its own; the service inventory has no date.
        if (register.Fields.Any(f => f.Type == FieldType.Date && !f.Derived) && name != "seizure_item")
        {
            Assert.True(summary.BadRowsByKind.GetValueOrDefault(RegisterDefect.BadDate) > 0, $"{name}: no bad date");
        }

        Assert.Equal(register.OfficeField is not null, summary.BadRowsByKind.GetValueOrDefault(RegisterDefect.UnknownOffice) > 0);
    }

    [Fact]
    public void A_200_declaration_source_still_has_one_bad_row_of_each_kind_per_register()
    {
        using var folder = new TempFolder();
        string path = folder.File("small.sqlite");

        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(path, 200));

        foreach (RecordSchema register in RecordTypes.Registers)
        {
            RegisterSummary written = summary.Registers.Single(r => r.Register == register.Name);
            var found = RegisterValidator.ProblemsByKind(RegisterRows.Read(path, register));
            Assert.Equal(written.BadRows, found.Values.Sum());
            Assert.True(written.BadRowsByKind.GetValueOrDefault(RegisterDefect.BadCode) >= 1, $"{register.Name}: no bad code");
        }
    }

    [Fact]
    public void Bad_rows_are_a_few_per_register()
    {
        // 2,000 declarations: one defect per kind and register (at most three kinds), plus the amounts of the
        // declarations with an unknown office (Scale: max(2, 2000 / 2500) = 2 such declarations, imports or exports).
        Assert.All(source.Summary.Registers.Where(r => r.Register != "declaration_amount"), r => Assert.InRange(r.BadRows, 1, 3));
        Assert.InRange(source.Summary.Registers.Single(r => r.Register == "declaration_amount").BadRows, 3, 5);
    }
}
