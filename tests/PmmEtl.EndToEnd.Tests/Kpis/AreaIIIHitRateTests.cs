using Xunit;
using static PmmEtl.EndToEnd.Tests.Kpis.AreaIIIRecords;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// The eight hit rates (K25 K26 K27 K29 K31 K33 K35 K37) and their per_inspection variant, on the area III
/// fixture (<see cref="AreaIIIRecords"/>). B is shared: 2025 = N1 … N5 = 5 physical inspections by Customs or
/// joint (N6 and N9 NII, N7 documentary and N8 OGA-only are out); 2024 = Q1 Q2 = 2.
/// </summary>
[Collection(AreaIIICollection.Name)]
public sealed class AreaIIIHitRateTests(AreaIIIRun run)
{
    private readonly PipelineHarness _h = run.Harness;

    private const string PhysicalInspections = "Physical inspections on goods and passengers performed by Customs or jointly with other government agencies (the same B for all eight hit rates)";

    /// <summary>Seizure cases of the category over B, and the variant's inspections with such a seizure over B.</summary>
    [Theory]
    // K25 alcohol: S1 S11 (S1's two alcohol lines count once; S7 is OGA-only) → 2/5 = 40. per inspection: N1 (both seizures) → 1/5 = 20.
    [InlineData("K25", 2, 40.0, 1, 20.0)]
    // K26 cigarettes: S1 (counterfeit cigarettes); S4's cigars, e-cigarettes and raw tobacco are not cigarettes → 1/5 = 20. N1 → 20.
    [InlineData("K26", 1, 20.0, 1, 20.0)]
    // K27 cultural goods: S6 → 1/5 = 20; S6 came from no inspection → 0/5 = 0.
    [InlineData("K27", 1, 20.0, 0, 0.0)]
    // K29 foodstuffs and consumer goods: S9 (food), S10 (toy) → 2/5 = 40; neither from an inspection → 0.
    [InlineData("K29", 2, 40.0, 0, 0.0)]
    // K31 IPR: S1 (counterfeit cigarettes, also in K26), S10 (counterfeit goods) → 2/5 = 40. N1 → 20.
    [InlineData("K31", 2, 40.0, 1, 20.0)]
    // K33 drugs: S5 (joint), S12 (found by the NII check N6) → 2/5 = 40; S7 is OGA-only. per inspection: N2 (S5) → 20;
    // N6 is not physical and N8 not by Customs, so S12 and S7 bring no inspection.
    [InlineData("K33", 2, 40.0, 1, 20.0)]
    // K35 environmentally sensitive: S9 (ivory and ODS, one case) → 1/5 = 20; from no inspection → 0.
    [InlineData("K35", 1, 20.0, 0, 0.0)]
    // K37 firearms: S5 (replica under mandate); S6's replica is not mandated → 1/5 = 20. N2 → 20.
    [InlineData("K37", 1, 20.0, 1, 20.0)]
    public void Hit_rate_2025_counts_seizure_cases_over_the_shared_physical_inspections(string code, long seizures, double rate, long inspections, double perInspection)
    {
        AreaIIICell y = Cell(_h, code, "2025");
        Assert.Equal(rate, y.Value);
        Assert.Equal((5L, seizures, 5L), (y.N, y.Numerator!.Value, y.Denominator!.Value));
        Assert.Equal("national", y.Disclosure);
        Assert.Null(y.Note);

        AreaIIICell v = Cell(_h, code, "2025", variant: "per_inspection");
        Assert.Equal(perInspection, v.Value);
        Assert.Equal((5L, inspections, 5L), (v.N, v.Numerator!.Value, v.Denominator!.Value));
        Assert.StartsWith("Physical inspections by Customs or joint that led to at least one seizure", v.Note);
        // Variants are published for the total only.
        Assert.Empty(Breakdowns(_h, code, "per_inspection"));
    }

    [Theory]
    // B 2024 = Q1 Q2 = 2. K25 P1 → 50; K26 P1 P2 → 100; K27 only P6 (OGA) → 0/2 = 0 (a value: B is not 0); K29 P4 → 50;
    // K31 P4 → 50; K33 P2 P3 → 100; K35 P2 P4 → 100; K37 P4 → 50.
    [InlineData("K25", 50.0)]
    [InlineData("K26", 100.0)]
    [InlineData("K27", 0.0)]
    [InlineData("K29", 50.0)]
    [InlineData("K31", 50.0)]
    [InlineData("K33", 100.0)]
    [InlineData("K35", 100.0)]
    [InlineData("K37", 50.0)]
    public void Hit_rate_2024(string code, double rate)
    {
        AreaIIICell y = Cell(_h, code, "2024");
        Assert.Equal(rate, y.Value);
        Assert.Equal(2, y.Denominator);
    }

