using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using Xunit;

namespace PmmEtl.Core.Tests.Measure;

/// <summary>
/// The formulas of record-based and questionnaire entries, on cells worked out by hand. The engines only count and
/// sum; these are the arithmetic the PMM prints (or intends), so each case states its expected value by hand.
/// </summary>
public sealed class RecordFormulaTests
{
    private static readonly KpiFormula Formula = new("test", "run-1", Instant.FromUtc(2026, 1, 10, 0, 0));
    private static readonly CellKey Year2025 = new(PeriodType.Year, new LocalDate(2025, 1, 1), "total", "ALL", Disclosure.Public);

    private static KpiDefinition Kpi(FormulaKind formula, params KpiVariable[] variables) => new()
    {
        Code = "KX",
        Id = "test_kpi",
        Name = "Test KPI",
        Area = "test",
        Outcome = "test",
        Input = InputKind.Transactional,
        Formula = formula,
        PrintedFormula = "",
        Definition = "",
        Unit = "%",
        MinimumPeriodicity = "annually",
        Disclosure = Disclosure.Public,
        Variables = variables,
    };

    private static KpiVariable Var(string name) => new(name, $"records {name}", "seizure", RecordAggregate.Rows, RecordTiming.On("seizure_date"));

    private static Dictionary<string, VariableCell> Cells(params (string Name, double? Value, long Records)[] cells) =>
        cells.ToDictionary(c => c.Name, c => new VariableCell(c.Value, c.Records));

    [Fact]
    public void Ratio_is_a_over_b_times_100_rounded_half_away_from_zero()
    {
        // 1 / 8 × 100 = 12.5 exactly; 2 / 3 × 100 = 66.666… → 66.67
        KpiValue v = Formula.ApplyVariables(Kpi(FormulaKind.Ratio, Var("A"), Var("B")), "pmm", FormulaKind.Ratio, Year2025, Cells(("A", 2, 2), ("B", 3, 3)));
        Assert.Equal(66.67, v.Value);
        Assert.Equal(2, v.Numerator);
        Assert.Equal(3, v.Denominator);
        Assert.Equal(3, v.N);
    }

    [Fact]
    public void Ratio_with_no_denominator_is_not_measurable_with_the_reason()
    {
        KpiValue v = Formula.ApplyVariables(Kpi(FormulaKind.Ratio, Var("A"), Var("B")), "pmm", FormulaKind.Ratio, Year2025, Cells(("A", 0, 0), ("B", 0, 0)));
        Assert.Null(v.Value);
        Assert.Equal("not measurable: B = 0 (records B)", v.Note);
    }

    [Fact]
    public void Share_of_total_and_the_printed_k21_reading_differ_as_the_catalogue_says()
    {
        // A = 30 risk-profile inspections, B = 10 manual: intended 30 / 40 × 100 = 75; printed (30 + 10) / 10 × 100 = 400.
        KpiDefinition kpi = Kpi(FormulaKind.ShareOfTotal, Var("A"), Var("B"));
        Assert.Equal(75, Formula.ApplyVariables(kpi, "pmm", FormulaKind.ShareOfTotal, Year2025, Cells(("A", 30, 30), ("B", 10, 10))).Value);
        Assert.Equal(400, Formula.ApplyVariables(kpi, "as_printed", FormulaKind.TotalOverB, Year2025, Cells(("A", 30, 30), ("B", 10, 10))).Value);
    }

    [Fact]
    public void Variation_is_relative_change_and_has_no_value_when_last_year_is_zero()
    {
        // (45 − 60) / 60 × 100 = −25
        KpiDefinition kpi = Kpi(FormulaKind.Variation, Var("A"), Var("B") with { YearOffset = -1 });
        Assert.Equal(-25, Formula.ApplyVariables(kpi, "pmm", FormulaKind.Variation, Year2025, Cells(("A", 45, 45), ("B", 60, 60))).Value);
        KpiValue zero = Formula.ApplyVariables(kpi, "pmm", FormulaKind.Variation, Year2025, Cells(("A", 4, 4), ("B", 0, 0)));
        Assert.Null(zero.Value);
        Assert.Equal("not measurable: B = 0 in year t−1 (records B)", zero.Note);
    }

