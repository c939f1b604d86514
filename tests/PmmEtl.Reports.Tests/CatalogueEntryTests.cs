using PmmEtl.Core.Catalogue;

namespace PmmEtl.Reports.Tests;

/// <summary>
/// How a definition becomes one published row: every list as text. A made-up record-based KPI has every kind of list
/// (the catalogue of this branch has no variables or checklist items yet).
/// </summary>
public sealed class CatalogueEntryTests
{
    private static readonly KpiDefinition Sample = new()
    {
        Code = "K98",
        Id = "sample_share",
        Name = "A sample share",
        Area = "III. Enforcement, Security and Protection of Society",
        Outcome = "Tested formatting",
        Input = InputKind.Aggregate,
        Formula = FormulaKind.ShareOfTotal,
        PrintedFormula = "(A+B)/B x100",
        Definition = "A = hits; B = misses.",
        Unit = "%",
        Precision = 1,
        MinimumPeriodicity = "annually (calendar year)",
        Disclosure = Disclosure.Wco,
        Family = CatalogueFamily.Pmm,
        Periods = [PeriodType.Quarter, PeriodType.Year],
        Variables =
        [
            new KpiVariable("A", "controls that found something", "inspection", RecordAggregate.Rows, RecordTiming.On("inspection_date")),
            KpiVariable.Entered("B", "controls that found nothing"),
        ],
        Items = [new ChecklistItem("A", "A plan exists"), new ChecklistItem("B", "It is reviewed", "goods")],
        Breakdowns =
        [
            new Breakdown(BreakdownKind.ObjectType, Disclosure.National) { Field = "object_type" },
            new Breakdown(BreakdownKind.ModeOfTransport, Disclosure.Wco, new Dictionary<string, Disclosure> { ["SEA"] = Disclosure.Public, ["AIR"] = Disclosure.National }),
        ],
        Variants = [new KpiVariant("as_printed", "(A + B) / B × 100 as printed") { Formula = FormulaKind.TotalOverB }],
        Decision = "The name wins over the printed formula.",
    };

    [Fact]
    public void Every_field_becomes_text_lists_joined_with_semicolons()
    {
        CatalogueEntry e = CatalogueEntry.From(Sample, "2026.11-1");

        Assert.Equal(("pmm", "K98", "sample_share", "aggregate"), (e.Family, e.KpiCode, e.KpiId, e.InputKind));
        Assert.Equal(("share_of_total", "A / (A + B) × 100"), (e.FormulaKind, e.Formula));
        Assert.Equal((1, "quarter, year", "wco"), (e.Precision, e.Periods, e.Disclosure));
        // Value-level overrides in code order: AIR before SEA.
        Assert.Equal("goods_or_passengers: national; mode_of_transport: wco (AIR: national, SEA: public)", e.Breakdowns);
        Assert.Equal("A = controls that found something; B = controls that found nothing", e.Variables);
        Assert.Equal("A: A plan exists; B: It is reviewed (goods)", e.ChecklistItems);
        Assert.Equal("as_printed: (A + B) / B × 100 as printed", e.Variants);
        Assert.Equal(("The name wins over the printed formula.", "2026.11-1"), (e.Decision, e.CatalogueVersion));
    }

    [Fact]
    public void Lists_an_entry_does_not_have_are_null()
    {
        CatalogueEntry e = CatalogueEntry.From(Sample with { Variables = [], Items = [], Breakdowns = [], Variants = [], Decision = null }, "v");

        Assert.All(new[] { e.Variables, e.ChecklistItems, e.Breakdowns, e.Variants, e.Decision }, Assert.Null);
    }

    [Fact]
    public void Every_formula_kind_has_its_own_code_and_text()
    {
        FormulaKind[] kinds = Enum.GetValues<FormulaKind>();

        Assert.Equal(kinds.Length, kinds.Select(CatalogueText.Code).Distinct().Count());
        Assert.Equal(kinds.Length, kinds.Select(CatalogueText.Formula).Distinct().Count());
        Assert.Equal(["mean_duration", "ratio", "total_over_b", "implementation_level", "text"],
            new[] { FormulaKind.MeanDuration, FormulaKind.Ratio, FormulaKind.TotalOverB, FormulaKind.ImplementationLevel, FormulaKind.Text }.Select(CatalogueText.Code));
    }

    [Fact]
    public void A_snapshot_publishes_the_entries_it_has_values_of_in_catalogue_order()
    {
        IReadOnlyList<CatalogueEntry> entries = CatalogueEntry.Published(KpiCatalogue.All, ["K10", "K04", "K10", "K99"], "v");

        // K99 is not in the catalogue; K10 counts once; K04 comes first, as in the catalogue.
        Assert.Equal(["K04", "K10"], entries.Select(e => e.KpiCode));
    }
}
