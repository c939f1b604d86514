using Xunit;
using static PmmEtl.EndToEnd.Tests.Kpis.AreaIIIRecords;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// The nine seizure variations (K23 K24 K28 K30 K32 K34 K36 K38 K39) on the area III fixture
/// (<see cref="AreaIIIRecords"/>: its per-category table gives A for 2025 and B for 2024).
/// </summary>
[Collection(AreaIIICollection.Name)]
public sealed class AreaIIIVariationTests(AreaIIIRun run)
{
    private readonly PipelineHarness _h = run.Harness;

    [Theory]
    // K23 alcohol: A = S1 S11 = 2, B = P1 = 1 → (2 − 1) / 1 × 100 = 100.
    [InlineData("K23", 2, 1, 100.0)]
    // K24 cigarettes: A = S1 (counterfeit cigarettes; S4's cigars, e-cigarettes, raw tobacco are out) = 1, B = P1 P2 = 2 → −50.
    [InlineData("K24", 1, 2, -50.0)]
    // K30 foodstuffs and consumer goods: A = S9 S10 = 2, B = P4 = 1 → 100.
    [InlineData("K30", 2, 1, 100.0)]
    // K32 IPR: A = S1 (the counterfeit cigarettes also counted in K24) S10 = 2, B = P4 = 1 → 100.
    [InlineData("K32", 2, 1, 100.0)]
    // K34 drugs: A = S5 S12 = 2 (S7 OGA-only), B = P2 P3 = 2 → 0.
    [InlineData("K34", 2, 2, 0.0)]
    // K36 environmentally sensitive: A = S9 (ivory and ODS: one case) = 1, B = P2 P4 = 2 → −50.
    [InlineData("K36", 1, 2, -50.0)]
    // K38 firearms: A = S5 (mandated replica; S6's unmandated replica is out) = 1, B = P4 (gun) = 1 → 0.
    // Were the mandate ignored, A = 2 → +100; were borderline items never counted, A = 0 → −100.
    [InlineData("K38", 1, 1, 0.0)]
    // K39 financial instruments through passenger controls: A = S2 S10 = 2 (S3 gems only, S8 cash not at a passenger
    // control), B = P3 = 1 (P5 not at a passenger control, P7 gems) → 100.
    [InlineData("K39", 2, 1, 100.0)]
    public void Variation_2025_against_2024(string code, long a, long b, double change)
    {
        AreaIIICell y = Cell(_h, code, "2025");
        Assert.Equal(change, y.Value);
        // N is the records behind B, the base of the change.
        Assert.Equal((b, a, b), (y.N, y.Numerator!.Value, y.Denominator!.Value));
        Assert.Equal("public", y.Disclosure);
        Assert.Null(y.Note);
    }

    [Fact]
    public void K28_with_no_seizure_in_year_t_minus_1_has_no_value()
    {
        // A = S6 = 1; 2024 had seizures, but its only cultural-goods one (P6) was OGA-only: B = 0 → no value, with the reason.
        AreaIIICell y = Cell(_h, "K28", "2025");
        Assert.Null(y.Value);
        Assert.Equal((1L, 0L, "public"), (y.Numerator!.Value, y.Denominator!.Value, y.Disclosure));
        Assert.Equal("not measurable: B = 0 in year t−1 (Seizure cases by Customs or joint with an item in CULTURAL_GOODS, year t−1)", y.Note);

        // Its breakdown row (RAIL: A = 1, B = 0) has no value either, and is national.
        AreaIIICell rail = Cell(_h, "K28", "2025", "mode_of_transport", "RAIL");
        Assert.Null(rail.Value);
        Assert.Equal("national", rail.Disclosure);
        Assert.StartsWith("not measurable: B = 0 in year t−1", rail.Note);
    }

