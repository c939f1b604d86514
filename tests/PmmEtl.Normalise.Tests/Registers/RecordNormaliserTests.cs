using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;
using PmmEtl.Testing;
using R = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Normalise.Tests.Registers;

/// <summary>The register normaliser over good rows (derived fields worked out by hand) and a hostile corpus (exact quarantine text).</summary>
public sealed class RecordNormaliserTests
{
    private static readonly OfficeDefinition NewYork = new()
    {
        Code = "NYC", Name = "New York", OfficeType = "SEAPORT", Country = "US", Zone = DateTimeZoneProviders.Tzdb["America/New_York"],
    };

    // Binary-exact rates, so USD amounts compare exactly: EUR 1.25, GBP 0.5.
    private static readonly Dictionary<string, double> Rates = new() { ["USD"] = 1.0, ["EUR"] = 1.25, ["GBP"] = 0.5 };

    private static RecordNormaliser Normaliser(LocalTimeResolver? resolver = null) =>
        new([NewYork], resolver ?? new LocalTimeResolver(DstPolicy.Default), Rates);

    private static RawRecord Raw(RecordSchema register, long row, params (string Field, string? Text)[] fields) => TestRecords.Raw(register, "src", row, fields);

    private static RawRecord Shipment(long row, params (string, string?)[] overrides) => Raw(R.Shipment, row,
    [
        .. new (string, string?)[]
        {
            ("shipment_id", "SH1"), ("shipment_date", "2025-03-09"), ("office_code", "nyc"), ("direction", "import"), ("ecommerce", "1"),
            ("electronic_data", "Y"),
        }.Where(d => overrides.All(o => o.Item1 != d.Item1)),
        .. overrides,
    ]);

    private static RawRecord Inspection(long row, params (string, string?)[] overrides) => Raw(R.Inspection, row,
    [
        .. new (string, string?)[]
        {
            ("inspection_id", "I1"), ("inspection_date", "2025-03-09"), ("office_code", "NYC"), ("object_type", "GOODS"), ("inspection_type", "NII"),
            ("performed_by", "CUSTOMS"), ("selection_source", "RISK_PROFILE"),
        }.Where(d => overrides.All(o => o.Item1 != d.Item1)),
        .. overrides,
    ]);

    private static RecordRow Loaded(RecordNormaliser normaliser, RawRecord raw)
    {
        NormaliseResult result = normaliser.Normalise(raw);
        Assert.True(result.Record is not null, $"row {raw.RowNumber} was refused: {result.Quarantine}");
        return result.Record!;
    }

    private static QuarantineEntry Refused(RecordNormaliser normaliser, RawRecord raw)
    {
        NormaliseResult result = normaliser.Normalise(raw);
        Assert.Null(result.Record);
        return result.Quarantine!;
    }

