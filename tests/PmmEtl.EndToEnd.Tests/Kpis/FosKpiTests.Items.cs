using static PmmEtl.EndToEnd.Tests.Kpis.Area4FosRows;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>The FoS additional-information items, from the records and answers of <see cref="FosKpiTests.FosRun"/>.</summary>
public sealed partial class FosKpiTests
{
    // ---- T items over e-commerce shipments (S1 … S6 in 2025; N1 … N3 are not e-commerce) ----

    [Fact]
    public void Shipment_shares_count_only_ecommerce_shipments_of_the_year()
    {
        // FOS-1.A electronic data: S1 S2 S4 S5 S6 = 5 of 6 (S3 paper; N1, N3 not e-commerce) → 83.33.
        AssertShare("FOS-1.A", 83.33, 5, 6);
        // FOS-4.B NII: S3 S5 = 2 of 6 (N1 not e-commerce) → 33.33.
        AssertShare("FOS-4.B", 33.33, 2, 6);
        // FOS-5.A simplified procedure: S1 S3 S4 S6 = 4 of 6 → 66.67.
        AssertShare("FOS-5.A", 66.67, 4, 6);
        // FOS-5.C immediate release and neither physical exam nor NII: S1 S4 S6 = 3 of 6 (S2 examined, S3 NII, S5 not flagged) → 50.
        AssertShare("FOS-5.C", 50, 3, 6);
        // FOS-8.A below de minimis: none of S1 … S6 (only N1, not e-commerce) → 0 of 6 = 0, a value and not "not measurable".
        AssertShare("FOS-8.A", 0, 0, 6);
        // FOS-10.A single window: all six → 100.
        AssertShare("FOS-10.A", 100, 6, 6);
    }

    [Fact]
    public void FOS_1B_is_the_advance_share_of_shipments_whose_both_times_are_known()
    {
        // B = e-commerce shipments with advance data and arrival times: S1 S2 S5 S6 = 4 (S3 has no advance time, S4 no arrival).
        // A = those whose data came first: S1 (08:00 < 12:00), S5 (07:00 < 09:00) = 2 → 50.
        AssertShare("FOS-1.B", 50, 2, 4);
        // 2024: P1 has neither time → B = 0, no value.
        PublishedCell none = Cell(_h, "FOS-1.B", "2024");
        Assert.Null(none.Value);
        Assert.Equal("not measurable: B = 0 (e-commerce shipments with both the data receipt time and the arrival/departure time recorded)", none.Note);
    }

    [Fact]
    public void FOS_5B_is_the_mean_clearance_time_of_low_risk_ecommerce_shipments()
    {
        // LOW-risk e-commerce shipments with lodged and cleared times: S1 30 min, S2 91 min, S5 60 min (S4 not cleared; S3 MEDIUM,
        // S6 HIGH; N1 not e-commerce) → (30 + 91 + 60) / 3 = 60.33 minutes, N = 3.
        PublishedCell time = Cell(_h, "FOS-5.B", "2025");
        Assert.Equal((60.33, 3L, "wco"), (time.Value, time.N, time.Disclosure));
        // 2024: P1 has no times → no value.
        PublishedCell none = Cell(_h, "FOS-5.B", "2024");
        Assert.Null(none.Value);
        Assert.Equal("not measurable: no records in scope", none.Note);
    }

    [Fact]
    public void FOS_5D_and_7B_are_shares_of_ecommerce_duty_in_USD()
    {
        // B = Σ duty of e-commerce shipments in USD: S1 100 + S2 50 EUR × 1.10 = 55 + S3 20 + S4 45 + S6 30 = 250 (S5 has none;
        // N1's 1000 is not e-commerce).
        // FOS-5.D account-based: S1 100 + S4 45 = 145 → 145 / 250 × 100 = 58.
        AssertShare("FOS-5.D", 58, 145, 250);
        // FOS-7.B under a vendor, intermediary or buyer model: S1 100 + S3 20 + S4 45 + S6 30 = 195 (S2 NONE) → 78.
        AssertShare("FOS-7.B", 78, 195, 250);
        // 2024: P1 has no amount → B has no records, no value.
        PublishedCell none = Cell(_h, "FOS-5.D", "2024");
        Assert.Null(none.Value);
        Assert.Equal("not measurable: no records for B (duties and taxes (USD) of all e-commerce shipments)", none.Note);
    }