    [Fact]
    public void Variation_with_year_t_minus_1_missing_has_no_value()
    {
        // 2024's year t−1 is 2023, of which no seizure at all was loaded: the year is missing, not a year of zero seizures.
        // K23 2024: A = P1 = 1, B missing → no value.
        AreaIIICell y = Cell(_h, "K23", "2024");
        Assert.Null(y.Value);
        Assert.Null(y.Denominator);
        Assert.Equal("not measurable: no seizure records for 2023 and no entered value", y.Note);
        AreaIIICell sea = Cell(_h, "K23", "2024", "mode_of_transport", "SEA");
        Assert.Null(sea.Value);
        Assert.StartsWith("not measurable: no seizure records for 2023", sea.Note);
    }

    [Fact]
    public void An_entered_t_minus_1_count_fills_the_missing_year()
    {
        // K24 2024: A = P1 P2 = 2; B for 2023 entered by an officer = 4 → (2 − 4) / 4 × 100 = −50.
        AreaIIICell y = Cell(_h, "K24", "2024");
        Assert.Equal(-50, y.Value);
        Assert.Equal((2L, 4L), (y.Numerator!.Value, y.Denominator!.Value));
        Assert.Equal("B entered (aggregates.csv:2)", y.Note);
    }

    [Fact]
    public void Variation_breakdowns_are_national_and_follow_each_card()
    {
        // K23, K24 and K39 list mode of transport only (plus the office of area III); the others goods/passengers too.
        Assert.Equal(["mode_of_transport", "office"], Breakdowns(_h, "K23"));
        Assert.Equal(["mode_of_transport", "office"], Breakdowns(_h, "K24"));
        Assert.Equal(["mode_of_transport", "office"], Breakdowns(_h, "K39"));
        foreach (string code in (string[])["K28", "K30", "K32", "K34", "K36", "K38"])
        {
            Assert.Equal(["goods_or_passengers", "mode_of_transport", "office"], Breakdowns(_h, code));
        }

        // K23 by mode: SEA A = S1 S11, B = P1 → 100.
        AreaIIICell k23 = Cell(_h, "K23", "2025", "mode_of_transport", "SEA");
        Assert.Equal((100.0, 2L, 1L, "national"), (k23.Value!.Value, k23.Numerator!.Value, k23.Denominator!.Value, k23.Disclosure));

        // K24 by mode: SEA A = S1, B = P1 → 0; LAND A = 0, B = P2 → −100.
        Assert.Equal(0, Cell(_h, "K24", "2025", "mode_of_transport", "SEA").Value);
        Assert.Equal(-100, Cell(_h, "K24", "2025", "mode_of_transport", "LAND").Value);

        // K34 by mode: SEA A = S5 S12, B = 0 → none; LAND A = 0, B = P2 → −100; AIR A = 0, B = P3 → −100.
        Assert.Equal(["AIR", "LAND", "SEA"], BreakdownValues(_h, "K34", "2025", "mode_of_transport"));
        Assert.Null(Cell(_h, "K34", "2025", "mode_of_transport", "SEA").Value);
        Assert.Equal(-100, Cell(_h, "K34", "2025", "mode_of_transport", "LAND").Value);
        Assert.Equal(-100, Cell(_h, "K34", "2025", "mode_of_transport", "AIR").Value);

        // K34 by goods/passengers: GOODS A = S5 S12, B = P2 → 100; PASSENGER A = 0, B = P3 → −100.
        AreaIIICell goods = Cell(_h, "K34", "2025", "goods_or_passengers", "GOODS");
        Assert.Equal((100.0, 2L, 1L, "national"), (goods.Value!.Value, goods.Numerator!.Value, goods.Denominator!.Value, goods.Disclosure));
        Assert.Equal(-100, Cell(_h, "K34", "2025", "goods_or_passengers", "PASSENGER").Value);

        // K30 by goods/passengers: GOODS A = S9, B = P4 → 0; PASSENGER A = S10, B = 0 → none.
        Assert.Equal(0, Cell(_h, "K30", "2025", "goods_or_passengers", "GOODS").Value);
        Assert.Null(Cell(_h, "K30", "2025", "goods_or_passengers", "PASSENGER").Value);

        // K36 by mode: SEA A = S9, B = P4 → 0; LAND A = 0, B = P2 → −100.
        Assert.Equal(0, Cell(_h, "K36", "2025", "mode_of_transport", "SEA").Value);
        Assert.Equal(-100, Cell(_h, "K36", "2025", "mode_of_transport", "LAND").Value);

        // K39 by mode: AIR A = S2 S10, B = P3 → 100.
        AreaIIICell air = Cell(_h, "K39", "2025", "mode_of_transport", "AIR");
        Assert.Equal((100.0, "national"), (air.Value!.Value, air.Disclosure));

        // K32 by office: NYC A = S1, B = P4 → 0; LAX A = S10, B = 0 → none.
        Assert.Equal(0, Cell(_h, "K32", "2025", "office", "NYC").Value);
        Assert.Null(Cell(_h, "K32", "2025", "office", "LAX").Value);
    }
}

