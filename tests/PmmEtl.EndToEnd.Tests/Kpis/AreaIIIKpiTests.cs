using Xunit;
using static PmmEtl.EndToEnd.Tests.Kpis.AreaIIIRecords;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// K21 (risk-profile share of inspections) and K22 (risk-management maturity checklist), on the area III fixture
/// (<see cref="AreaIIIRecords"/>: its inspection table is the arithmetic's source).
/// </summary>
[Collection(AreaIIICollection.Name)]
public sealed class AreaIIIKpiTests(AreaIIIRun run)
{
    private readonly PipelineHarness _h = run.Harness;

    private const string ManualInspections = "Inspections selected by a manual process: random, by an officer, on a tip or lead, or at another law enforcement agency's request (selection_source RANDOM, OFFICER, TIP, OTHER_LEA)";

    [Fact]
    public void K21_is_the_risk_profile_share_of_every_inspection_whatever_its_type_or_performer()
    {
        // 2025: A (RISK_PROFILE) = N1 N4 N6 N7 = 4; B (RANDOM, OFFICER, TIP, OTHER_LEA) = N2 N3 N5 N8 N9 = 5.
        // The NII (N6, N9), documentary (N7) and OGA-only (N8) inspections count, as the Decision says.
        // 4 / (4 + 5) × 100 = 44.444… → 44.44; N = every inspection measured = 9.
        AreaIIICell y = Cell(_h, "K21", "2025");
        Assert.Equal(44.44, y.Value);
        Assert.Equal(9, y.N);
        Assert.Equal(4, y.Numerator);
        Assert.Equal(5, y.Denominator);
        Assert.Equal("wco", y.Disclosure);
        Assert.Null(y.Note);

        // 2024: Q1 (RISK_PROFILE) against Q2 (RANDOM): 1 / 2 × 100 = 50.
        Assert.Equal(50, Cell(_h, "K21", "2024").Value);
    }

    [Fact]
    public void K21_is_published_by_quarter_and_a_quarter_without_inspections_has_no_value()
    {
        // Q1: N1 (A), N2 N3 (B) → 1/3 = 33.33. Q2: none. Q3: N4 N6 (A), N5 (B) → 2/3 = 66.67. Q4: N7 (A), N8 N9 (B) → 1/3 = 33.33.
        // The quarters add up to the year: A 1+0+2+1 = 4, B 2+0+1+2 = 5.
        AreaIIICell q1 = Cell(_h, "K21", "2025-Q1");
        Assert.Equal(33.33, q1.Value);
        Assert.Equal((3L, 1L, 2L), (q1.N, q1.Numerator!.Value, q1.Denominator!.Value));
        AreaIIICell q2 = Cell(_h, "K21", "2025-Q2");
        Assert.Null(q2.Value);
        Assert.Equal("not measurable: no inspection records for 2025-Q2 and no entered value", q2.Note);
        Assert.Equal(66.67, Cell(_h, "K21", "2025-Q3").Value);
        Assert.Equal(33.33, Cell(_h, "K21", "2025-Q4").Value);

        // 2024: Q1 holds only the risk-profile Q1 (1/1 = 100), Q2 only the random Q2 (0/1 = 0).
        Assert.Equal(100, Cell(_h, "K21", "2024-Q1").Value);
        Assert.Equal(0, Cell(_h, "K21", "2024-Q2").Value);
        Assert.Null(Cell(_h, "K21", "2024-Q3").Value);
    }

    [Fact]
    public void K21_as_printed_is_all_inspections_over_the_manual_ones()
    {
        // ((A + B) / B) × 100: 2025 (4 + 5) / 5 × 100 = 180; Q1 (1 + 2) / 2 = 150; Q3 (2 + 1) / 1 = 300; Q4 (1 + 2) / 2 = 150.
        AreaIIICell y = Cell(_h, "K21", "2025", variant: "as_printed");
        Assert.Equal(180, y.Value);
        Assert.Equal((9L, 4L, 5L), (y.N, y.Numerator!.Value, y.Denominator!.Value));
        Assert.StartsWith("((A+B)/B)×100 as printed", y.Note);
        Assert.Equal(150, Cell(_h, "K21", "2025-Q1", variant: "as_printed").Value);
        Assert.Equal(300, Cell(_h, "K21", "2025-Q3", variant: "as_printed").Value);
        Assert.Equal(150, Cell(_h, "K21", "2025-Q4", variant: "as_printed").Value);

        // Q2 has no inspection at all: the quarter is not covered and the printed formula has no value.
        AreaIIICell q2 = Cell(_h, "K21", "2025-Q2", variant: "as_printed");
        Assert.Null(q2.Value);
        Assert.StartsWith("not measurable: no inspection records for 2025-Q2 and no entered value", q2.Note);

        // The variant is published for the total only.
        Assert.Empty(Breakdowns(_h, "K21", "as_printed"));
    }