    [Fact]
    public void A_shipment_gets_canonical_codes_utc_instants_and_its_derived_fields()
    {
        RecordRow s = Loaded(Normaliser(), Shipment(2,
            ("advance_data_at", "2025-03-08 22:00:00"), ("arrival_at", "2025-03-09 01:00:00"), ("lodged_at", "2025-03-09 01:30:00"),
            ("cleared_at", "2025-03-09 03:30:00"), ("released_at", "2025-03-09T03:45:00-04:00"), ("duty_tax", " 200 "), ("currency", "eur"),
            ("risk_level", "low"), ("physical_exam", "no"), ("nii", "TRUE"), ("declaration_id", "  D-9  ")));

        Assert.Equal(("NYC", "IMPORT", "LOW", "D-9"), (s["office_code"], s["direction"], s["risk_level"], s["declaration_id"]));
        Assert.Equal((true, true, false, true), (s["ecommerce"], s["electronic_data"], s["physical_exam"], s["nii"]));
        Assert.Null(s["mode_of_transport"]);
        Assert.Null(s["immediate_release"]); // an absent flag stays unknown, not "no"
        // New York, 9 March 2025 (clocks go 02:00 EST → 03:00 EDT): 22:00 EST on the 8th = 03:00Z; 01:00 EST = 06:00Z;
        // 01:30 EST = 06:30Z; 03:30 EDT = 07:30Z. The release carries its own offset: 03:45−04:00 = 07:45Z.
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 3, 0), s["advance_data_at"]);
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 6, 0), s["arrival_at"]);
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 7, 45), s["released_at"]);
        // Advance data 03:00Z before arrival 06:00Z. Lodged 06:30Z → cleared 07:30Z = 60 minutes (two hours on the wall clock).
        Assert.Equal(true, s["advance_before_arrival"]);
        Assert.Equal(60.0, s["clearance_minutes"]);
        // 200 EUR × 1.25 USD/EUR = 250 USD.
        Assert.Equal((200.0, 250.0), (s["duty_tax"], s["duty_tax_usd"]));
        Assert.Equal(new LocalDate(2025, 3, 9), s.BusinessDate);
        Assert.Equal(("src", 2L), (s.SourceName, s.SourceRow));
    }

    [Fact]
    public void Advance_before_arrival_is_false_when_data_came_later_and_unknown_without_both_times()
    {
        RecordNormaliser n = Normaliser();

        // Advance data 10:00, arrival 09:00: after arrival.
        Assert.Equal(false, Loaded(n, Shipment(2, ("advance_data_at", "2025-01-10 10:00"), ("arrival_at", "2025-01-10 09:00")))["advance_before_arrival"]);
        Assert.Null(Loaded(n, Shipment(3, ("advance_data_at", "2025-01-10 10:00")))["advance_before_arrival"]);
        Assert.Null(Loaded(n, Shipment(4, ("lodged_at", "2025-01-10 10:00")))["clearance_minutes"]);
    }

    [Fact]
    public void Declaration_amounts_and_pcc_adjustments_are_converted_at_the_cycle_rate()
    {
        RecordNormaliser n = Normaliser();

        RecordRow a = Loaded(n, Raw(R.DeclarationAmount, 5, ("declaration_id", "D1"), ("business_date", "2025-02-01"), ("office_code", "NYC"),
            ("direction", "EXPORT"), ("aeo_involved", "n"), ("statistical_value", "1500.5"), ("customs_duty", "-3"), ("currency", "GBP")));
        // 1500.5 GBP × 0.5 = 750.25 USD; −3 GBP × 0.5 = −1.5 USD (a refund stays negative).
        Assert.Equal((750.25, -1.5, false), (a["statistical_value_usd"], a["customs_duty_usd"], a["aeo_involved"]));

        RecordRow p = Loaded(n, Raw(R.PostClearanceCase, 6, ("case_id", "C1"), ("closed_on", "2025-02-03"), ("control_type", "PCA"),
            ("operator_aeo", "0"), ("regime", "IMPORT"), ("has_findings", "1"), ("voluntary_adjustment", "false"), ("duty_adjusted", "40"), ("currency", "USD")));
        Assert.Equal(40.0, p["duty_adjusted_usd"]); // 40 USD × 1.0
    }

    [Fact]
    public void A_ruling_is_valid_until_the_earlier_of_its_last_day_and_the_day_before_its_revocation()
    {
        RecordNormaliser n = Normaliser();
        LocalDate? ValidUntil(string? validTo, string? revokedOn) => (LocalDate?)Loaded(n, Raw(R.BindingRuling, 1, ("ruling_id", "BR1"),
            ("ruling_type", "classification"), ("issued_on", "2024-12-20"), ("valid_from", "2025-01-01"), ("valid_to", validTo), ("revoked_on", revokedOn)))["valid_until"];

        Assert.Equal(new LocalDate(2025, 6, 14), ValidUntil("2027-12-31", "2025-06-15")); // revoked 15 June: last valid day 14 June
        Assert.Equal(new LocalDate(2025, 3, 31), ValidUntil("2025-03-31", "2025-06-15")); // expired before the revocation
        Assert.Equal(new LocalDate(2024, 12, 31), ValidUntil(null, "2025-01-01")); // open-ended, revoked on 1 January
        Assert.Equal(new LocalDate(2025, 3, 31), ValidUntil("2025-03-31", null));
        Assert.Null(ValidUntil(null, null));
    }

    [Fact]
    public void A_competency_has_a_gap_when_the_acquired_level_is_below_the_required_one()
    {
        RecordNormaliser n = Normaliser();
        RecordRow Assessed(string required, string acquired) => Loaded(n, Raw(R.CompetencyAssessment, 1, ("staff_id", "S1"),
            ("competency_id", "C1"), ("assessed_on", "2025-01-10"), ("required_level", required), ("acquired_level", acquired)));

        Assert.Equal(true, Assessed("3", "2")["has_gap"]);
        Assert.Equal(false, Assessed("3", "3")["has_gap"]);
        RecordRow fromNumeric = Assessed("3.0", "4");
        Assert.Equal((3L, 4L, false), (fromNumeric["required_level"], fromNumeric["acquired_level"], fromNumeric["has_gap"])); // "3.0" from a NUMERIC column is 3
    }

    [Theory]
    // 3 h virtual practice = one course; 6 h physical = one course; hours without a modality need 6; no hours: the plan's course counts.
    [InlineData("Y", null, null, true)]
    [InlineData("Y", "3", "virtual", true)]
    [InlineData("Y", "2.5", "VIRTUAL", false)]
    [InlineData("Y", "5", "PHYSICAL", false)]
    [InlineData("Y", "6", "PHYSICAL", true)]
    [InlineData("Y", "4", null, false)]
    [InlineData("Y", "6", null, true)]
    [InlineData("N", "12", "PHYSICAL", false)]
    [InlineData("no", null, null, false)]
    public void A_participation_counts_as_a_course_by_the_wco_hour_equivalents(string inPlan, string? hours, string? modality, bool counts)
    {
        RecordRow t = Loaded(Normaliser(), Raw(R.Training, 1, ("participation_id", "P1"), ("staff_id", "S1"), ("course_id", "K1"),
            ("start_on", "2025-04-01"), ("in_approved_plan", inPlan), ("hours", hours), ("modality", modality)));

        Assert.Equal(counts, t["counts_as_course"]);
    }

    [Theory]
    [InlineData("2025-01-20", true)] // 10 days after 10 January: within a 10-day standard
    [InlineData("2025-01-21", false)] // 11 days
    [InlineData("2025-01-10", true)] // the same day
    [InlineData(null, false)] // still open
    public void A_service_request_is_within_standard_when_completed_no_later_than_its_days_after_receipt(string? completed, bool within)
    {
        RecordRow r = Loaded(Normaliser(), Raw(R.ServiceRequest, 1, ("request_id", "Q1"), ("service_id", "SV1"), ("received_on", "2025-01-10"),
            ("completed_on", completed), ("standard_days", "10")));

        Assert.Equal(within, r["within_standard"]);
        Assert.Equal(new LocalDate(2025, 1, 10), r.BusinessDate);
    }

    [Fact]
    public void An_undated_register_has_no_business_date()
    {
        RecordRow s = Loaded(Normaliser(), Raw(R.Staff, 1, ("staff_id", "S1"), ("gender", "female"), ("grade", "senior"),
            ("frontline_inspection", "0"), ("employment_start", "2001-05-01")));

        Assert.Null(s.BusinessDate);
        Assert.Equal(("FEMALE", "SENIOR", new LocalDate(2001, 5, 1)), (s["gender"], s["grade"], s["employment_start"]));
    }

    // ---- The hostile corpus: each refusal names the source, the row, the key and the field, in the words a person reads. ----

    [Fact]
    public void A_code_outside_the_field_s_list_is_refused()
    {
        QuarantineEntry q = Refused(Normaliser(), Inspection(11, ("object_type", "Cargo")));

        Assert.Equal("src: row 11 (I1): object_type: unknown code 'CARGO' (expected one of GOODS, PASSENGER)", q.ToString());
        Assert.Equal(("inspection", "object_type", "Cargo", "2025-03-09"), (q.RecordType, q.Field, q.RawValue, q.BusinessDateRaw));
    }

    [Fact]
    public void A_date_that_is_not_an_iso_calendar_date_is_refused()
    {
        RecordNormaliser n = Normaliser();

        Assert.Equal("src: row 12 (I1): inspection_date: unparsable date (expected yyyy-MM-dd)",
            Refused(n, Inspection(12, ("inspection_date", "2025-02-30"))).ToString());
        Assert.Equal("src: row 13 (I1): inspection_date: unparsable date (expected yyyy-MM-dd)",
            Refused(n, Inspection(13, ("inspection_date", "09/03/2025"))).ToString());
    }

    [Fact]
    public void An_office_outside_the_reference_is_refused_and_its_local_times_are_not_guessed()
    {
        QuarantineEntry q = Refused(Normaliser(), Inspection(14, ("office_code", "LHR"), ("started_at", "2025-03-09 10:00:00")));

        Assert.Equal("src: row 14 (I1): office_code: unknown office 'LHR' (not in the pipeline's office reference)", q.ToString());
        Assert.Equal(("office_code", "LHR"), (q.Field, q.RawValue));
    }

    [Fact]
    public void Local_times_in_a_dst_gap_or_fold_follow_the_run_s_policy_and_are_counted_once_per_run()
    {
        var resolver = new LocalTimeResolver(DstPolicy.Default);
        RecordNormaliser n = Normaliser(resolver);

        // 2025-03-09 02:30 does not exist in New York (02:00 EST → 03:00 EDT): shifted forward by the hour to 03:30 EDT = 07:30Z.
        RecordRow gap = Loaded(n, Inspection(15, ("started_at", "2025-03-09 02:30:00")));
        // 2025-11-02 01:30 happens twice (02:00 EDT → 01:00 EST): the earlier is 01:30 EDT = 05:30Z.
        RecordRow fold = Loaded(n, Inspection(16, ("inspection_date", "2025-11-02"), ("started_at", "2025-11-02 01:30:00"), ("ended_at", "2025-11-02T01:40:00-05:00")));

        Assert.Equal(Instant.FromUtc(2025, 3, 9, 7, 30), gap["started_at"]);
        Assert.Equal(Instant.FromUtc(2025, 11, 2, 5, 30), fold["started_at"]);
        Assert.Equal(Instant.FromUtc(2025, 11, 2, 6, 40), fold["ended_at"]); // its own offset: no zone, no policy, not counted
        Assert.Equal(new DstResolutionCounts(Ambiguous: 1, Skipped: 1, Rejected: 0), resolver.Counts);
    }

    [Fact]
    public void The_strict_policy_refuses_gap_and_fold_times_naming_the_field_and_zone()
    {
        var resolver = new LocalTimeResolver(DstPolicy.Strict);
        RecordNormaliser n = Normaliser(resolver);

        QuarantineEntry gap = Refused(n, Inspection(17, ("started_at", "2025-03-09 02:30:00")));
        QuarantineEntry fold = Refused(n, Inspection(18, ("inspection_date", "2025-11-02"), ("ended_at", "2025-11-02 01:30")));

        Assert.Equal("src: row 17 (I1): started_at: local time does not exist (DST gap) in America/New_York and the DST policy rejects it", gap.ToString());
        Assert.Equal("src: row 18 (I1): ended_at: local time occurs twice (DST fold) in America/New_York and the DST policy rejects it", fold.ToString());
        Assert.Equal(("started_at", "2025-03-09 02:30:00"), (gap.Field, gap.RawValue));
        Assert.Equal(new DstResolutionCounts(Ambiguous: 1, Skipped: 1, Rejected: 2), resolver.Counts);
    }

    [Fact]
    public void An_amount_in_a_currency_without_a_rate_or_without_a_currency_is_refused_naming_the_currency()
    {
        RecordNormaliser n = Normaliser();

        QuarantineEntry unknown = Refused(n, Shipment(19, ("duty_tax", "10"), ("currency", "xyz")));
        QuarantineEntry missing = Refused(n, Raw(R.PostClearanceCase, 20, ("case_id", "C1"), ("closed_on", "2025-02-03"), ("control_type", "PCA"),
            ("operator_aeo", "0"), ("regime", "IMPORT"), ("has_findings", "1"), ("voluntary_adjustment", "0"), ("duty_adjusted", "40")));

        Assert.Equal("src: row 19 (SH1): currency: unknown currency 'xyz' (no rate in currency.usd_rates: EUR, GBP, USD)", unknown.ToString());
        Assert.Equal(("currency", "xyz"), (unknown.Field, unknown.RawValue));
        Assert.Equal("src: row 20 (C1): currency: missing currency for duty_adjusted", missing.ToString());
        // A currency without an amount converts nothing and is no problem.
        Assert.Null(Loaded(n, Shipment(21, ("currency", "xyz")))["duty_tax_usd"]);
    }

    [Fact]
    public void A_clearance_before_its_lodgement_is_refused_and_a_dst_fold_behind_it_is_named()
    {
        RecordNormaliser n = Normaliser();

        QuarantineEntry plain = Refused(n, Shipment(22, ("lodged_at", "2025-01-10 10:00"), ("cleared_at", "2025-01-10 09:00")));
        // 01:50 and 01:20 on 2 November both occur twice; the earlier-instant policy puts both in EDT, so clearance comes
        // 30 minutes before lodgement, though 01:20 EST (06:20Z) would be 30 minutes after 01:50 EDT (05:50Z).
        QuarantineEntry fold = Refused(n, Shipment(23, ("shipment_date", "2025-11-02"), ("lodged_at", "2025-11-02 01:50"), ("cleared_at", "2025-11-02 01:20")));

        Assert.Equal("src: row 22 (SH1): cleared_at: clearance before lodgement (cleared_at is earlier than lodged_at)", plain.ToString());
        Assert.Equal(("cleared_at", "2025-01-10 09:00"), (plain.Field, plain.RawValue));
        Assert.Equal(
            "src: row 23 (SH1): cleared_at: clearance before lodgement (cleared_at is earlier than lodged_at) "
            + "(lodged_at occurs twice in America/New_York (DST fold) and the policy took the earlier instant; "
            + "cleared_at occurs twice in America/New_York (DST fold) and the policy took the earlier instant)",
            fold.ToString());
    }

    [Fact]
    public void A_service_request_completed_before_it_was_received_is_refused()
    {
        QuarantineEntry q = Refused(Normaliser(), Raw(R.ServiceRequest, 24, ("request_id", "Q1"), ("service_id", "SV1"), ("received_on", "2025-01-10"),
            ("completed_on", "2025-01-09"), ("standard_days", "10")));

        Assert.Equal("src: row 24 (Q1): completed_on: completed before it was received (completed_on is earlier than received_on)", q.ToString());
    }

    [Fact]
    public void A_row_with_several_faults_names_every_one_and_the_first_field_at_fault()
    {
        QuarantineEntry q = Refused(Normaliser(), Raw(R.SeizureItem, 25, ("seizure_id", " SZ1 "), ("line_no", "2.5"), ("seizure_date", "2025-05-01"),
            ("quantity", "1,5"), ("mandated_control", "maybe")));

        Assert.Equal(
            "src: row 25 (SZ1|2.5): line_no: not a whole number; commodity: missing value; quantity: not a number (expected digits with a decimal point, like 1234.5); "
            + "mandated_control: not a yes/no flag (expected 1/0, Y/N, yes/no or true/false)",
            q.ToString());
        Assert.Equal(("seizure_item", "line_no", "2.5"), (q.RecordType, q.Field, q.RawValue));
    }

    [Fact]
    public void Missing_required_fields_are_refused_and_a_missing_key_leaves_the_entry_without_one()
    {
        QuarantineEntry q = Refused(Normaliser(), Inspection(26, ("inspection_id", "  "), ("office_code", null), ("performed_by", "")));

        Assert.Equal("src: row 26: office_code: missing office; inspection_id: missing value; performed_by: missing value", q.ToString());
        Assert.Null(q.SourceKey);
    }

    [Fact]
    public void An_overlong_key_is_refused_and_shortened_in_the_entry()
    {
        string id = new('X', 101);

        QuarantineEntry q = Refused(Normaliser(), Inspection(27, ("inspection_id", id)));

        Assert.Equal($"src: row 27 ({new string('X', 40)}…): inspection_id: longer than 100 characters (101)", q.ToString());
    }

    [Fact]
    public void A_row_the_source_could_not_read_is_quarantined_with_the_source_s_reason()
    {
        RawRecord raw = TestRecords.Raw(R.Inspection, "inspection.csv", 28, [("inspection_id", "I9")]);
        raw.SourceError = "inspection.csv line 28: office_code: 3 fields where the header has 7 (no value for office_code)";
        raw.SourceErrorField = "office_code";

        QuarantineEntry q = Refused(Normaliser(), raw);

        Assert.Equal("inspection.csv: row 28 (I9): office_code: inspection.csv line 28: office_code: 3 fields where the header has 7 (no value for office_code)", q.ToString());
        Assert.Equal("office_code", q.Field);
    }
}
