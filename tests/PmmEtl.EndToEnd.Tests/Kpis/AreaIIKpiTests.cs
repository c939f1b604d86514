using static PmmEtl.EndToEnd.Tests.Kpis.AreaIAndIIKpiCells;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// Area II, revenue collection (K15–K20), each through a real run on DuckDB with a handful of records whose value is
/// worked out by hand next to its assert. Import and goods declarations come from the fixture's declaration table.
/// </summary>
public sealed class AreaIIKpiTests
{
    [Fact]
    public void K15_counts_classification_rulings_valid_in_the_year_revoked_ones_until_the_day_before_and_the_flow_as_a_variant()
    {
        // Rulings (undated register): valid_until is the earlier of valid_to and the day before revocation.
        using PipelineHarness h = new RegisterFixture()
            // R1: issued 2023, valid to April 2026 → in force throughout 2025.
            .Add("binding_ruling", ("ruling_id", "R1"), ("ruling_type", "CLASSIFICATION"), ("hs_code", "8471.30"), ("issued_on", "2023-05-01"), ("valid_from", "2023-05-01"), ("valid_to", "2026-04-30"))
            // R2: issued and valid from March 2025.
            .Add("binding_ruling", ("ruling_id", "R2"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2025-03-01"), ("valid_from", "2025-03-01"), ("valid_to", "2028-02-28"))
            // R3: expired on 31 Dec 2024.
            .Add("binding_ruling", ("ruling_id", "R3"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2022-01-01"), ("valid_from", "2022-01-01"), ("valid_to", "2024-12-31"))
            // R4: revoked on 1 Jan 2025 → last valid day 31 Dec 2024.
            .Add("binding_ruling", ("ruling_id", "R4"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2024-02-01"), ("valid_from", "2024-02-01"), ("valid_to", "2027-01-31"), ("revoked_on", "2025-01-01"))
            // R5: revoked on 2 Jan 2025 → valid on 1 Jan 2025 only, which is enough.
            .Add("binding_ruling", ("ruling_id", "R5"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2024-06-01"), ("valid_from", "2024-06-01"), ("valid_to", "2027-05-31"), ("revoked_on", "2025-01-02"))
            // R6: an origin ruling, never counted.
            .Add("binding_ruling", ("ruling_id", "R6"), ("ruling_type", "ORIGIN"), ("issued_on", "2025-04-01"), ("valid_from", "2025-04-01"), ("valid_to", "2028-03-31"))
            // R7: issued in October to apply from 1 Nov 2025, revoked on that day → never valid.
            .Add("binding_ruling", ("ruling_id", "R7"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2025-10-01"), ("valid_from", "2025-11-01"), ("valid_to", "2028-10-31"), ("revoked_on", "2025-11-01"))
            // R8: issued in December 2025, valid from 2026 → not valid in 2025.
            .Add("binding_ruling", ("ruling_id", "R8"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2025-12-15"), ("valid_from", "2026-01-01"), ("valid_to", "2028-12-31"))
            // R9: issued in June 2025 without an end date.
            .Add("binding_ruling", ("ruling_id", "R9"), ("ruling_type", "CLASSIFICATION"), ("issued_on", "2025-06-01"), ("valid_from", "2025-06-01"))
            .Declarations(
                // 2025: five imports; an export, a transit and an inward cargo manifest are not import declarations.
                Declaration("I1", "IMPORT", "2025-01-10"), Declaration("I2", "IMPORT", "2025-03-10"), Declaration("I3", "IMPORT", "2025-06-10"),
                Declaration("I4", "IMPORT", "2025-09-10"), Declaration("I5", "IMPORT", "2025-12-31"),
                Declaration("E1", "EXPORT", "2025-02-10"), Declaration("T1", "TRANSIT", "2025-02-11"), Declaration("G1", "CARGO", "2025-02-12"),
                // 2024: an export only.
                Declaration("E2", "EXPORT", "2024-08-01"))
            .Build("K15");
        h.Run();

        // Stock 2025: R1, R2, R5, R9 = 4 (R3 expired, R4 revoked before 2025, R6 origin, R7 never valid, R8 from 2026);
        // B = I1–I5 = 5 → 4 / 5 × 100 = 80.
        Cell stock = h.Row("K15", "2025");
        Assert.Equal(80, stock.Value);
        Assert.Equal((5L, 4L, 5L, "public"), (stock.N, stock.Numerator!.Value, stock.Denominator!.Value, stock.Disclosure));
        Assert.Null(stock.Note);

        // Flow 2025 (issued in 2025 and valid at some time in it): R2, R9 = 2 (R7 never valid, R8 valid from 2026) → 40.
        Cell flow = h.Row("K15", "2025", variant: "issued_in_year");
        Assert.Equal(40, flow.Value);
        Assert.Equal((2L, 5L), (flow.Numerator!.Value, flow.Denominator!.Value));
        Assert.StartsWith("A = classification rulings issued in the year", flow.Note);

        // No breakdown: the PMM has none.
        Assert.Equal(["2024 total issued_in_year", "2024 total pmm", "2025 total issued_in_year", "2025 total pmm"], h.Cells("K15"));

        // 2024: stock R1, R3, R4, R5 = 4, but no import declaration → no value, with the reason.
        Cell y2024 = h.Row("K15", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal((4L, 0L), (y2024.Numerator!.Value, y2024.Denominator!.Value));
        Assert.Equal("not measurable: B = 0 (import declarations lodged in the period)", y2024.Note);
        Assert.StartsWith("not measurable: B = 0 (import declarations lodged in the period); A = classification rulings issued", h.Row("K15", "2024", variant: "issued_in_year").Note);
    }

    [Fact]
    public void K16_counts_classification_violations_not_found_by_PCA_over_goods_declarations_by_quarter_and_year()
    {
        using PipelineHarness h = new RegisterFixture()
            // Q1: V1 and V6 (on 31 March) count; V2 was found by PCA.
            .Add("violation", ("violation_id", "V1"), ("detected_on", "2025-02-10"), ("violation_type", "CLASSIFICATION"), ("detection_source", "PRE_RELEASE"), ("hs_chapter", "84"))
            .Add("violation", ("violation_id", "V2"), ("detected_on", "2025-02-20"), ("violation_type", "CLASSIFICATION"), ("detection_source", "PCA"), ("hs_chapter", "84"))
            .Add("violation", ("violation_id", "V6"), ("detected_on", "2025-03-31"), ("violation_type", "CLASSIFICATION"), ("detection_source", "PRE_RELEASE"), ("hs_chapter", "84"))
            // Q2: V3 found by another post-clearance control counts; V4 is a valuation violation.
            .Add("violation", ("violation_id", "V3"), ("detected_on", "2025-05-05"), ("violation_type", "CLASSIFICATION"), ("detection_source", "OTHER_POST_CLEARANCE"), ("hs_chapter", "61"))
            .Add("violation", ("violation_id", "V4"), ("detected_on", "2025-05-06"), ("violation_type", "VALUATION"), ("detection_source", "PRE_RELEASE"), ("hs_chapter", "61"))
            // Q3: V7, in a quarter without declarations.
            .Add("violation", ("violation_id", "V7"), ("detected_on", "2025-08-01"), ("violation_type", "CLASSIFICATION"), ("detection_source", "PRE_RELEASE"), ("hs_chapter", "39"))
            // Q4: V5, without an HS chapter.
            .Add("violation", ("violation_id", "V5"), ("detected_on", "2025-10-15"), ("violation_type", "CLASSIFICATION"), ("detection_source", "OTHER"))
            .Declarations(
                // Q1: import, export, transit = 3 (the cargo manifest is left out).
                Declaration("I1", "IMPORT", "2025-01-10"), Declaration("E1", "EXPORT", "2025-02-01"), Declaration("T1", "TRANSIT", "2025-03-31"),
                Declaration("G1", "CARGO", "2025-03-15"),
                // Q2: 2; Q3: none; Q4: 2.
                Declaration("I2", "IMPORT", "2025-04-01"), Declaration("E2", "EXPORT", "2025-06-30"),
                Declaration("I3", "IMPORT", "2025-10-01"), Declaration("I4", "IMPORT", "2025-12-31"))
            .Build("K16");
        h.Run();

        // Q1: A = V1, V6 = 2; B = 3 → 66.67.
        Cell q1 = h.Row("K16", "2025-Q1");
        Assert.Equal(66.67, q1.Value);
        Assert.Equal((3L, 2L, 3L, "wco"), (q1.N, q1.Numerator!.Value, q1.Denominator!.Value, q1.Disclosure));
        // Q2: A = V3 = 1; B = 2 → 50.
        Assert.Equal(50, h.Row("K16", "2025-Q2").Value);
        // Q3: A = V7 = 1, but no declaration at all in the quarter: B is not known to be 0, so there is no value.
        Cell q3 = h.Row("K16", "2025-Q3");
        Assert.Null(q3.Value);
        Assert.Equal(((long?)null, (long?)null), (q3.Numerator, q3.Denominator));
        Assert.Equal("not measurable: no declaration records for 2025-Q3 and no entered value", q3.Note);
        // Q4: A = V5 = 1; B = 2 → 50.
        Assert.Equal(50, h.Row("K16", "2025-Q4").Value);

        // Year: A = 5, B = 3 + 2 + 0 + 2 = 7 → 71.43 (a year is not the mean of its quarters).
        Cell year = h.Row("K16", "2025");
        Assert.Equal(71.43, year.Value);
        Assert.Equal((7L, 5L, 7L), (year.N, year.Numerator!.Value, year.Denominator!.Value));

        // Detection source (national): only A is split; B stays 7. PRE_RELEASE V1, V6, V7 = 3 → 42.86; the others 1 → 14.29.
        // No PCA row: PCA findings are not in A.
        Assert.Equal(["OTHER", "OTHER_POST_CLEARANCE", "PRE_RELEASE"], h.BreakdownValues("K16", "2025", "detection_source"));
        Cell preRelease = h.Row("K16", "2025", "detection_source", "PRE_RELEASE");
        Assert.Equal((42.86, 3L, 7L, "national"), (preRelease.Value!.Value, preRelease.Numerator!.Value, preRelease.Denominator!.Value, preRelease.Disclosure));
        Assert.Equal(14.29, h.Row("K16", "2025", "detection_source", "OTHER_POST_CLEARANCE").Value);

        // HS chapter (national): 84 = V1, V6 → 2 / 7 = 28.57; 61, 39 and the unknown chapter of V5 → 1 / 7 = 14.29 each.
        Assert.Equal(["39", "61", "84", "UNKNOWN"], h.BreakdownValues("K16", "2025", "hs_chapter"));
        Assert.Equal(28.57, h.Row("K16", "2025", "hs_chapter", "84").Value);
        Assert.Equal(14.29, h.Row("K16", "2025", "hs_chapter", "UNKNOWN").Value);
        // By quarter too: Q1 chapter 84 = 2 / 3 (V2 by PCA left out) → 66.67.
        Assert.Equal(66.67, h.Row("K16", "2025-Q1", "hs_chapter", "84").Value);
    }

    [Fact]
    public void K17_counts_distinct_importers_charged_interest_over_distinct_active_importers()
    {
        using PipelineHarness h = new RegisterFixture()
            // TA is charged twice (late, paid; short, still owing); TE on an earlier year's declaration without importing
            // in 2025; TB's charge is dated 31 Dec 2024.
            .Add("interest_charge", ("charge_id", "C1"), ("assessed_on", "2025-03-01"), ("importer_id", "TA"), ("paid_on", "2025-03-20"), ("amount", 12.5), ("currency", "USD"), ("reason", "LATE"))
            .Add("interest_charge", ("charge_id", "C2"), ("assessed_on", "2025-06-01"), ("importer_id", "TA"), ("amount", 40), ("currency", "USD"), ("reason", "SHORT"))
            .Add("interest_charge", ("charge_id", "C3"), ("assessed_on", "2025-04-01"), ("importer_id", "TE"), ("declaration_id", "OLD-2023"), ("reason", "SHORT"))
            .Add("interest_charge", ("charge_id", "C4"), ("assessed_on", "2024-12-31"), ("importer_id", "TB"), ("reason", "LATE"))
            .Declarations(
                // Importers of 2025: TA twice, TB, TD; TC only exports.
                Declaration("I1", "IMPORT", "2025-01-10", "TA"), Declaration("I2", "IMPORT", "2025-05-10", "TA"),
                Declaration("I3", "IMPORT", "2025-06-01", "TB"), Declaration("I4", "IMPORT", "2025-07-01", "TD"),
                Declaration("E1", "EXPORT", "2025-03-01", "TC"))
            .Build("K17");
        h.Run();

        // A = {TA, TE} = 2 (TA once, paid or not); B = {TA, TB, TD} = 3 → 66.67. N = the 4 import declarations behind B.
        Cell y2025 = h.Row("K17", "2025");
        Assert.Equal(66.67, y2025.Value);
        Assert.Equal((4L, 2L, 3L, "public"), (y2025.N, y2025.Numerator!.Value, y2025.Denominator!.Value, y2025.Disclosure));

        // 2024: A = {TB}, but nobody imported → no value.
        Cell y2024 = h.Row("K17", "2024");
        // 2024: interest was charged, but no declaration of 2024 is loaded: B is unknown, not 0.
        Assert.Null(y2024.Value);
        Assert.Equal(((long?)null, (long?)null), (y2024.Numerator, y2024.Denominator));
        Assert.Equal("not measurable: no declaration records for 2024 and no entered value", y2024.Note);
    }

    [Fact]
    public void K18_counts_cases_not_fines_on_import_declarations_once_in_each_year_a_fine_was_imposed()
    {
        using PipelineHarness h = new RegisterFixture()
            // Case K1: two fines in 2025. Case K2: one fine in 2024 and one in 2025. K3–K5: export, passenger, transit fines.
            .Add("fine", ("fine_id", "F1"), ("case_id", "K1"), ("imposed_on", "2025-02-01"), ("declaration_direction", "IMPORT"), ("declaration_id", "I1"), ("amount", 500), ("currency", "USD"))
            .Add("fine", ("fine_id", "F2"), ("case_id", "K1"), ("imposed_on", "2025-05-01"), ("declaration_direction", "IMPORT"), ("declaration_id", "I1"), ("amount", 250), ("currency", "USD"))
            .Add("fine", ("fine_id", "F3"), ("case_id", "K2"), ("imposed_on", "2024-11-01"), ("declaration_direction", "IMPORT"))
            .Add("fine", ("fine_id", "F4"), ("case_id", "K2"), ("imposed_on", "2025-01-15"), ("declaration_direction", "IMPORT"))
            .Add("fine", ("fine_id", "F5"), ("case_id", "K3"), ("imposed_on", "2025-03-01"), ("declaration_direction", "EXPORT"))
            .Add("fine", ("fine_id", "F6"), ("case_id", "K4"), ("imposed_on", "2025-03-02"), ("declaration_direction", "PASSENGER"))
            .Add("fine", ("fine_id", "F7"), ("case_id", "K5"), ("imposed_on", "2025-04-02"), ("declaration_direction", "TRANSIT"))
            .Declarations(
                Declaration("I1", "IMPORT", "2025-01-10"), Declaration("I2", "IMPORT", "2025-02-10"), Declaration("I3", "IMPORT", "2025-03-10"),
                Declaration("I4", "IMPORT", "2025-04-10"), Declaration("E1", "EXPORT", "2025-04-11"),
                Declaration("I5", "IMPORT", "2024-03-10"), Declaration("I6", "IMPORT", "2024-04-10"), Declaration("I7", "IMPORT", "2024-05-10"))
            .Build("K18");
        h.Run();

        // 2025: A = {K1, K2} = 2 (K1's two fines count once); B = 4 imports → 50.
        Cell y2025 = h.Row("K18", "2025");
        Assert.Equal(50, y2025.Value);
        Assert.Equal((4L, 2L, 4L, "public"), (y2025.N, y2025.Numerator!.Value, y2025.Denominator!.Value, y2025.Disclosure));

        // 2024: A = {K2} = 1; B = 3 imports → 33.33.
        Cell y2024 = h.Row("K18", "2024");
        Assert.Equal(33.33, y2024.Value);
        Assert.Equal((1L, 3L), (y2024.Numerator!.Value, y2024.Denominator!.Value));
    }

    [Fact]
    public void K19_divides_net_post_clearance_duty_by_the_three_year_mean_duty_and_needs_all_three_years()
    {
        using PipelineHarness h = new RegisterFixture()
            // Customs duty on declarations: 2025 = 1 000 USD + 160 EUR × 1.25 = 1 200; 2024 = 900; 2023 = 900; 2022 and 2021 none.
            .Add("declaration_amount", ("declaration_id", "DA1"), ("business_date", "2025-02-01"), ("office_code", "NYC"), ("direction", "IMPORT"), ("aeo_involved", 0), ("customs_duty", 1000), ("currency", "USD"))
            .Add("declaration_amount", ("declaration_id", "DA2"), ("business_date", "2025-08-01"), ("office_code", "NYC"), ("direction", "IMPORT"), ("aeo_involved", 1), ("customs_duty", 160), ("currency", "EUR"))
            .Add("declaration_amount", ("declaration_id", "DA3"), ("business_date", "2024-05-01"), ("office_code", "NYC"), ("direction", "IMPORT"), ("aeo_involved", 0), ("customs_duty", 900), ("currency", "USD"))
            .Add("declaration_amount", ("declaration_id", "DA4"), ("business_date", "2023-05-01"), ("office_code", "NYC"), ("direction", "IMPORT"), ("aeo_involved", 0), ("customs_duty", 900), ("currency", "USD"))
            // Post-clearance cases closed in 2025.
            .Add("pcc_case", ("case_id", "P1"), ("closed_on", "2025-03-01"), ("control_type", "PCA"), ("operator_aeo", 1), ("regime", "IMPORT"), ("has_findings", 1), ("duty_adjusted", 150), ("currency", "USD"), ("voluntary_adjustment", 0))
            .Add("pcc_case", ("case_id", "P2"), ("closed_on", "2025-04-01"), ("control_type", "OTHER"), ("operator_aeo", 0), ("regime", "IMPORT"), ("has_findings", 1), ("duty_adjusted", -30), ("currency", "USD"), ("voluntary_adjustment", 0))
            .Add("pcc_case", ("case_id", "P3"), ("closed_on", "2025-06-01"), ("control_type", "PCA"), ("operator_aeo", 0), ("regime", "EXPORT"), ("has_findings", 1), ("duty_adjusted", 80), ("currency", "EUR"), ("voluntary_adjustment", 0))
            .Add("pcc_case", ("case_id", "P4"), ("closed_on", "2025-07-01"), ("control_type", "OTHER"), ("operator_aeo", 0), ("regime", "IMPORT"), ("has_findings", 1), ("duty_adjusted", 500), ("currency", "USD"), ("voluntary_adjustment", 1))
            .Add("pcc_case", ("case_id", "P5"), ("closed_on", "2025-12-31"), ("control_type", "PCA"), ("operator_aeo", 1), ("regime", "IMPORT"), ("has_findings", 0), ("duty_adjusted", 0), ("currency", "USD"), ("voluntary_adjustment", 0))
            // Closed in 2024.
            .Add("pcc_case", ("case_id", "P7"), ("closed_on", "2024-09-01"), ("control_type", "OTHER"), ("operator_aeo", 0), ("regime", "IMPORT"), ("has_findings", 1), ("duty_adjusted", 45), ("currency", "USD"), ("voluntary_adjustment", 0))
            // Closed in 2026, a year without declaration amounts.
            .Add("pcc_case", ("case_id", "P6"), ("closed_on", "2026-01-05"), ("control_type", "PCA"), ("operator_aeo", 0), ("regime", "IMPORT"), ("has_findings", 1), ("duty_adjusted", 999), ("currency", "USD"), ("voluntary_adjustment", 0))
            // 2027: duty on a declaration, after a year (2026) without any.
            .Add("declaration_amount", ("declaration_id", "DA5"), ("business_date", "2027-03-01"), ("office_code", "NYC"), ("direction", "IMPORT"), ("aeo_involved", 0), ("customs_duty", 100), ("currency", "USD"))
            // The 2022 duty take, from the yearly statistics, entered once for the year it is about: it serves as B1 for
            // 2023 and as B2 for 2024 (B, B1 and B2 read one quantity in different years).
            .Aggregates("""
                kpi,variable,period,value
                K19,B,2022,900
                """)
            .Yaml("currency:\n  usd_rates: { USD: 1.0, EUR: 1.25 }")
            .Build("K19");
        h.Run();

        // A = P1 150 − P2 30 (a refund) + P3 80 EUR × 1.25 = 100 + P5 0 = 220; P4 is a voluntary adjustment.
        // Mean duty (1 200 + 900 + 900) / 3 = 1 000 → 220 / 1 000 × 100 = 22. N = the 2 declarations of 2025 behind B.
        Cell y2025 = h.Row("K19", "2025");
        Assert.Equal(22, y2025.Value);
        Assert.Equal((2L, 220L, "public"), (y2025.N, y2025.Numerator!.Value, y2025.Disclosure));
        Assert.Null(y2025.Note);

        // Only A is split; B stays the whole three-year mean, so the parts add up to 22.
        // AEO: YES = P1 150 + P5 0 → 15; NO = −30 + 100 → 7.
        Cell aeo = h.Row("K19", "2025", "aeo", "YES");
        Assert.Equal((15.0, 150L, "national"), (aeo.Value!.Value, aeo.Numerator!.Value, aeo.Disclosure));
        Assert.Equal(7, h.Row("K19", "2025", "aeo", "NO").Value);
        // Control type: PCA = 150 + 100 + 0 → 25; OTHER = −30 (P4 voluntary left out) → −3.
        Assert.Equal(25, h.Row("K19", "2025", "control_type", "PCA").Value);
        Cell other = h.Row("K19", "2025", "control_type", "OTHER");
        Assert.Equal((-3.0, -30L), (other.Value!.Value, other.Numerator!.Value));

        // 2024: 2022 has no declaration amounts, but its duty take is entered as B2: A = P7 45; mean (900 + 900 + 900) / 3
        // = 900 → 45 / 900 × 100 = 5.
        Cell y2024 = h.Row("K19", "2024");
        Assert.Equal(5, y2024.Value);
        Assert.Equal((45L, "B2 entered (aggregates.csv:2)"), (y2024.Numerator!.Value, y2024.Note));

        // A year whose records are missing is named: 2023 and 2027 close no post-clearance case (A); 2026 closes one, but
        // has no declaration amounts (B, year t). A period a record type does not cover is not a zero.
        Cell y2023 = h.Row("K19", "2023");
        Assert.Null(y2023.Value);
        Assert.Equal("not measurable: no pcc_case records for 2023 and no entered value", y2023.Note);
        // The harness's clock stands on 2026-01-15: 2027 (and 2026) had not ended, so they are provisional as well.
        Assert.Equal("not measurable: no pcc_case records for 2027 and no entered value; provisional: 2027 had not ended on the run's date (2026-01-15)", h.Row("K19", "2027").Note);
        Assert.Equal("not measurable: no declaration_amount records for 2026 and no entered value; provisional: 2026 had not ended on the run's date (2026-01-15)", h.Row("K19", "2026").Note);
        Assert.Null(h.Row("K19", "2026").Value);
    }

    [Fact]
    public void K20_divides_cases_closed_with_findings_by_cases_closed_in_the_year_by_regime_AEO_and_control_type()
    {
        using PipelineHarness h = new RegisterFixture()
            .Add("pcc_case", ("case_id", "P1"), ("closed_on", "2025-03-01"), ("control_type", "PCA"), ("operator_aeo", 1), ("regime", "IMPORT"), ("has_findings", 1), ("voluntary_adjustment", 0))
            .Add("pcc_case", ("case_id", "P2"), ("closed_on", "2025-04-01"), ("control_type", "OTHER"), ("operator_aeo", 0), ("regime", "IMPORT"), ("has_findings", 0), ("voluntary_adjustment", 0))
            .Add("pcc_case", ("case_id", "P3"), ("closed_on", "2025-06-01"), ("control_type", "PCA"), ("operator_aeo", 0), ("regime", "EXPORT"), ("has_findings", 1), ("voluntary_adjustment", 0))
            // A voluntary adjustment is left out of K19's amounts, not out of K20's cases.
            .Add("pcc_case", ("case_id", "P4"), ("closed_on", "2025-07-01"), ("control_type", "OTHER"), ("operator_aeo", 0), ("regime", "EXPORT"), ("has_findings", 1), ("voluntary_adjustment", 1))
            // Opened in 2024, closed in 2025: a 2025 case.
            .Add("pcc_case", ("case_id", "P5"), ("opened_on", "2024-10-01"), ("closed_on", "2025-01-20"), ("control_type", "PCA"), ("operator_aeo", 1), ("regime", "IMPORT"), ("has_findings", 0), ("voluntary_adjustment", 0))
            // Open at the end of 2025, closed in 2026.
            .Add("pcc_case", ("case_id", "P6"), ("opened_on", "2025-11-01"), ("closed_on", "2026-02-01"), ("control_type", "OTHER"), ("operator_aeo", 0), ("regime", "IMPORT"), ("has_findings", 1), ("voluntary_adjustment", 0))
            // A declaration makes 2024 a measured year: no case was closed in it.
            .Declarations(Declaration("I1", "IMPORT", "2024-06-01"))
            .Build("K20");
        h.Run();

        // 2025: A = P1, P3, P4 = 3; B = P1–P5 = 5 → 60.
        Cell y2025 = h.Row("K20", "2025");
        Assert.Equal(60, y2025.Value);
        Assert.Equal((5L, 3L, 5L, "public"), (y2025.N, y2025.Numerator!.Value, y2025.Denominator!.Value, y2025.Disclosure));

        // Regime: IMPORT A = P1, B = P1, P2, P5 → 33.33; EXPORT A = B = P3, P4 → 100.
        Cell import = h.Row("K20", "2025", "customs_regime", "IMPORT");
        Assert.Equal((33.33, 1L, 3L, "national"), (import.Value!.Value, import.Numerator!.Value, import.Denominator!.Value, import.Disclosure));
        Assert.Equal(100, h.Row("K20", "2025", "customs_regime", "EXPORT").Value);
        // AEO: YES A = P1, B = P1, P5 → 50; NO A = P3, P4, B = P2, P3, P4 → 66.67.
        Assert.Equal(50, h.Row("K20", "2025", "aeo", "YES").Value);
        Assert.Equal(66.67, h.Row("K20", "2025", "aeo", "NO").Value);
        // Control type: PCA A = P1, P3, B = P1, P3, P5 → 66.67; OTHER A = P4, B = P2, P4 → 50.
        Assert.Equal(66.67, h.Row("K20", "2025", "control_type", "PCA").Value);
        Assert.Equal(50, h.Row("K20", "2025", "control_type", "OTHER").Value);

        // 2026: P6 → 1 / 1 → 100.
        Assert.Equal(100, h.Row("K20", "2026").Value);

        // 2024: no case closed at all → no record covers the year: no value, not a 0.
        Cell y2024 = h.Row("K20", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal("not measurable: no pcc_case records for 2024 and no entered value", y2024.Note);
    }
}