    [Fact]
    public void Three_year_share_divides_by_the_mean_of_three_years_and_names_a_missing_year()
    {
        // A = 1,500; B = 100,000 (t), 80,000 (t−1), 120,000 (t−2): mean 100,000 → 1.5 %.
        KpiDefinition kpi = Kpi(FormulaKind.ThreeYearShare, Var("A"), Var("B"), Var("B1") with { YearOffset = -1 }, Var("B2") with { YearOffset = -2 });
        Assert.Equal(1.5, Formula.ApplyVariables(kpi, "pmm", FormulaKind.ThreeYearShare, Year2025,
            Cells(("A", 1500, 4), ("B", 100_000, 10), ("B1", 80_000, 9), ("B2", 120_000, 11))).Value);
        KpiValue gap = Formula.ApplyVariables(kpi, "pmm", FormulaKind.ThreeYearShare, Year2025,
            Cells(("A", 1500, 4), ("B", 100_000, 10), ("B1", 80_000, 9), ("B2", null, 0)));
        Assert.Null(gap.Value);
        Assert.Equal("not measurable: KX needs three years of records B; year t−2 has none", gap.Note);
    }

    [Fact]
    public void A_missing_variable_reason_wins_and_an_entered_value_is_cited()
    {
        KpiDefinition kpi = Kpi(FormulaKind.Ratio, Var("A"), Var("B"));
        var cells = new Dictionary<string, VariableCell>
        {
            ["A"] = new(3, 0, "aggregates.csv:4"),
            ["B"] = VariableCell.NotAvailable("not measurable: no seizure records loaded"),
        };
        Assert.Equal("not measurable: no seizure records loaded", Formula.ApplyVariables(kpi, "pmm", FormulaKind.Ratio, Year2025, cells).Note);

        cells["B"] = new VariableCell(4, 0, "aggregates.csv:5");
        KpiValue v = Formula.ApplyVariables(kpi, "pmm", FormulaKind.Ratio, Year2025, cells);
        Assert.Equal(75, v.Value);
        Assert.Equal("A entered (aggregates.csv:4); B entered (aggregates.csv:5)", v.Note);
    }

    [Fact]
    public void Checklist_counts_yes_over_the_items_of_the_kpi()
    {
        // K46-like: 3 items, 2 answered yes → 2 / 3 × 100 = 66.67
        KpiDefinition kpi = Kpi(FormulaKind.Checklist) with { Items = [new("A", "a"), new("B", "b"), new("C", "c")], Input = InputKind.Questionnaire };
        ChecklistAnswer[] answers = [new("KX", 2025, "A", true, "a.yaml:3"), new("KX", 2025, "B", false, "a.yaml:3"), new("KX", 2025, "C", true, "a.yaml:3")];
        KpiValue v = Formula.ApplyChecklist(kpi, Year2025, answers);
        Assert.Equal(66.67, v.Value);
        Assert.Equal(2, v.Numerator);
        Assert.Equal(3, v.Denominator);
        Assert.StartsWith("not measurable: no self-assessment answers for KX in 2025", Formula.ApplyChecklist(kpi, Year2025, []).Note);
    }

    [Fact]
    public void Tool_scores_are_means_of_the_answers()
    {
        // Awareness 1, 1, 0 → 0.67; use 2, 1, 0 → 1
        ToolAnswer[] tools = [new(2025, "RKC", "I", 1, 2, "a:1"), new(2025, "HS", "II", 1, 1, "a:2"), new(2025, "SAFE", "III", 0, 0, "a:3")];
        Assert.Equal(0.67, Formula.ApplyTools(Kpi(FormulaKind.ToolAwareness), Year2025, tools).Value);
        Assert.Equal(1, Formula.ApplyTools(Kpi(FormulaKind.ToolUse), Year2025, tools).Value);
    }