    [Fact]
    public void K21_breakdowns_by_direction_and_mode_are_wco_and_the_finer_ones_national()
    {
        // Direction (WCO): IMPORT A = N1 N4 N6 N7, B = N2 N3 N8 → 4/7 = 57.14; EXPORT B = N5 → 0; no direction (N9, B) → UNKNOWN 0.
        Assert.Equal(["EXPORT", "IMPORT", "UNKNOWN"], BreakdownValues(_h, "K21", "2025", "direction"));
        AreaIIICell import = Cell(_h, "K21", "2025", "direction", "IMPORT");
        Assert.Equal(57.14, import.Value);
        Assert.Equal((7L, 4L, 3L, "wco"), (import.N, import.Numerator!.Value, import.Denominator!.Value, import.Disclosure));
        Assert.Equal(0, Cell(_h, "K21", "2025", "direction", "EXPORT").Value);
        Assert.Equal(0, Cell(_h, "K21", "2025", "direction", "UNKNOWN").Value);

        // Mode (WCO): SEA A = N1 N6 N7, B = N2 → 3/4 = 75; AIR A = N4, B = N3 → 50; LAND B = N5 N8 → 0; UNKNOWN B = N9 → 0.
        Assert.Equal(["AIR", "LAND", "SEA", "UNKNOWN"], BreakdownValues(_h, "K21", "2025", "mode_of_transport"));
        AreaIIICell sea = Cell(_h, "K21", "2025", "mode_of_transport", "SEA");
        Assert.Equal((75.0, "wco"), (sea.Value!.Value, sea.Disclosure));
        Assert.Equal(50, Cell(_h, "K21", "2025", "mode_of_transport", "AIR").Value);
        Assert.Equal(0, Cell(_h, "K21", "2025", "mode_of_transport", "LAND").Value);

        // Goods/passengers (national): GOODS A = N1 N6 N7, B = N2 N5 N8 → 3/6 = 50; PASSENGER A = N4, B = N3 N9 → 1/3 = 33.33.
        AreaIIICell goods = Cell(_h, "K21", "2025", "goods_or_passengers", "GOODS");
        Assert.Equal((50.0, 6L, "national"), (goods.Value!.Value, goods.N, goods.Disclosure));
        AreaIIICell passengers = Cell(_h, "K21", "2025", "goods_or_passengers", "PASSENGER");
        Assert.Equal((33.33, "national"), (passengers.Value!.Value, passengers.Disclosure));

        // Inspection type (national), so the physical-only ratio can be read: PHYSICAL A = N1 N4, B = N2 N3 N5 N8 → 2/6 = 33.33;
        // NII A = N6, B = N9 → 50; DOCUMENTARY A = N7 → 100.
        AreaIIICell physical = Cell(_h, "K21", "2025", "control_type", "PHYSICAL");
        Assert.Equal((33.33, "national"), (physical.Value!.Value, physical.Disclosure));
        Assert.Equal(50, Cell(_h, "K21", "2025", "control_type", "NII").Value);
        Assert.Equal(100, Cell(_h, "K21", "2025", "control_type", "DOCUMENTARY").Value);

        // Office (national): NYC A = N1 N6 N7, B = N2 → 75; LAX A = N4, B = N3 N9 → 33.33; ORD B = N5 N8 → 0.
        AreaIIICell nyc = Cell(_h, "K21", "2025", "office", "NYC");
        Assert.Equal((75.0, "national"), (nyc.Value!.Value, nyc.Disclosure));
        Assert.Equal(33.33, Cell(_h, "K21", "2025", "office", "LAX").Value);
        Assert.Equal(0, Cell(_h, "K21", "2025", "office", "ORD").Value);

        // A quarter is broken down too: 2025-Q1 mode SEA A = N1, B = N2 → 50; AIR B = N3 → 0.
        Assert.Equal(50, Cell(_h, "K21", "2025-Q1", "mode_of_transport", "SEA").Value);
        Assert.Equal(0, Cell(_h, "K21", "2025-Q1", "mode_of_transport", "AIR").Value);
    }

    [Fact]
    public void K22_is_the_share_of_the_17_criteria_answered_yes()
    {
        // 2025: A–H yes (8), J K N P yes (4), I L M O Q no → 12 / 17 × 100 = 70.588… → 70.59.
        AreaIIICell y = Cell(_h, "K22", "2025");
        Assert.Equal(70.59, y.Value);
        Assert.Equal((17L, 12L, 17L, "wco"), (y.N, y.Numerator!.Value, y.Denominator!.Value, y.Disclosure));
        Assert.Equal("answered in assessment.yaml", y.Note);

        // Only the total is published: the goods/passengers split has no sub-score formula (Decision).
        Assert.Empty(Breakdowns(_h, "K22"));
    }

    [Fact]
    public void K22_without_answers_for_a_year_is_not_measurable()
    {
        // 2024 is measured (its inspections and seizures are loaded) but the assessment answers 2025 only.
        AreaIIICell y = Cell(_h, "K22", "2024");
        Assert.Null(y.Value);
        Assert.Equal(0, y.N);
        Assert.Equal("not measurable: no self-assessment answers for K22 in 2024 (inputs.assessments)", y.Note);
    }

    [Fact]
    public void K22_with_an_item_left_unanswered_stops_the_run_naming_the_item()
    {
        // Q is missing: a score over 16 items would not be the printed /17, so the file is refused, not scored.
        using PipelineHarness h = new RegisterFixture()
            .Assessment("""
                year: 2025
                checklists:
                  K22: { A: yes, B: yes, C: yes, D: yes, E: yes, F: yes, G: yes, H: yes, I: no, J: yes, K: yes, L: no, M: no, N: yes, O: no, P: yes }
                """)
            .Build("K22");
        Exception e = Assert.ThrowsAny<Exception>(() => h.Run());
        Assert.Contains("assessment.yaml", e.Message);
        Assert.Contains("checklists.K22.Q: missing: every item of K22 is answered yes or no", e.Message);
    }
}