    [Fact]
    public void Per_inspection_2024_links_seizures_to_their_inspection()
    {
        // K26: Q1 → P1 (cigarettes), Q2 → P2 (cigarettes) → 2/2 = 100. K25: Q1 → P1 (alcohol) → 1/2 = 50. K33: Q2 → P2 (drugs) → 50.
        Assert.Equal(100, Cell(_h, "K26", "2024", variant: "per_inspection").Value);
        Assert.Equal(50, Cell(_h, "K25", "2024", variant: "per_inspection").Value);
        Assert.Equal(50, Cell(_h, "K33", "2024", variant: "per_inspection").Value);
    }

    [Fact]
    public void Hit_rate_by_mode_splits_A_and_B_alike()
    {
        // B by mode: SEA N1 N2 = 2, AIR N3 N4 = 2, LAND N5 = 1.
        // K25: SEA S1 S11 → 2/2 = 100; AIR 0/2 = 0; LAND 0/1 = 0.
        AreaIIICell sea = Cell(_h, "K25", "2025", "mode_of_transport", "SEA");
        Assert.Equal(100, sea.Value);
        Assert.Equal((2L, 2L, 2L, "national"), (sea.N, sea.Numerator!.Value, sea.Denominator!.Value, sea.Disclosure));
        Assert.Equal(0, Cell(_h, "K25", "2025", "mode_of_transport", "AIR").Value);
        Assert.Equal(0, Cell(_h, "K25", "2025", "mode_of_transport", "LAND").Value);

        // K31: SEA S1 → 1/2 = 50; AIR S10 → 1/2 = 50; LAND 0/1 = 0.
        Assert.Equal(50, Cell(_h, "K31", "2025", "mode_of_transport", "SEA").Value);
        Assert.Equal(50, Cell(_h, "K31", "2025", "mode_of_transport", "AIR").Value);
        Assert.Equal(0, Cell(_h, "K31", "2025", "mode_of_transport", "LAND").Value);
    }

    [Fact]
    public void Hit_rate_in_a_mode_without_physical_inspections_has_no_value()
    {
        // K27: S6 came by RAIL, where no inspection was made: A = 1, B = 0 → no value, with the reason.
        Assert.Equal(["AIR", "LAND", "RAIL", "SEA"], BreakdownValues(_h, "K27", "2025", "mode_of_transport"));
        AreaIIICell rail = Cell(_h, "K27", "2025", "mode_of_transport", "RAIL");
        Assert.Null(rail.Value);
        Assert.Equal((1L, 0L, "national"), (rail.Numerator!.Value, rail.Denominator!.Value, rail.Disclosure));
        Assert.Equal($"not measurable: B = 0 ({PhysicalInspections})", rail.Note);
        Assert.Equal(0, Cell(_h, "K27", "2025", "mode_of_transport", "SEA").Value);
    }

    [Fact]
    public void Hit_rate_by_goods_or_passengers_and_office()
    {
        // B: GOODS N1 N2 N5 = 3, PASSENGER N3 N4 = 2; NYC N1 N2 = 2, LAX N3 N4 = 2, ORD N5 = 1.
        // K31: GOODS S1 → 1/3 = 33.33; PASSENGER S10 → 1/2 = 50.
        AreaIIICell goods = Cell(_h, "K31", "2025", "goods_or_passengers", "GOODS");
        Assert.Equal(33.33, goods.Value);
        Assert.Equal((3L, 1L, 3L, "national"), (goods.N, goods.Numerator!.Value, goods.Denominator!.Value, goods.Disclosure));
        Assert.Equal(50, Cell(_h, "K31", "2025", "goods_or_passengers", "PASSENGER").Value);

        // K33: GOODS S5 S12 → 2/3 = 66.67; PASSENGER 0/2 = 0.
        Assert.Equal(66.67, Cell(_h, "K33", "2025", "goods_or_passengers", "GOODS").Value);
        Assert.Equal(0, Cell(_h, "K33", "2025", "goods_or_passengers", "PASSENGER").Value);

        // K31 by office: NYC S1 → 1/2 = 50; LAX S10 → 1/2 = 50; ORD 0/1 = 0.
        AreaIIICell nyc = Cell(_h, "K31", "2025", "office", "NYC");
        Assert.Equal((50.0, "national"), (nyc.Value!.Value, nyc.Disclosure));
        Assert.Equal(50, Cell(_h, "K31", "2025", "office", "LAX").Value);
        Assert.Equal(0, Cell(_h, "K31", "2025", "office", "ORD").Value);

        Assert.Equal(["goods_or_passengers", "mode_of_transport", "office"], Breakdowns(_h, "K37"));
    }
}