    [Fact]
    public void FOS_5E_is_the_account_based_share_of_ecommerce_returns()
    {
        // B = e-commerce returns S3, S4 = 2 (N1 not e-commerce); A = S3 processed through an account = 1 → 50.
        AssertShare("FOS-5.E", 50, 1, 2);
    }

    [Fact]
    public void FOS_7C_and_7D_count_ecommerce_shipments_under_a_model_7D_over_every_shipment()
    {
        // Under a model: S1 VENDOR, S3 INTERMEDIARY, S4 BUYER, S6 VENDOR = 4 (S2 NONE, S5 none; N1 not e-commerce).
        PublishedCell count = Cell(_h, "FOS-7.C", "2025");
        Assert.Equal((4.0, 4L), (count.Value, count.N));
        // FOS-7.D over all shipments of 2025, e-commerce or not: S1 … S6 and N1 … N3 = 9 → 4 / 9 × 100 = 44.44.
        AssertShare("FOS-7.D", 44.44, 4, 9);
    }

    [Fact]
    public void A_year_without_shipments_has_no_shipment_share()
    {
        // 2026 is measured (seizure Z8) but has no shipment at all: the year is not covered, so no value (not B = 0).
        PublishedCell none = Cell(_h, "FOS-1.A", "2026");
        Assert.Null(none.Value);
        // The harness's clock stands on 2026-01-15: 2026 had not ended.
        Assert.Equal("not measurable: no shipment records for 2026 and no entered value; provisional: 2026 had not ended on the run's date (2026-01-15)", none.Note);
        // 2024: P1, electronic → 1 of 1 = 100.
        Assert.Equal(100.0, Cell(_h, "FOS-1.A", "2024").Value);
    }

    // ---- T items over seizures ----

    [Fact]
    public void Seizure_items_count_ecommerce_seizure_cases_by_detection_method()
    {
        // FOS-4.A NII on e-commerce, 2025: Z1, Z2 = 2 (Z6 is not e-commerce).
        Assert.Equal(2.0, Cell(_h, "FOS-4.A", "2025").Value);
        // FOS-4.C data analytics on e-commerce, 2025: Z3, Z4 (one shipment, two cases: both count), Z5 (no shipment) = 3
        // (Z9 not e-commerce, Z7 risk profile, Z8 in 2026).
        Assert.Equal(3.0, Cell(_h, "FOS-4.C", "2025").Value);
        Assert.Equal(1.0, Cell(_h, "FOS-4.C", "2026").Value);
        // A year with seizure records but none of the kind is a count of 0, not "not measurable".
        PublishedCell zero = Cell(_h, "FOS-4.A", "2024");
        Assert.Equal((0.0, null), (zero.Value, zero.Note));
    }

    [Fact]
    public void FOS_4D_counts_ecommerce_shipments_seized_by_data_analytics_once_whenever_seized()
    {
        // E-commerce shipments of 2025 linked to a data-analytics seizure: S6 (Z3 and Z4: once), S1 (Z8, seized in January 2026)
        // = 2 of 6 → 33.33. Z5 has no shipment to link; Z9's N3 is not an e-commerce shipment.
        AssertShare("FOS-4.D", 33.33, 2, 6);
    }

    // ---- T-reg items over the AEO register ----