/// <summary>Category membership is the pipeline's data: changing the rules file changes the next run's values, no C# touched.</summary>
public sealed class AreaIIICategoryRuleTests
{
    [Fact]
    public void A_category_rule_changed_in_the_rules_file_changes_the_values_of_the_next_run()
    {
        // 2025: R1 R2 physical by Customs; C1 (cigarettes, from R1), C2 (cigars, from R2). 2024: D1 (cigarettes); only an NII check (R0).
        var f = new RegisterFixture();
        AreaIIIRecords.Inspection(f, "R1", "2025-05-01", "NYC", "GOODS", "IMPORT", "SEA", "PHYSICAL", "CUSTOMS", "RISK_PROFILE");
        AreaIIIRecords.Inspection(f, "R2", "2025-06-01", "NYC", "GOODS", "IMPORT", "SEA", "PHYSICAL", "JOINT", "RANDOM");
        AreaIIIRecords.Inspection(f, "R0", "2024-06-01", "NYC", "GOODS", "IMPORT", "SEA", "NII", "CUSTOMS", "RISK_PROFILE");
        AreaIIIRecords.Seizure(f, "C1", "2025-05-01", "NYC", "GOODS", "SEA", false, "CUSTOMS", "R1", "CIG");
        AreaIIIRecords.Seizure(f, "C2", "2025-06-01", "NYC", "GOODS", "SEA", false, "JOINT", "R2", "CIGAR");
        AreaIIIRecords.Seizure(f, "D1", "2024-06-01", "NYC", "GOODS", "SEA", false, "CUSTOMS", "R0", "CIG");
        using PipelineHarness h = f.Build("K24", "K26");
        h.Run();

        // Default rules, cigars out: K26 = C1 / (R1 R2) = 1/2 = 50; per inspection R1 → 50; K24 = (1 − 1) / 1 = 0.
        Assert.Equal(50, Cell(h, "K26", "2025").Value);
        Assert.Equal(50, Cell(h, "K26", "2025", variant: "per_inspection").Value);
        Assert.Equal(0, Cell(h, "K24", "2025").Value);
        // 2024 has no physical inspection: B = 0, no value, with the reason.
        AreaIIICell none = Cell(h, "K26", "2024");
        Assert.Null(none.Value);
        Assert.Equal((1L, 0L), (none.Numerator!.Value, none.Denominator!.Value));
        Assert.Equal("not measurable: B = 0 (Physical inspections on goods and passengers performed by Customs or jointly with other government agencies (the same B for all eight hit rates))", none.Note);

        // The administration rules cigars into cigarettes: only the rules file changes.
        File.WriteAllText(Path.Combine(h.Folder, "categories.csv"),
            RegisterFixture.DefaultCategories.Replace("CIGAR,CIGARETTES,no,no,cigars,excluded by K26", "CIGAR,CIGARETTES,yes,no,cigars,counted nationally", StringComparison.Ordinal));
        h.Run();

        // K26 = C1 C2 / 2 = 100; per inspection R1 R2 → 100; K24 = (2 − 1) / 1 = 100.
        Assert.Equal(100, Cell(h, "K26", "2025").Value);
        Assert.Equal(100, Cell(h, "K26", "2025", variant: "per_inspection").Value);
        AreaIIICell k24 = Cell(h, "K24", "2025");
        Assert.Equal((100.0, 2L, 1L), (k24.Value!.Value, k24.Numerator!.Value, k24.Denominator!.Value));
    }
}
