using Dapper;
using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// Sizes and shares of the registers in a 20,000-declaration source, with the arithmetic that gives each band. The
/// registers that follow declarations are checked against the declaration table itself.
/// </summary>
public sealed class RegisterVolumeTests(RegisterSource source) : IClassFixture<RegisterSource>
{
    private const int D = RegisterSource.Declarations;

    [Fact]
    public void About_three_shipments_per_declaration_most_of_them_e_commerce_parcels()
    {
        var shipments = source.Sound(RecordTypes.Shipment);

        // IM + EX are 80% of declarations. E-commerce share of them, by office weight: 0.25×0.06 + 0.20×0.50 +
        // 0.20×0.06 + 0.10×0.06 + 0.08×0.06 + 0.12×0.85 + 0.05×0.06 = 0.243, so 0.194 e-commerce and 0.606 ordinary
        // declarations per declaration. Ordinary ones bring one house bill, e-commerce ones 1–23 parcels (12 on
        // average): 0.606 + 0.194 × 12 = 2.94 shipments per declaration, 2.33 / 2.94 = 0.79 of them e-commerce.
        Assert.InRange(shipments.Count / (double)D, 2.6, 3.3);
        Assert.InRange(shipments.Count(s => s.Flag("ecommerce")) / (double)shipments.Count, 0.72, 0.86);
        Assert.Equal(["EXPORT", "IMPORT"], shipments.Select(s => s["direction"]!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_ordinary_import_or_export_declaration_has_one_house_bill_and_parcels_name_their_consolidation()
    {
        using var connection = Sources.Open(source.File);
        var declarations = connection.Query<(string Id, string Type, long Ecommerce)>(
            "SELECT declaration_id, declaration_type, ecommerce FROM declaration").ToLookup(d => d.Id);
        var shipments = source.Sound(RecordTypes.Shipment);

        var ordinary = shipments.Where(s => !s.Flag("ecommerce")).ToList();
        Assert.All(ordinary, s => Assert.Contains(declarations[s["declaration_id"]!], d => d.Type is "IM" or "EX" && d.Ecommerce == 0));
        Assert.Equal(ordinary.Count, ordinary.Select(s => s["declaration_id"]).Distinct().Count());
        // Parcels below the de minimis travel without a declaration of their own; the others name an e-commerce one.
        var parcels = shipments.Where(s => s.Flag("ecommerce")).ToList();
        Assert.All(parcels.Where(p => p["declaration_id"] is not null), p => Assert.Contains(declarations[p["declaration_id"]!], d => d.Ecommerce == 1));
        Assert.Contains(parcels, p => p["declaration_id"] is null && p["below_de_minimis"] == "1");
    }

    [Fact]
    public void Parcels_carry_the_e_commerce_facts_of_the_FoS()
    {
        var parcels = source.Sound(RecordTypes.Shipment).Where(s => s.Flag("ecommerce")).ToList();

        // Electronic data: 99% express, 82% postal (mode 5 at the LAX hub).
        Assert.InRange(parcels.Count(p => p.Flag("electronic_data")) / (double)parcels.Count, 0.85, 0.99);
        Assert.Contains(parcels, p => p["advance_data_at"] is not null && string.CompareOrdinal(p["advance_data_at"], p["arrival_at"]) < 0);
        Assert.Contains(parcels, p => p["advance_data_at"] is not null && string.CompareOrdinal(p["advance_data_at"], p["arrival_at"]) > 0);
        Assert.All(parcels.Where(p => p.Flag("immediate_release")), p => Assert.False(p.Flag("physical_exam") || p.Flag("nii")));
        Assert.All(parcels.Where(p => p.Flag("immediate_release")), p => Assert.Equal("LOW", p["risk_level"]));
        Assert.Contains(parcels, p => p.Flag("physical_exam") && p.Flag("nii"));
        Assert.Equal(["B2B", "B2C", "C2C"], parcels.Select(p => p["ecommerce_type"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["BUYER", "INTERMEDIARY", "NONE", "VENDOR"], parcels.Select(p => p["revenue_model"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(parcels, p => p.Flag("account_based_payment"));
        Assert.Contains(parcels, p => p.Flag("is_return") && p.Flag("return_account_based"));
        Assert.Contains(parcels, p => p.Flag("is_return") && !p.Flag("return_account_based"));
        Assert.All(parcels.Where(p => p["below_de_minimis"] == "1"), p => Assert.True(p.Number("declared_value") <= 800));
    }

    [Fact]
    public void Amounts_follow_every_import_and_export_declaration_once_mostly_in_USD()
    {
        using var connection = Sources.Open(source.File);
        var tradeDeclarations = connection.Query<string>("SELECT DISTINCT declaration_id FROM declaration WHERE declaration_type IN ('IM', 'EX')")
            .ToHashSet(StringComparer.Ordinal);
        var all = source.Register(RecordTypes.DeclarationAmount).Rows;
        // A defective copy has a suffixed number (-D0, -D1 …); everything else of the year is one row per declaration.
        var thisYear = all.Where(a => a["declaration_id"]!.StartsWith("25", StringComparison.Ordinal) && !a["declaration_id"]!.Contains("-D", StringComparison.Ordinal)).ToList();

        Assert.Equal(tradeDeclarations.Order(StringComparer.Ordinal), thisYear.Select(a => a["declaration_id"]!).Order(StringComparer.Ordinal));
        Assert.All(thisYear.Where(a => a["direction"] == "EXPORT"), a => Assert.Null(a["customs_duty"]));

        // Currency by office (Currencies.Pick): MXN 25% at Laredo (20% of declarations) = 5%; EUR 12% at the New York
        // seaport (25%) and 3% at the others (55%) = 4.65%; USD the remaining 90.35%.
        var sound = source.Sound(RecordTypes.DeclarationAmount);
        double Share(string currency) => sound.Count(a => a["currency"] == currency) / (double)sound.Count;
        Assert.InRange(Share("USD"), 0.87, 0.94);
        Assert.InRange(Share("EUR"), 0.03, 0.065);
        Assert.InRange(Share("MXN"), 0.035, 0.065);
        Assert.All(sound.Where(a => a["currency"] == "MXN"), a => Assert.Equal("USLRD1", a["office_code"]));
        Assert.InRange(sound.Count(a => a.Flag("aeo_involved")) / (double)sound.Count, 0.25, 0.45);
    }

    [Fact]
    public void Inspections_are_proportional_to_declarations_with_every_type_agency_and_selection()
    {
        var inspections = source.Sound(RecordTypes.Inspection);

        // Per declaration: red 10% × (1 + 0.25 × 0.3 scans followed by an examination) + yellow 20% documentary
        // + parcels 2.33 × ~6.4% examined (80/15/5% low/medium/high risk at 3/13/40%) + passengers 0.5 × 2.35%.
        // ≈ 0.108 + 0.20 + 0.15 + 0.012 = 0.47.
        Assert.InRange(inspections.Count / (double)D, 0.38, 0.56);
        Assert.Equal(["DOCUMENTARY", "NII", "PHYSICAL"], Distinct(inspections, "inspection_type"));
        Assert.Equal(["CUSTOMS", "JOINT", "OGA"], Distinct(inspections, "performed_by"));
        Assert.Equal(["OFFICER", "OTHER_LEA", "RANDOM", "RISK_PROFILE", "TIP"], Distinct(inspections, "selection_source"));
        Assert.Equal(["GOODS", "PASSENGER"], Distinct(inspections, "object_type"));
        var bySource = inspections.GroupBy(i => i["selection_source"]).OrderByDescending(g => g.Count()).First();
        Assert.Equal("RISK_PROFILE", bySource.Key);
        Assert.All(inspections.Where(i => i["object_type"] == "PASSENGER"), i => Assert.Equal(("USJFK1", "PHYSICAL"), (i["office_code"], i["inspection_type"])));
        Assert.All(inspections.Where(i => i["object_type"] == "GOODS"), i => Assert.True(i["declaration_id"] is not null || i["shipment_id"] is not null));
    }

    [Fact]
    public void Passenger_controls_are_half_the_declarations_at_JFK_and_each_search_is_an_inspection()
    {
        var passengers = source.Sound(RecordTypes.PassengerControl);

        // 0.5 × 20,000 = 10,000, and 2 records around each of JFK's two DST changes.
        Assert.Equal(10_004, passengers.Count);
        Assert.All(passengers, p => Assert.Equal(("USJFK1", "AIR"), (p["office_code"], p["mode_of_transport"])));
        // Searched: arrivals 0.88 × 0.5% + 0.10 × 30% + 0.02 × 1% = 3.46%, departures 1%: 0.55 × 3.46% + 0.45 × 1% = 2.35%.
        int searched = passengers.Count(p => p.Flag("physically_inspected"));
        Assert.InRange(searched / (double)passengers.Count, 0.018, 0.030);
        int inspections = source.Sound(RecordTypes.Inspection).Count(i => i["object_type"] == "PASSENGER");
        Assert.InRange(searched - inspections, 0, 2);
        Assert.InRange(passengers.Count(p => p["flow"] == "ARRIVAL") / (double)passengers.Count, 0.52, 0.58);
    }

    [Fact]
    public void About_two_thousand_staff_with_joiners_and_leavers_in_the_year()
    {
        var staff = source.Sound(RecordTypes.Staff);
        bool EmployedOn(RegisterRow s, string day) =>
            string.CompareOrdinal(s["employment_start"], day) <= 0 && (s["employment_end"] is null || string.CompareOrdinal(s["employment_end"], day) >= 0);
        var atYearEnd = staff.Where(s => EmployedOn(s, "2025-12-31")).ToList();

        // 2,000 on board before t − 1, of whom 11% leave (5% in t − 1, 6% in t): 1,780; joiners 120 in t − 1 and
        // 140 in t, 3% of whom leave: 252; and the three edge cases, all on board on 31 December: about 2,035.
        Assert.InRange(atYearEnd.Count, 1_950, 2_120);
        // Joiners in t: the 140, and those hired on 1 January and on 31 December.
        Assert.Equal(142, staff.Count(s => s["employment_start"]!.StartsWith("2025", StringComparison.Ordinal)));
        Assert.InRange(staff.Count(s => s["employment_end"]?.StartsWith("2025", StringComparison.Ordinal) == true), 90, 160);
        Assert.Contains(staff, s => s["employment_start"] == "2025-01-01");
        Assert.Contains(staff, s => s["employment_start"] == "2025-12-31");
        Assert.Contains(staff, s => s["employment_end"] == "2025-12-31");

        // Women: 30% of senior, 34% of middle, 38% of officer-level staff (4/14/82% of staff) = 37.1%; a few 'other'.
        Assert.InRange(atYearEnd.Count(s => s["gender"] == "FEMALE") / (double)atYearEnd.Count, 0.33, 0.41);
        Assert.Contains(staff, s => s["gender"] == "OTHER");
        Assert.InRange(atYearEnd.Count(s => s["grade"] == "SENIOR") / (double)atYearEnd.Count, 0.025, 0.06);
        // Frontline inspection officers: 55% + 10% of officer-level titles, 0.82 × 0.65 = 53% of staff.
        Assert.InRange(atYearEnd.Count(s => s.Flag("frontline_inspection")) / (double)atYearEnd.Count, 0.47, 0.60);
        Assert.All(staff.Where(s => s.Flag("frontline_inspection")), s => Assert.True(s.Flag("uniformed")));
    }

    [Fact]
    public void The_AEO_register_has_history_mutual_recognition_and_e_commerce_operators()
    {
        using var connection = Sources.Open(source.File);
        var active = source.Sound(RecordTypes.AeoAuthorisation);

        // 120 foreign AEOs recognised under MRAs, one interval each.
        Assert.Equal(120, active.Count(a => a.Flag("recognised_via_mra")));
        Assert.All(active.Where(a => a.Flag("recognised_via_mra")), a => Assert.NotEqual("US", a["issuing_country"]));
        Assert.True(active.Count(a => a.Flag("ecommerce_operator")) >= 15);
        // Revalidations: several active versions of one certificate, back to back.
        Assert.Contains(active.GroupBy(a => a["authorisation_id"]), g => g.Count() >= 3);
        // Suspensions are history rows the query leaves out: a certificate with a gap between two active intervals.
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM aeo_certificate WHERE status = 'S'") > 0);
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM aeo_certificate WHERE status IN ('R', 'W')") > 0);
        // Operators in two roles.
        Assert.Contains(active.GroupBy(a => a["operator_id"]), g => g.Select(a => a["aeo_operator_type"]).Distinct().Count() >= 2);
        Assert.Equal(8, active.Select(a => a["aeo_operator_type"]).Distinct().Count());
    }

    [Fact]
    public void Rulings_are_mostly_on_classification_some_revoked_and_some_expiring_in_the_year()
    {
        var rulings = source.Sound(RecordTypes.BindingRuling);

        // 0.004 × 20,000 = 80 a year over four years (t − 3 … t): 320, 75% tariff classification.
        Assert.Equal(320, rulings.Count);
        Assert.InRange(rulings.Count(r => r["ruling_type"] == "CLASSIFICATION") / (double)rulings.Count, 0.68, 0.82);
        Assert.Contains(rulings, r => r["revoked_on"] is not null);
        Assert.Contains(rulings, r => r["valid_to"]?.StartsWith("2025", StringComparison.Ordinal) == true);
        Assert.Contains(rulings, r => r["valid_to"] is null);
        Assert.All(rulings, r => Assert.True(string.CompareOrdinal(r["valid_from"], r["issued_on"]) >= 0));
    }

    [Fact]
    public void Violations_fines_and_interest_cover_their_sources_and_directions()
    {
        var violations = source.Sound(RecordTypes.Violation);
        var fines = source.Sound(RecordTypes.Fine);
        var interest = source.Sound(RecordTypes.InterestCharge);

        Assert.Equal(["OTHER", "OTHER_POST_CLEARANCE", "PCA", "PRE_RELEASE"], Distinct(violations, "detection_source"));
        Assert.All(violations.Where(v => v["detection_source"] == "PCA"), v => Assert.Null(v["declaration_id"]));
        Assert.Equal(["CLASSIFICATION", "ORIGIN", "OTHER", "VALUATION"], Distinct(violations, "violation_type"));

        Assert.Contains(fines.GroupBy(f => f["case_id"]), g => g.Count() >= 2);
        Assert.Superset(new HashSet<string> { "IMPORT", "EXPORT", "PASSENGER", "OTHER" }, fines.Select(f => f["declaration_direction"]!).ToHashSet());
        Assert.All(fines.Where(f => f["declaration_direction"] == "PASSENGER"), f => Assert.Null(f["violation_id"]));

        Assert.True(interest.Select(i => i["importer_id"]).Distinct().Count() < interest.Count);
        Assert.Contains(interest, i => i["paid_on"] is null);
        Assert.Contains(interest, i => i["declaration_id"] is null);
        Assert.Equal(["LATE", "SHORT"], Distinct(interest, "reason"));
    }

    [Fact]
    public void Post_clearance_cases_cover_audits_and_other_controls_AEOs_findings_and_voluntary_adjustments()
    {
        var cases = source.Sound(RecordTypes.PostClearanceCase);

        // 0.002 × 20,000 = 40 cases, the last max(2, 40 / 15) = 2 of them voluntary disclosures.
        Assert.Equal(40, cases.Count);
        Assert.Equal(2, cases.Count(c => c.Flag("voluntary_adjustment")));
        Assert.Equal(["OTHER", "PCA"], Distinct(cases, "control_type"));
        Assert.Equal(["0", "1"], Distinct(cases, "operator_aeo"));
        Assert.Equal(["0", "1"], Distinct(cases, "has_findings"));
        Assert.All(cases.Where(c => !c.Flag("has_findings") && c["regime"] == "IMPORT"), c => Assert.Equal(0, c.Number("duty_adjusted")));
        Assert.All(cases, c => Assert.True(string.CompareOrdinal(c["opened_on"], c["closed_on"]) < 0));
    }

    [Fact]
    public void Training_competencies_discipline_and_integrity_show_their_edge_cases()
    {
        var training = source.Sound(RecordTypes.Training);
        Assert.Equal(["PHYSICAL", "VIRTUAL"], Distinct(training, "modality"));
        Assert.Equal(["0", "1"], Distinct(training, "in_approved_plan"));
        // Sessions too short to count as a course: under 3 h virtual, under 6 h in person.
        Assert.Contains(training, t => t["modality"] == "VIRTUAL" && t.Number("hours") < 3);
        Assert.Contains(training, t => t["modality"] == "PHYSICAL" && t.Number("hours") < 6);

        var ratings = source.Sound(RecordTypes.CompetencyAssessment);
        Assert.Contains(ratings, r => long.Parse(r["acquired_level"]!) < long.Parse(r["required_level"]!));
        Assert.Contains(ratings, r => long.Parse(r["acquired_level"]!) > long.Parse(r["required_level"]!));
        // Eight competencies per rating.
        Assert.All(ratings.GroupBy(r => (r["staff_id"], r["assessed_on"])), g => Assert.Equal(8, g.Count()));

        var discipline = source.Sound(RecordTypes.DisciplinaryCase);
        Assert.Equal(["EXTERNAL", "INTERNAL"], Distinct(discipline, "detection_source"));

        var reports = source.Sound(RecordTypes.IntegrityReport);
        // The last three reports arrive in December and are acted on in January of the next year (others may be too).
        Assert.InRange(reports.Count(r => r["received_on"]!.StartsWith("2025-12", StringComparison.Ordinal) && r["action_on"]?.StartsWith("2026-01", StringComparison.Ordinal) == true), 3, 6);
        Assert.Contains(reports, r => !r.Flag("action_initiated"));
        Assert.All(reports.Where(r => !r.Flag("action_initiated")), r => Assert.Null(r["action_on"]));
    }

    [Fact]
    public void Services_and_their_requests_show_commitments_and_standards_met_and_missed()
    {
        var services = source.Sound(RecordTypes.Service);
        Assert.Equal(24, services.Count);
        Assert.Contains(services, s => s.Flag("external") && s.Flag("published_commitment"));
        Assert.Contains(services, s => s.Flag("external") && !s.Flag("published_commitment"));
        Assert.Contains(services, s => !s.Flag("external"));
        Assert.All(services.Where(s => s.Flag("published_commitment")), s => Assert.StartsWith("https://", s["publication_url"]));

        var requests = source.Sound(RecordTypes.ServiceRequest);
        // 0.02 × 20,000.
        Assert.Equal(400, requests.Count);
        var done = requests.Where(r => r["completed_on"] is not null).ToList();
        int DaysTaken(RegisterRow r) => DateOnly.Parse(r["completed_on"]!, System.Globalization.CultureInfo.InvariantCulture)
            .DayNumber - DateOnly.Parse(r["received_on"]!, System.Globalization.CultureInfo.InvariantCulture).DayNumber;
        double within = done.Count(r => DaysTaken(r) <= r.Number("standard_days")) / (double)done.Count;
        // Days taken: lognormal, median 0.65 × standard, σ 0.55: P(X ≤ standard) = Φ(ln(1/0.65) / 0.55) = Φ(0.78) ≈ 0.78.
        Assert.InRange(within, 0.68, 0.88);
    }

    private static IEnumerable<string> Distinct(IEnumerable<RegisterRow> rows, string field) =>
        rows.Select(r => r[field]).OfType<string>().Distinct().Order(StringComparer.Ordinal);
}