    [Fact]
    public void An_implementation_level_carries_its_label_and_each_capacity_building_answer_is_a_row_of_its_own()
    {
        CapacityBuildingAnswer answer = new("4c", "Yes: pilot with two platforms", "q.yaml:12");
        KpiValue v = Formula.ApplyLevel(Kpi(FormulaKind.ImplementationLevel), Year2025, new FosLevelAnswer("KX", 1, 2025, 4, [answer], "q.yaml:9"));
        Assert.Equal(4, v.Value);
        Assert.Equal("4 – Finalising implementation", v.ValueText);
        Assert.Null(v.Note);

        var cell = new CellKey(PeriodType.Year, new LocalDate(2025, 1, 1), "capacity_building", "4c", Disclosure.Wco);
        KpiValue row = Formula.ApplyCapacityBuilding(Kpi(FormulaKind.ImplementationLevel), cell, answer);
        Assert.Equal((null, "Yes: pilot with two platforms", "capacity_building", "4c", 1L), (row.Value, row.ValueText, row.Breakdown, row.BreakdownValue, row.N));
        Assert.Equal("4c: Is your country facing difficulties in implementing this Standard?", row.Note);
    }

    [Fact]
    public void Numerator_and_denominator_are_A_and_B_for_ratios_and_never_a_rounded_mean()
    {
        // Ratios: A and B as published, so that periods can be summed and the formula applied again.
        KpiValue ratio = Formula.ApplyVariables(Kpi(FormulaKind.Ratio, Var("A"), Var("B")), "pmm", FormulaKind.Ratio, Year2025, Cells(("A", 7, 7), ("B", 20, 20)));
        Assert.Equal((35.0, 7L, 20L), (ratio.Value, ratio.Numerator, ratio.Denominator));
        KpiValue share = Formula.ApplyVariables(Kpi(FormulaKind.ShareOfTotal, Var("A"), Var("B")), "pmm", FormulaKind.ShareOfTotal, Year2025, Cells(("A", 30, 30), ("B", 10, 10)));
        Assert.Equal((75.0, 30L, 10L), (share.Value, share.Numerator, share.Denominator));
        // A sum of amounts with no record in scope is null and reads as 0: the published A is 0, not missing.
        KpiValue none = Formula.ApplyVariables(Kpi(FormulaKind.Ratio, Var("A"), Var("B")), "pmm", FormulaKind.Ratio, Year2025, Cells(("A", null, 0), ("B", 250, 6)));
        Assert.Equal((0.0, 0L, 250L), (none.Value, none.Numerator, none.Denominator));
        // Amounts are published in whole units, and the value is computed from what is published: 2,641.40 USD of
        // 4,622.60 is 57.14 %, but the published 2,641 / 4,623 is 57.13 %, and the value must be derivable from them.
        KpiValue amounts = Formula.ApplyVariables(Kpi(FormulaKind.Ratio, Var("A"), Var("B")), "pmm", FormulaKind.Ratio, Year2025, Cells(("A", 2641.4, 30), ("B", 4622.6, 50)));
        Assert.Equal((57.13, 2641L, 4623L), (amounts.Value, amounts.Numerator, amounts.Denominator));
        // The three-year share: A alone (B is the mean of three years).
        KpiValue three = Formula.ApplyVariables(Kpi(FormulaKind.ThreeYearShare, Var("A"), Var("B"), Var("B1") with { YearOffset = -1 }, Var("B2") with { YearOffset = -2 }),
            "pmm", FormulaKind.ThreeYearShare, Year2025, Cells(("A", 1500, 4), ("B", 100_000, 10), ("B1", 80_000, 9), ("B2", 120_000, 11)));
        Assert.Equal((1500L, (long?)null), (three.Numerator, three.Denominator));

        // Means: a mean of shares (K09, K41: 0.2345 over 5 groups) and the value of a mean (FOS-5.B: 268.18 minutes) have
        // neither; a rounded A (0, 268) would pass for a sum that no one can divide by N.
        KpiValue meanShare = Formula.ApplyVariables(Kpi(FormulaKind.MeanShare, Var("A")), "pmm", FormulaKind.MeanShare, Year2025, Cells(("A", 0.2345, 5)));
        Assert.Equal((23.45, 5L, (long?)null, (long?)null), (meanShare.Value, meanShare.N, meanShare.Numerator, meanShare.Denominator));
        KpiValue mean = Formula.ApplyVariables(Kpi(FormulaKind.Value, Var("A")), "pmm", FormulaKind.Value, Year2025, Cells(("A", 268.18, 40)));
        Assert.Equal((268.18, 40L, (long?)null, (long?)null), (mean.Value, mean.N, mean.Numerator, mean.Denominator));
    }
}