    [Fact]
    public void FOS_6A_and_6B_count_ecommerce_AEO_operators_valid_on_31_december_without_MRA_recognitions()
    {
        // 31 Dec 2025: valid, not MRA-only: OP1 (AU1, AU2: once), OP2 (last day 31 Dec), OP6, OP7; OP3 expired in June,
        // OP4 is MRA-only, OP5 starts in 2026. E-commerce among them: OP1, OP7.
        Assert.Equal(2.0, Cell(_h, "FOS-6.A", "2025").Value);
        AssertShare("FOS-6.B", 50, 2, 4); // 2 / 4 × 100
        // 31 Dec 2024: OP1, OP2, OP3, OP6, OP7 valid; e-commerce OP1, OP3, OP7 → 3, and 3 / 5 = 60.
        Assert.Equal(3.0, Cell(_h, "FOS-6.A", "2024").Value);
        Assert.Equal(60.0, Cell(_h, "FOS-6.B", "2024").Value);
        // 31 Dec 2026: OP1, OP5, OP6, OP7 (OP2's last day was 31 Dec 2025); e-commerce OP1, OP5, OP7 → 3, and 3 / 4 = 75.
        Assert.Equal(3.0, Cell(_h, "FOS-6.A", "2026").Value);
        Assert.Equal(75.0, Cell(_h, "FOS-6.B", "2026").Value);
    }

    // ---- A items and text items answered by an officer ----

    [Fact]
    public void Officer_given_numbers_are_the_value_of_the_A_items()
    {
        // fos_items of the 2025 assessment; FOS-12.B from the aggregates file.
        (string Code, double Value)[] expected =
        [
            ("FOS-2.A", 412), ("FOS-6.C", 4), ("FOS-8.B", 800), ("FOS-11.A", 6), ("FOS-11.B", 3), ("FOS-12.A", 9), ("FOS-12.B", 5),
            ("FOS-13.A", 4), ("FOS-13.B", 7),
        ];
        foreach ((string code, double value) in expected)
        {
            PublishedCell cell = Cell(_h, code, "2025");
            Assert.Equal((value, "wco"), (cell.Value, cell.Disclosure));
            Assert.StartsWith(code == "FOS-12.B" ? "A entered (aggregates.csv:2)" : "A entered (assessment.yaml:", cell.Note, StringComparison.Ordinal);
        }

        // 2024: Standard 2 is at level 3 at most, so the item is not asked (and not answered): no value, and the reason.
        PublishedCell none = Cell(_h, "FOS-2.A", "2024");
        Assert.Null(none.Value);
        Assert.StartsWith("not measurable: not asked: Standard 2 is at level 3 in 2024", none.Note, StringComparison.Ordinal);
        // FOS-6.C is asked in 2024 (Standard 6 at level 4) and answered in that year's file.
        Assert.Equal(3.0, Cell(_h, "FOS-6.C", "2024").Value);
    }

    [Fact]
    public void Officer_given_texts_are_published_as_value_text()
    {
        (string Code, string Text)[] expected =
        [
            ("FOS-2.B", "WCO Data Model 3.10"),
            ("FOS-3.A", "Risk profiles per postal and express channel"),
            ("FOS-7.A", "Vendor collection model for VAT; intermediary collection model for duties"),
            ("FOS-8.C", "No"),
            ("FOS-14.A", "Quarterly"),
            ("FOS-15.A", "Machine-learning classification of item descriptions"),
            ("FOS-15.B", "Blockchain pilot for tracking postal e-commerce consignments"),
        ];
        foreach ((string code, string text) in expected)
        {
            PublishedCell cell = Cell(_h, code, "2025");
            Assert.Equal((null, text, 1L, "wco"), (cell.Value, cell.ValueText, cell.N, cell.Disclosure));
            Assert.StartsWith(code == "FOS-15.B" ? "entered: aggregates.csv:3" : "entered: assessment.yaml:", cell.Note, StringComparison.Ordinal);
        }

        PublishedCell none = Cell(_h, "FOS-2.B", "2024");
        Assert.Equal((null, null), (none.Value, none.ValueText));
        Assert.StartsWith("not measurable: not asked: Standard 2 is at level 3 in 2024", none.Note, StringComparison.Ordinal);
    }

    /// <summary>A share item of 2025: value, A and B as published.</summary>
    private void AssertShare(string code, double value, long numerator, long denominator)
    {
        PublishedCell cell = Cell(_h, code, "2025");
        Assert.Equal((value, numerator, denominator, "wco"), (cell.Value, cell.Numerator, cell.Denominator, cell.Disclosure));
        Assert.Null(cell.Note);
    }
}
