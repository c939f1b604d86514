using static PmmEtl.EndToEnd.Tests.Kpis.AreaIAndIIKpiCells;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// Area I beyond the declaration fact (K01, K02, K03, K07, K08, K09, K11), each through a real run on DuckDB with a
/// handful of records whose value is worked out by hand next to its assert. K04–K06 and K10–K14 are measured from the
/// declaration fact and tested in <see cref="FixturePipelineTests"/>.
/// </summary>
public sealed class AreaIKpiTests
{
    [Fact]
    public void K01_scores_the_nine_criteria_including_the_unlettered_ninth_and_says_when_a_year_has_no_answers()
    {
        // 2025: yes to A, B, D, F, H and I (the ninth criterion, whose letter was lost in extraction), no to C, E, G.
        // A dated record of 2024 makes 2024 a measured year, without answers.
        using PipelineHarness h = new RegisterFixture()
            .Add("information_request", ("query_id", "Q1"), ("received_on", "2024-05-01"), ("channel", "PHONE"))
            .Assessment("""
                year: 2025
                checklists:
                  K01: { A: yes, B: yes, C: no, D: yes, E: no, F: yes, G: no, H: yes, I: yes }
                """)
            .Build("K01");
        h.Run();

        // 6 yes of 9 items: 6 / 9 × 100 = 66.666… → 66.67.
        Cell y2025 = h.Row("K01", "2025");
        Assert.Equal(66.67, y2025.Value);
        Assert.Equal((9L, 6L, 9L), (y2025.N, y2025.Numerator!.Value, y2025.Denominator!.Value));
        Assert.Equal("wco", y2025.Disclosure);
        Assert.Equal("answered in assessment.yaml", y2025.Note);

        Cell y2024 = h.Row("K01", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal("not measurable: no self-assessment answers for K01 in 2024 (inputs.assessments)", y2024.Note);
    }

    [Fact]
    public void K02_counts_operators_valid_on_31_December_without_MRA_only_authorisations_by_operator_type()
    {
        // O1 holds two authorisations (IMPORTER since 2020, EXPORTER since May 2023); O2's ended on 30 Jun 2025;
        // O3's starts on 31 Dec 2025; O4's last valid day is 31 Dec 2025; O5 is recognised only through an MRA;
        // O6 (type-2 history) was suspended from 31 Dec 2024 to 31 Jan 2025.
        // The register is undated: declarations of 2018 and 2025 make those years measured.
        using PipelineHarness h = new RegisterFixture()
            .Add("aeo_authorisation", ("authorisation_id", "A1"), ("operator_id", "O1"), ("aeo_operator_type", "IMPORTER"), ("valid_from", "2020-01-01"), ("recognised_via_mra", 0))
            .Add("aeo_authorisation", ("authorisation_id", "A1b"), ("operator_id", "O1"), ("aeo_operator_type", "EXPORTER"), ("valid_from", "2023-05-01"), ("recognised_via_mra", 0))
            .Add("aeo_authorisation", ("authorisation_id", "A2"), ("operator_id", "O2"), ("aeo_operator_type", "CUSTOMS_BROKER"), ("valid_from", "2019-01-01"), ("valid_to", "2025-06-30"), ("recognised_via_mra", 0))
            .Add("aeo_authorisation", ("authorisation_id", "A3"), ("operator_id", "O3"), ("aeo_operator_type", "CARRIER"), ("valid_from", "2025-12-31"), ("recognised_via_mra", 0))
            .Add("aeo_authorisation", ("authorisation_id", "A4"), ("operator_id", "O4"), ("aeo_operator_type", "IMPORTER"), ("valid_from", "2022-01-01"), ("valid_to", "2025-12-31"), ("recognised_via_mra", 0))
            .Add("aeo_authorisation", ("authorisation_id", "A5"), ("operator_id", "O5"), ("aeo_operator_type", "IMPORTER"), ("valid_from", "2020-01-01"), ("recognised_via_mra", 1), ("issuing_country", "JP"))
            .Add("aeo_authorisation", ("authorisation_id", "A6"), ("operator_id", "O6"), ("aeo_operator_type", "WAREHOUSE_OPERATOR"), ("valid_from", "2018-01-01"), ("valid_to", "2024-12-30"), ("recognised_via_mra", 0))
            .Add("aeo_authorisation", ("authorisation_id", "A6"), ("operator_id", "O6"), ("aeo_operator_type", "WAREHOUSE_OPERATOR"), ("valid_from", "2025-02-01"), ("recognised_via_mra", 0))
            .Declarations(Declaration("Y18", "IMPORT", "2018-06-01"), Declaration("Y25", "IMPORT", "2025-06-01"))
            .Build("K02");
        h.Run();

        // A (31 Dec 2025) = {O1, O3, O4, O6} = 4; B (31 Dec 2024) = {O1, O2, O4} = 3 (O6 suspended, O5 MRA-only).
        // (4 − 3) / 3 × 100 = 33.33. N counts B's records in scope: the rows A1, A1b, A2, A4 valid on 31 Dec 2024 = 4.
        Cell total = h.Row("K02", "2025");
        Assert.Equal(33.33, total.Value);
        Assert.Equal((4L, 4L, 3L), (total.N, total.Numerator!.Value, total.Denominator!.Value));
        Assert.Equal(("%", "public"), (total.Unit, total.Disclosure));
        Assert.Null(total.Note);

        // By operator type an operator counts once under each of its types (O1 under IMPORTER and EXPORTER).
        Assert.Equal(["CARRIER", "CUSTOMS_BROKER", "EXPORTER", "IMPORTER", "WAREHOUSE_OPERATOR"], h.BreakdownValues("K02", "2025", "operator_type"));
        // IMPORTER: A = {O1, O4}, B = {O1, O4} (O5 left out) → 0.
        Cell importer = h.Row("K02", "2025", "operator_type", "IMPORTER");
        Assert.Equal((0.0, 2L, 2L, "public"), (importer.Value!.Value, importer.Numerator!.Value, importer.Denominator!.Value, importer.Disclosure));
        // EXPORTER: A = {O1}, B = {O1} → 0.
        Assert.Equal(0, h.Row("K02", "2025", "operator_type", "EXPORTER").Value);
        // CUSTOMS_BROKER: A = 0 (O2 ended in June), B = {O2} → (0 − 1) / 1 × 100 = −100.
        Assert.Equal(-100, h.Row("K02", "2025", "operator_type", "CUSTOMS_BROKER").Value);
        // CARRIER and WAREHOUSE_OPERATOR: A = 1, B = 0 → no value: no programme a year earlier.
        foreach (string type in new[] { "CARRIER", "WAREHOUSE_OPERATOR" })
        {
            Cell noPrior = h.Row("K02", "2025", "operator_type", type);
            Assert.Null(noPrior.Value);
            Assert.Equal((1L, 0L), (noPrior.Numerator!.Value, noPrior.Denominator!.Value));
            Assert.Equal("not measurable: B = 0 in year t−1 (operators with a valid national AEO authorisation on 31 December of year t−1)", noPrior.Note);
        }

        // 2018: A (31 Dec 2018) = {O6} = 1; B (31 Dec 2017) = 0 → no value, with the reason.
        Cell y2018 = h.Row("K02", "2018");
        Assert.Null(y2018.Value);
        Assert.Equal((1L, 0L), (y2018.Numerator!.Value, y2018.Denominator!.Value));
        Assert.Equal("not measurable: B = 0 in year t−1 (operators with a valid national AEO authorisation on 31 December of year t−1)", y2018.Note);
    }

    [Fact]
    public void K03_sums_USD_statistical_value_of_import_and_export_declarations_with_an_AEO_leaving_transit_out()
    {
        // 2025: DA1 import with an AEO 1 000 USD; DA2 export with an AEO 400 EUR = 500 USD at 1.25; DA3 import without
        // 2 000 USD; DA4 export without 500 USD; DA5 transit with an AEO 10 000 USD (not trade for K03).
        // 2024: only a transit declaration.
        using PipelineHarness h = new RegisterFixture()
            .Add("declaration_amount", ("declaration_id", "DA1"), ("business_date", "2025-02-01"), ("office_code", "NYC"), ("direction", "IMPORT"), ("aeo_involved", 1), ("statistical_value", 1000), ("currency", "USD"))
            .Add("declaration_amount", ("declaration_id", "DA2"), ("business_date", "2025-03-01"), ("office_code", "NYC"), ("direction", "EXPORT"), ("aeo_involved", 1), ("statistical_value", 400), ("currency", "EUR"))
            .Add("declaration_amount", ("declaration_id", "DA3"), ("business_date", "2025-04-01"), ("office_code", "ORD"), ("direction", "IMPORT"), ("aeo_involved", 0), ("statistical_value", 2000), ("currency", "USD"))
            .Add("declaration_amount", ("declaration_id", "DA4"), ("business_date", "2025-05-01"), ("office_code", "NYC"), ("direction", "EXPORT"), ("aeo_involved", 0), ("statistical_value", 500), ("currency", "USD"))
            .Add("declaration_amount", ("declaration_id", "DA5"), ("business_date", "2025-06-01"), ("office_code", "NYC"), ("direction", "TRANSIT"), ("aeo_involved", 1), ("statistical_value", 10000), ("currency", "USD"))
            .Add("declaration_amount", ("declaration_id", "DA6"), ("business_date", "2024-06-01"), ("office_code", "NYC"), ("direction", "TRANSIT"), ("aeo_involved", 0), ("statistical_value", 300), ("currency", "USD"))
            .Yaml("currency:\n  usd_rates: { USD: 1.0, EUR: 1.25 }")
            .Build("K03");
        h.Run();

        // A = 1 000 + 500 = 1 500; B = 1 000 + 500 + 2 000 + 500 = 4 000 → 37.5. N = 4 declarations behind B.
        Cell total = h.Row("K03", "2025");
        Assert.Equal(37.5, total.Value);
        Assert.Equal((4L, 1500L, 4000L), (total.N, total.Numerator!.Value, total.Denominator!.Value));
        Assert.Equal("wco", total.Disclosure);

        // Direction: IMPORT 1 000 / 3 000 = 33.33; EXPORT 500 / 1 000 = 50; no transit row.
        Assert.Equal(["EXPORT", "IMPORT"], h.BreakdownValues("K03", "2025", "direction"));
        Cell import = h.Row("K03", "2025", "direction", "IMPORT");
        Assert.Equal((33.33, 1000L, 3000L, "wco"), (import.Value!.Value, import.Numerator!.Value, import.Denominator!.Value, import.Disclosure));
        Assert.Equal(50, h.Row("K03", "2025", "direction", "EXPORT").Value);

        // 2024 has transit only: B has no declaration in scope.
        Cell y2024 = h.Row("K03", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal("not measurable: no records for B (statistical value in USD of all import and export declarations)", y2024.Note);
    }

    [Fact]
    public void K07_counts_physically_inspected_air_arrivals_whatever_their_channel_and_an_entered_B_overrides_the_records()
    {
        using PipelineHarness h = new RegisterFixture()
            // 2025 at the representative airport.
            .Add("passenger_control", ("record_id", "P1"), ("control_date", "2025-03-01"), ("office_code", "LAX"), ("flow", "ARRIVAL"), ("mode_of_transport", "AIR"), ("channel", "GREEN"), ("physically_inspected", 1))
            .Add("passenger_control", ("record_id", "P2"), ("control_date", "2025-03-01"), ("office_code", "LAX"), ("flow", "ARRIVAL"), ("mode_of_transport", "AIR"), ("channel", "RED"), ("physically_inspected", 0))
            .Add("passenger_control", ("record_id", "P3"), ("control_date", "2025-07-01"), ("office_code", "LAX"), ("flow", "ARRIVAL"), ("mode_of_transport", "AIR"), ("channel", "RED"), ("physically_inspected", 1))
            .Add("passenger_control", ("record_id", "P4"), ("control_date", "2025-12-31"), ("office_code", "LAX"), ("flow", "ARRIVAL"), ("mode_of_transport", "AIR"), ("channel", "GREEN"), ("physically_inspected", 0))
            .Add("passenger_control", ("record_id", "P5"), ("control_date", "2025-03-02"), ("office_code", "LAX"), ("flow", "DEPARTURE"), ("mode_of_transport", "AIR"), ("channel", "RED"), ("physically_inspected", 1))
            .Add("passenger_control", ("record_id", "P6"), ("control_date", "2025-03-02"), ("office_code", "NYC"), ("flow", "ARRIVAL"), ("mode_of_transport", "SEA"), ("channel", "RED"), ("physically_inspected", 1))
            // 2024: one inspected arrival recorded; B is entered from the airport's statistics.
            .Add("passenger_control", ("record_id", "P7"), ("control_date", "2024-05-01"), ("office_code", "LAX"), ("flow", "ARRIVAL"), ("mode_of_transport", "AIR"), ("channel", "GREEN"), ("physically_inspected", 1))
            // 2023: a departure only.
            .Add("passenger_control", ("record_id", "P8"), ("control_date", "2023-05-01"), ("office_code", "LAX"), ("flow", "DEPARTURE"), ("mode_of_transport", "AIR"), ("channel", "GREEN"), ("physically_inspected", 0))
            .Aggregates("""
                kpi,variable,period,value,entered_by
                K07,B,2024,40,airport statistics
                """)
            .Build("K07");
        h.Run();

        // A = P1 (green, searched) + P3 (red, searched) = 2; B = air arrivals P1–P4 = 4 (P2 red but waved through is in B
        // only; P5 departs, P6 arrives by sea) → 2 / 4 × 100 = 50.
        Cell y2025 = h.Row("K07", "2025");
        Assert.Equal(50, y2025.Value);
        Assert.Equal((4L, 2L, 4L), (y2025.N, y2025.Numerator!.Value, y2025.Denominator!.Value));
        Assert.Equal("national", y2025.Disclosure);

        // 2024: A = P7 = 1 from records, B = 40 entered (the record count, 1, is overridden) → 1 / 40 × 100 = 2.5.
        Cell y2024 = h.Row("K07", "2024");
        Assert.Equal(2.5, y2024.Value);
        Assert.Equal((1L, 40L), (y2024.Numerator!.Value, y2024.Denominator!.Value));
        Assert.Equal("B entered (aggregates.csv:2)", y2024.Note);

        // 2023: no air arrival → B = 0.
        Cell y2023 = h.Row("K07", "2023");
        Assert.Null(y2023.Value);
        Assert.Equal("not measurable: B = 0 (all arriving air passengers)", y2023.Note);
    }

    [Fact]
    public void K08_is_the_number_of_published_commitments_with_the_share_of_external_services_as_a_labelled_variant_and_entered_years()
    {
        // The inventory: S1 and S4 external with a published commitment; S2 external without; S5 external with a
        // commitment approved only internally (not published); S3 internal with a published commitment (never counts).
        // 2024 is entered from that year's inventory; 2023 has only B entered, as 0.
        using PipelineHarness h = new RegisterFixture()
            .Add("service", ("service_id", "S1"), ("name", "Advance ruling"), ("external", 1), ("published_commitment", 1), ("publication_url", "https://customs.example/charter"))
            .Add("service", ("service_id", "S2"), ("name", "Refund"), ("external", 1), ("published_commitment", 0))
            .Add("service", ("service_id", "S3"), ("name", "Staff payroll"), ("external", 0), ("published_commitment", 1))
            .Add("service", ("service_id", "S4"), ("name", "AEO application"), ("external", 1), ("published_commitment", 1))
            .Add("service", ("service_id", "S5"), ("name", "Licence renewal"), ("external", 1), ("published_commitment", 0))
            .Declarations(Declaration("Y25", "IMPORT", "2025-06-01"))
            .Aggregates("""
                kpi,variable,period,value
                K08,A,2024,3
                K08,B,2024,4
                K08,B,2023,0
                """)
            .Build("K08");
        h.Run();

        // 2025 from the inventory: the KPI is the count A = {S1, S4} = 2 published commitments (the seed: "measures the
        // number of published service commitments"); a count is its own value, so no numerator or denominator.
        Cell y2025 = h.Row("K08", "2025");
        Assert.Equal((2.0, 2L, "service commitments", "public"), (y2025.Value!.Value, y2025.N, y2025.Unit, y2025.Disclosure));
        Assert.Equal(((long?)null, (long?)null), (y2025.Numerator, y2025.Denominator));
        Assert.Null(y2025.Note);
        // The share of external services with one, not printed, is a labelled variant: B = {S1, S2, S4, S5} = 4 → 50 %.
        Cell share = h.Row("K08", "2025", variant: "share_of_services");
        Assert.Equal((50.0, 2L, 4L, "%"), (share.Value!.Value, share.Numerator!.Value, share.Denominator!.Value, share.Unit));
        Assert.StartsWith("Not printed: A / B × 100", share.Note);
        Assert.Empty(h.Query("SELECT 1 FROM fact_kpi_value WHERE kpi_code = 'K08' AND variant = 'as_printed'"));

        // 2024 entered: A = 3 replaces the inventory's 2; the share reads the entered B = 4 too → 75.
        Cell y2024 = h.Row("K08", "2024");
        Assert.Equal((3.0, "A entered (aggregates.csv:2)"), (y2024.Value!.Value, y2024.Note));
        Cell share2024 = h.Row("K08", "2024", variant: "share_of_services");
        Assert.Equal((75.0, 3L, 4L), (share2024.Value!.Value, share2024.Numerator!.Value, share2024.Denominator!.Value));
        Assert.StartsWith("A entered (aggregates.csv:2); B entered (aggregates.csv:3); Not printed", share2024.Note);

        // 2023: the count comes from the inventory (2); only the share has B entered as 0 → no value.
        Assert.Equal(2, h.Row("K08", "2023").Value);
        Cell share2023 = h.Row("K08", "2023", variant: "share_of_services");
        Assert.Null(share2023.Value);
        Assert.StartsWith("not measurable: B = 0 (external services in the inventory); B entered (aggregates.csv:4)", share2023.Note);
    }

    [Fact]
    public void K09_averages_each_services_share_within_standard_over_requests_completed_in_the_year()
    {
        // SV1 (standard 5 days): R1 done in 4 days (within), R2 in 10 (late), R3 in exactly 5 (within), R4 still open
        // (already late, not counted). SV2: R5 received in Dec 2024, done in 5 days of its 10 in Jan 2025 (counts in
        // 2025); R6 completed in 2026 (not in 2025).
        using PipelineHarness h = new RegisterFixture()
            .Add("service_request", ("request_id", "R1"), ("service_id", "SV1"), ("received_on", "2025-01-01"), ("completed_on", "2025-01-05"), ("standard_days", 5))
            .Add("service_request", ("request_id", "R2"), ("service_id", "SV1"), ("received_on", "2025-02-01"), ("completed_on", "2025-02-11"), ("standard_days", 5))
            .Add("service_request", ("request_id", "R3"), ("service_id", "SV1"), ("received_on", "2025-03-01"), ("completed_on", "2025-03-06"), ("standard_days", 5))
            .Add("service_request", ("request_id", "R4"), ("service_id", "SV1"), ("received_on", "2025-12-01"), ("standard_days", 5))
            .Add("service_request", ("request_id", "R5"), ("service_id", "SV2"), ("received_on", "2024-12-28"), ("completed_on", "2025-01-02"), ("standard_days", 10))
            .Add("service_request", ("request_id", "R6"), ("service_id", "SV2"), ("received_on", "2025-05-01"), ("completed_on", "2026-01-10"), ("standard_days", 30))
            .Build("K09");
        h.Run();

        // SV1: 2 of 3 completed within standard; SV2: 1 of 1. Unweighted mean (2/3 + 1) / 2 = 0.8333… → 83.33
        // (weighting by requests would give 3 / 4 = 75). N = 2 services.
        Cell y2025 = h.Row("K09", "2025");
        Assert.Equal(83.33, y2025.Value);
        Assert.Equal((2L, "%", "public"), (y2025.N, y2025.Unit, y2025.Disclosure));

        // 2024 (R5 was received then) has no request completed in it.
        Cell y2024 = h.Row("K09", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal(0, y2024.N);
        Assert.Equal("not measurable: no records in scope (N = 0)", y2024.Note);
    }

    [Fact]
    public void K11_is_entered_only_and_names_what_is_missing()
    {
        using PipelineHarness h = new RegisterFixture()
            .Aggregates("""
                kpi,variable,period,value,note
                K11,A,2025,3,"import, export, cargo at level IP; transit at level M"
                K11,B,2025,4,
                K11,A,2024,2,
                K11,A,2023,0,
                K11,B,2023,0,
                """)
            .Build("K11");
        h.Run();

        // 2025: 3 of 4 declaration types standardised → 75. Nothing comes from records (N = 0).
        Cell y2025 = h.Row("K11", "2025");
        Assert.Equal(75, y2025.Value);
        Assert.Equal((0L, 3L, 4L, "public"), (y2025.N, y2025.Numerator!.Value, y2025.Denominator!.Value, y2025.Disclosure));
        Assert.Equal("A entered (aggregates.csv:2); B entered (aggregates.csv:3)", y2025.Note);

        // 2024: A entered, B not.
        Cell y2024 = h.Row("K11", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal("not measurable: B (declaration types in use: import, export, transit, cargo declaration (normally 4)) is entered by an officer and no value was given for 2024 (inputs.aggregates)", y2024.Note);

        // 2023: B entered as 0.
        Cell y2023 = h.Row("K11", "2023");
        Assert.Null(y2023.Value);
        Assert.Equal("not measurable: B = 0 (declaration types in use: import, export, transit, cargo declaration (normally 4)); A entered (aggregates.csv:5); B entered (aggregates.csv:6)", y2023.Note);
    }
}
