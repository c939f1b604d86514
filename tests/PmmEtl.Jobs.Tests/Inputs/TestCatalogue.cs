using PmmEtl.Core.Catalogue;

namespace PmmEtl.Jobs.Tests.Inputs;

/// <summary>
/// A small catalogue the input readers are tested against, independent of the real one's entries: two checklists
/// (K01 with items A–I, K46 with A–C), record KPIs with entered variables, periods and breakdowns, three FoS
/// indicators and FoS items of each kind, and one declaration-fact KPI (K04) that takes no entered value.
/// </summary>
internal static class TestCatalogue
{
    public static IReadOnlyList<KpiDefinition> All { get; } =
    [
        KpiCatalogue.Find("K04")!,
        Entry("K01", FormulaKind.Checklist) with { Items = Items("ABCDEFGHI") },
        Entry("K16", FormulaKind.Ratio) with
        {
            Variables = [KpiVariable.Entered("A", "collected"), KpiVariable.Entered("B", "assessed")],
            Periods = [PeriodType.Month, PeriodType.Quarter],
            Breakdowns = [new Breakdown(BreakdownKind.Office, Disclosure.National) { Field = "office_code" }],
        },
        Entry("K19", FormulaKind.ThreeYearShare) with
        {
            Variables =
            [
                KpiVariable.Entered("A", "revenue"), KpiVariable.Entered("B", "budget"),
                KpiVariable.Entered("B1", "budget t-1", -1), KpiVariable.Entered("B2", "budget t-2", -2),
            ],
            Breakdowns = [new Breakdown(BreakdownKind.ModeOfTransport, Disclosure.Wco) { Field = "mode_of_transport" }],
        },
        Entry("K41", FormulaKind.MeanShare) with { Variables = [KpiVariable.Entered("A", "gap")], Periods = [PeriodType.FinancialYear] },
        Entry("K46", FormulaKind.Checklist) with { Items = Items("ABC") },
        Entry("FOS-1.1", FormulaKind.ImplementationLevel) with { Family = CatalogueFamily.Fos, FosStandard = 1, Input = InputKind.Questionnaire },
        Entry("FOS-1.2", FormulaKind.ImplementationLevel) with { Family = CatalogueFamily.Fos, FosStandard = 1, Input = InputKind.Questionnaire },
        Entry("FOS-2.1", FormulaKind.ImplementationLevel) with { Family = CatalogueFamily.Fos, FosStandard = 2, Input = InputKind.Questionnaire },
        Entry("FOS-2.A", FormulaKind.Value) with { Family = CatalogueFamily.Fos, FosStandard = 2, Variables = [KpiVariable.Entered("A", "officers trained")] },
        Entry("FOS-2.B", FormulaKind.Text) with { Family = CatalogueFamily.Fos, FosStandard = 2, Input = InputKind.Questionnaire },
        Entry("FOS-3.A", FormulaKind.Ratio) with
        {
            Family = CatalogueFamily.Fos, FosStandard = 3,
            Input = InputKind.Transactional,
            Variables =
            [
                new KpiVariable("A", "with electronic data", "shipment", RecordAggregate.Rows, RecordTiming.On("shipment_date"), RecordCondition.True("electronic_data")),
                new KpiVariable("B", "shipments", "shipment", RecordAggregate.Rows, RecordTiming.On("shipment_date")),
            ],
        },
    ];

    private static KpiDefinition Entry(string code, FormulaKind formula) => new()
    {
        Code = code,
        Id = "test_" + code.ToLowerInvariant().Replace('-', '_').Replace('.', '_'),
        Name = "Test entry " + code,
        Area = "test",
        Outcome = "test",
        Input = InputKind.Aggregate,
        Formula = formula,
        PrintedFormula = "-",
        Definition = "test",
        Unit = "%",
        MinimumPeriodicity = "annually",
        Disclosure = Disclosure.Public,
    };

    private static ChecklistItem[] Items(string letters) => [.. letters.Select(c => new ChecklistItem(c.ToString(), $"criterion {c}"))];
}
