using Microsoft.Data.Sqlite;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Definitions;
using static PmmEtl.EndToEnd.Tests.Kpis.Area4FosRows;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// Area IV, organisational development (K40 … K49), end to end on DuckDB: each expected value is worked out by hand
/// from the handful of records or answers the test writes, following the definitions in Catalogue/Areas/OrganisationArea.cs
/// and docs/kpi-decisions.md.
/// </summary>
public sealed class AreaIVKpiTests
{
    // ---- Checklists K40, K42, K46, K49 ----

    [Fact]
    public void Checklists_score_the_items_answered_yes_and_a_checklist_without_answers_is_not_measurable()
    {
        using PipelineHarness h = new RegisterFixture()
            .Assessment("""
                year: 2025
                checklists:
                  K40: { A: yes, B: yes, C: yes, D: yes, E: yes, F: yes, G: yes, H: yes }
                  K42: { A: yes, B: no, C: yes, D: yes, F: no, G: yes, H: no, I: yes }
                  K49: { A: yes, B: yes, C: no, D: yes, E: no, F: no }
                """)
            .Build("K40", "K42", "K46", "K49");
        h.Run();

        // K40: all 8 steps yes → 8 / 8 × 100 = 100. Public.
        PublishedCell k40 = Cell(h, "K40", "2025");
        Assert.Equal((100.0, 8L, 8L, 8L, "public"), (k40.Value, k40.N, k40.Numerator, k40.Denominator, k40.Disclosure));
        Assert.Equal("answered in assessment.yaml", k40.Note);

        // K42: yes = A, C, D, G, I (no item E exists) → 5 / 8 × 100 = 62.5. WCO.
        PublishedCell k42 = Cell(h, "K42", "2025");
        Assert.Equal((62.5, 8L, 5L, 8L, "wco"), (k42.Value, k42.N, k42.Numerator, k42.Denominator, k42.Disclosure));

        // K49: yes = A, B, D → 3 / 6 × 100 = 50. Public.
        PublishedCell k49 = Cell(h, "K49", "2025");
        Assert.Equal((50.0, 6L, 3L, 6L, "public"), (k49.Value, k49.N, k49.Numerator, k49.Denominator, k49.Disclosure));

        // K46 was not answered for 2025: no value, and the reason.
        PublishedCell k46 = Cell(h, "K46", "2025");
        Assert.Null(k46.Value);
        Assert.Equal(0, k46.N);
        Assert.Equal("not measurable: no self-assessment answers for K46 in 2025 (inputs.assessments)", k46.Note);
    }

    [Fact]
    public void A_checklist_answered_in_part_or_with_item_E_of_K42_is_refused_with_the_line()
    {
        // A partial checklist would publish a score over fewer items as if it were whole; K42 letters its 8 items
        // A–D and F–I, so "E" is an unknown item. Both are refused when the pipeline loads, naming file and field.
        using PipelineHarness h = new RegisterFixture()
            .Assessment("""
                year: 2025
                checklists:
                  K42: { A: yes, B: yes, C: yes, D: yes, E: yes, F: yes, G: yes, H: yes }
                  K46: { A: yes, B: no }
                """)
            .Build("K42", "K46");

        PipelineDefinitionException e = Assert.Throws<PipelineDefinitionException>(() => h.Run());
        Assert.Contains("assessment.yaml: line 3: checklists.K42.E: unknown item 'E'", e.Message, StringComparison.Ordinal);
        Assert.Contains("checklists.K42.I: missing: every item of K42 is answered yes or no", e.Message, StringComparison.Ordinal);
        Assert.Contains("checklists.K46.C: missing: every item of K46 is answered yes or no", e.Message, StringComparison.Ordinal);
    }

    // ---- K41 competency gap, by financial year ----

    [Fact]
    public void K41_divides_by_every_frontline_inspection_officer_counts_each_competency_once_and_publishes_the_share_assessed()
    {
        // Financial year from July: FY2024-25 = 1 Jul 2024 … 30 Jun 2025, FY2025-26 = 1 Jul 2025 … 30 Jun 2026.
        // O1, O2, O3 are frontline inspection officers throughout; O4 joins on 1 Sep 2025; O5 left on 30 Jun 2024, before
        // any of these years. C1 is not frontline (her assessments never count). O3 is never assessed.
        using PipelineHarness h = new RegisterFixture()
            .Add("staff", ("staff_id", "O1"), ("gender", "FEMALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2018-01-01"))
            .Add("staff", ("staff_id", "O2"), ("gender", "MALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2019-01-01"))
            .Add("staff", ("staff_id", "O3"), ("gender", "MALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2020-01-01"))
            .Add("staff", ("staff_id", "O4"), ("gender", "FEMALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2025-09-01"))
            .Add("staff", ("staff_id", "O5"), ("gender", "MALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2016-01-01"),
                ("employment_end", "2024-06-30"))
            .Add("staff", ("staff_id", "C1"), ("gender", "FEMALE"), ("grade", "MIDDLE"), ("frontline_inspection", 0), ("employment_start", "2015-01-01"))
            // FY2024-25
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "X"), ("assessed_on", "2024-09-01"), ("required_level", 3), ("acquired_level", 2))
            .Add("competency_assessment", ("staff_id", "O2"), ("competency_id", "Y"), ("assessed_on", "2025-01-15"), ("required_level", 2), ("acquired_level", 2))
            .Add("competency_assessment", ("staff_id", "O2"), ("competency_id", "Z"), ("assessed_on", "2025-06-30"), ("required_level", 4), ("acquired_level", 1))
            // FY2025-26
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "X"), ("assessed_on", "2025-08-10"), ("required_level", 3), ("acquired_level", 2))
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "Y"), ("assessed_on", "2025-08-10"), ("required_level", 2), ("acquired_level", 2))
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "Z"), ("assessed_on", "2025-08-10"), ("required_level", 2), ("acquired_level", 3))
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "X"), ("assessed_on", "2026-03-15"), ("required_level", 3), ("acquired_level", 3))
            .Add("competency_assessment", ("staff_id", "O2"), ("competency_id", "X"), ("assessed_on", "2025-11-05"), ("required_level", 3), ("acquired_level", 1))
            .Add("competency_assessment", ("staff_id", "O2"), ("competency_id", "Y"), ("assessed_on", "2025-11-05"), ("required_level", 2), ("acquired_level", 1))
            .Add("competency_assessment", ("staff_id", "C1"), ("competency_id", "X"), ("assessed_on", "2025-09-01"), ("required_level", 3), ("acquired_level", 1))
            // FY2026-27
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "W"), ("assessed_on", "2026-07-01"), ("required_level", 2), ("acquired_level", 1))
            .Yaml("periods:\n  financial_year_start: 7")
            .Build("K41");
        h.Run();

        // FY2024-25: N = O1, O2, O3 (O4 not yet, O5 gone). O1 X gap → 1/1; O2 Y none, Z gap → 1/2; O3 not assessed → adds 0.
        // Σ X/Y = 1.5, / 3 → 50. Coverage: O1, O2 assessed of 3 → 66.67.
        PublishedCell fy24 = Cell(h, "K41", "FY2024-25");
        Assert.Equal((50.0, 3L, "financial_year", "national"), (fy24.Value, fy24.N, fy24.PeriodType, fy24.Disclosure));
        // A mean: no numerator or denominator (a rounded mean would pass for a sum).
        Assert.Equal(((long?)null, (long?)null), (fy24.Numerator, fy24.Denominator));
        PublishedCell assessed24 = Cell(h, "K41", "FY2024-25", variant: "assessed_share");
        Assert.Equal((66.67, 2L, 3L), (assessed24.Value, assessed24.Numerator, assessed24.Denominator));

        // FY2025-26: N = O1 … O4. O1's competencies X, Y, Z, each once: X was assessed twice and its latest assessment (March
        // 2026) shows no gap; Y, Z none → 0/3 (counting records would give 1/4). O2: X, Y gaps → 2/2. O3, O4 not assessed.
        // Σ = 1, / 4 → 25. Coverage 2 / 4 → 50. O2's 30 June 2025 assessment belongs to FY2024-25, O1's 1 July 2026 one to FY2026-27.
        PublishedCell fy25 = Cell(h, "K41", "FY2025-26");
        Assert.Equal((25.0, 4L), (fy25.Value, fy25.N));
        // The harness's clock stands on 2026-01-15, inside FY2025-26: the value is provisional and says so.
        Assert.Equal("provisional: FY2025-26 had not ended on the run's date (2026-01-15)", fy25.Note);
        Assert.Equal((50.0, 2L, 4L), (Cell(h, "K41", "FY2025-26", variant: "assessed_share").Value,
            Cell(h, "K41", "FY2025-26", variant: "assessed_share").Numerator, Cell(h, "K41", "FY2025-26", variant: "assessed_share").Denominator));

        // FY2026-27: O1 W gap → 1, over the 4 officers → 25; coverage 1 / 4 → 25.
        Assert.Equal((25.0, 4L), (Cell(h, "K41", "FY2026-27").Value, Cell(h, "K41", "FY2026-27").N));
        Assert.Equal(25.0, Cell(h, "K41", "FY2026-27", variant: "assessed_share").Value);

        // Only financial years are published for K41, never the calendar year.
        Assert.Equal(["FY2024-25", "FY2025-26", "FY2026-27"], Periods(h, "K41"));
        Assert.Equal(0L, h.Scalar<long>("SELECT count(*) FROM fact_kpi_value WHERE kpi_code = 'K41' AND period_type <> 'financial_year'"));
    }

    [Fact]
    public void K41_has_no_value_for_a_financial_year_in_which_no_frontline_officer_was_assessed()
    {
        // Only C1 (not frontline) is assessed, in FY2025-26: O1 is the one frontline officer (N = 1) and has no assessment,
        // so X/Y is undefined for everyone: no value, with the reason, and the coverage is 0 of 1.
        using PipelineHarness h = new RegisterFixture()
            .Add("staff", ("staff_id", "O1"), ("gender", "FEMALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2018-01-01"))
            .Add("staff", ("staff_id", "C1"), ("gender", "FEMALE"), ("grade", "MIDDLE"), ("frontline_inspection", 0), ("employment_start", "2015-01-01"))
            .Add("competency_assessment", ("staff_id", "C1"), ("competency_id", "X"), ("assessed_on", "2025-09-01"), ("required_level", 3), ("acquired_level", 1))
            .Yaml("periods:\n  financial_year_start: 7")
            .Build("K41");
        h.Run();

        PublishedCell fy = Cell(h, "K41", "FY2025-26");
        Assert.Null(fy.Value);
        Assert.Equal(1, fy.N);
        Assert.StartsWith("not measurable: no records in scope for A (", fy.Note, StringComparison.Ordinal);
        Assert.Equal((0.0, 0L, 1L), (Cell(h, "K41", "FY2025-26", variant: "assessed_share").Value,
            Cell(h, "K41", "FY2025-26", variant: "assessed_share").Numerator, Cell(h, "K41", "FY2025-26", variant: "assessed_share").Denominator));
    }

    [Fact]
    public void K41_assessments_of_january_to_june_count_in_the_financial_year_that_began_the_previous_calendar_year()
    {
        // Records only from the first half of 2025, financial year from July: both belong to FY2024-25 (1 Jul 2024 …
        // 30 Jun 2025), which must be measured although no record is dated in 2024.
        // O1: X gap, Y none → 1/2 = 0.5. N = 1 → 50.
        using PipelineHarness h = new RegisterFixture()
            .Add("staff", ("staff_id", "O1"), ("gender", "FEMALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2018-01-01"))
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "X"), ("assessed_on", "2025-02-01"), ("required_level", 3), ("acquired_level", 2))
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "Y"), ("assessed_on", "2025-05-20"), ("required_level", 2), ("acquired_level", 2))
            .Yaml("periods:\n  financial_year_start: 7")
            .Build("K41");
        h.Run();

        PublishedCell fy = Cell(h, "K41", "FY2024-25");
        Assert.Equal((50.0, 1L), (fy.Value, fy.N));
    }

    [Fact]
    public void K41_a_nightly_window_before_the_financial_year_start_measures_the_financial_year_that_began_the_year_before()
    {
        // FY from July. Full load: O1 assessed on 1 Sep 2024 with a gap → FY2024-25 = 1/1 → 100.
        using PipelineHarness h = new RegisterFixture()
            .Add("staff", ("staff_id", "O1"), ("gender", "FEMALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2018-01-01"))
            .Add("competency_assessment", ("staff_id", "O1"), ("competency_id", "X"), ("assessed_on", "2024-09-01"), ("required_level", 3), ("acquired_level", 2))
            .Yaml("periods:\n  financial_year_start: 7")
            .Build("K41");
        h.Run();
        Assert.Equal(100.0, Cell(h, "K41", "FY2024-25").Value);

        // A March 2025 assessment without a gap arrives; the nightly window [1 Mar, 8 Mar 2025) loads it:
        // FY2024-25 = 1/2 → 50, although the window lies in calendar 2025.
        string source = Path.Combine(h.Folder, "source.sqlite");
        SourceSql(source, "INSERT INTO competency_assessment (staff_id, competency_id, assessed_on, required_level, acquired_level) VALUES ('O1', 'Y', '2025-03-05', '2', '2')");
        var march = new ExtractWindow(new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 8));
        h.Run(march);
        Assert.Equal(50.0, Cell(h, "K41", "FY2024-25").Value);

        // The source withdraws it; the same window now loads nothing for the register, and FY2024-25 is back to 100.
        SourceSql(source, "DELETE FROM competency_assessment WHERE assessed_on = '2025-03-05'");
        h.Run(march);
        Assert.Equal(100.0, Cell(h, "K41", "FY2024-25").Value);
    }

    private static void SourceSql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // ---- K43 training access ----

    [Fact]
    public void K43_counts_staff_employed_during_the_year_with_a_qualifying_course_including_leavers()
    {
        // Staff (gender, grade, employment):                 trainings (start, modality, hours, in approved plan):
        // S1 F OFFICER 2015 →                                 2025-03-10 PHYSICAL 8 h yes ✓; 2025-05-10 VIRTUAL 4 h yes ✓ (S1 once)
        // S2 M OFFICER 2018 → left 2025-05-31                 2025-02-01 VIRTUAL 3 h yes ✓ (exactly the virtual threshold)
        // S3 F SENIOR 2010 →                                  2025-04-01 VIRTUAL 2.5 h ✗; 2025-06-01 PHYSICAL 5 h ✗;
        //                                                     2025-07-01 no modality 4 h ✗ (physical threshold): hours not accumulated
        // S4 M MIDDLE 2012 →                                  2025-09-01 PHYSICAL 10 h, NOT in the plan ✗
        // S5 M OFFICER 2020 →                                 2024-12-15 PHYSICAL 8 h yes: counts in 2024, not 2025
        // S6 F MIDDLE 2021 →                                  2025-10-01 in the plan, no hours ✓ (the plan lists it as a course)
        // S7 M OFFICER 2016 → left 2024-06-30                 (none) — not employed in 2025
        // S8 M OFFICER joined 2025-11-01                      2025-11-15 PHYSICAL 6 h yes ✓ (exactly the physical threshold)
        // S9 F OFFICER joins 2026-02-01                       (none) — not employed in 2025
        using PipelineHarness h = TrainingFixture().Build("K43");
        h.Run();

        // 2025: B = employed at some time in 2025 = S1 S2 S3 S4 S5 S6 S8 = 7; A = S1 S2 S6 S8 = 4 → 4 / 7 × 100 = 57.14.
        PublishedCell total = Cell(h, "K43", "2025");
        Assert.Equal((57.14, 7L, 4L, 7L, "public"), (total.Value, total.N, total.Numerator, total.Denominator, total.Disclosure));

        // By gender: FEMALE B = S1 S3 S6 = 3, A = S1 S6 = 2 → 66.67; MALE B = S2 S4 S5 S8 = 4, A = S2 S8 = 2 → 50.
        PublishedCell female = Cell(h, "K43", "2025", "gender", "FEMALE");
        Assert.Equal((66.67, 2L, 3L, "public"), (female.Value, female.Numerator, female.Denominator, female.Disclosure));
        PublishedCell male = Cell(h, "K43", "2025", "gender", "MALE");
        Assert.Equal((50.0, 2L, 4L), (male.Value, male.Numerator, male.Denominator));

        // By grade: OFFICER B = S1 S2 S5 S8 = 4, A = S1 S2 S8 = 3 → 75; MIDDLE B = S4 S6 = 2, A = S6 → 50; SENIOR B = S3, A = 0 → 0.
        Assert.Equal(["MIDDLE", "OFFICER", "SENIOR"], BreakdownValues(h, "K43", "2025", "job_grade"));
        PublishedCell officer = Cell(h, "K43", "2025", "job_grade", "OFFICER");
        Assert.Equal((75.0, 3L, 4L, "public"), (officer.Value, officer.Numerator, officer.Denominator, officer.Disclosure));
        Assert.Equal(50.0, Cell(h, "K43", "2025", "job_grade", "MIDDLE").Value);
        PublishedCell senior = Cell(h, "K43", "2025", "job_grade", "SENIOR");
        Assert.Equal((0.0, 0L, 1L), (senior.Value, senior.Numerator, senior.Denominator));

        // 2024 (measured because S5's course is dated 2024): B = S1 … S7 = 7 (S8 and S9 not yet employed); A = S5 → 1 / 7 = 14.29.
        PublishedCell y2024 = Cell(h, "K43", "2024");
        Assert.Equal((14.29, 1L, 7L), (y2024.Value, y2024.Numerator, y2024.Denominator));
    }

    [Fact]
    public void K43_a_year_without_training_records_is_not_measurable_unless_the_pipeline_declares_the_register_complete()
    {
        // The same staff without S5's December 2024 course: the training register holds nothing dated 2024, while
        // staff S1 … S7 were employed then (B = 7). Unknown, not zero, unless the pipeline declares 2024 covered.
        // One declaration of 2024 makes the run measure 2024 (a year is measured where records or inputs fall).
        using (PipelineHarness h = TrainingFixture(withS5Course: false).Declarations(AreaIAndIIKpiCells.Declaration("D1", "IMPORT", "2024-06-03")).Build("K43"))
        {
            h.Run();
            PublishedCell unknown = Cell(h, "K43", "2024");
            Assert.Null(unknown.Value);
            Assert.Equal("not measurable: no training records for 2024 and no entered value", unknown.Note);
            // The years with records keep their values: 2025 is S1 S2 S6 S8 of 7, as above.
            Assert.Equal(57.14, Cell(h, "K43", "2025").Value);
        }

        using (PipelineHarness declared = TrainingFixture(withS5Course: false)
                   .Yaml("covers:\n  training: { from: 2024-01-01, to: 2026-01-01 }").Build("K43"))
        {
            declared.Run();
            // Declared complete (and so measured, with no 2024 record at all): no course in 2024 is a true zero, A = 0 of B = 7.
            PublishedCell zero = Cell(declared, "K43", "2024");
            Assert.Equal((0.0, 0L, 7L), (zero.Value, zero.Numerator, zero.Denominator));
        }
    }

    private static RegisterFixture TrainingFixture(bool withS5Course = true)
    {
        var f = new RegisterFixture();
        void Person(string id, string gender, string grade, string start, string? end = null) =>
            f.Add("staff", ("staff_id", id), ("gender", gender), ("grade", grade), ("frontline_inspection", 0), ("employment_start", start), ("employment_end", end));
        int n = 0;
        void Course(string staff, string start, string? modality, double? hours, bool inPlan) =>
            f.Add("training", ("participation_id", $"P{++n}"), ("staff_id", staff), ("course_id", $"C{n}"), ("start_on", start),
                ("modality", modality), ("hours", hours), ("in_approved_plan", inPlan));

        Person("S1", "FEMALE", "OFFICER", "2015-01-01");
        Person("S2", "MALE", "OFFICER", "2018-01-01", "2025-05-31");
        Person("S3", "FEMALE", "SENIOR", "2010-01-01");
        Person("S4", "MALE", "MIDDLE", "2012-01-01");
        Person("S5", "MALE", "OFFICER", "2020-01-01");
        Person("S6", "FEMALE", "MIDDLE", "2021-01-01");
        Person("S7", "MALE", "OFFICER", "2016-01-01", "2024-06-30");
        Person("S8", "MALE", "OFFICER", "2025-11-01");
        Person("S9", "FEMALE", "OFFICER", "2026-02-01");
        Course("S1", "2025-03-10", "PHYSICAL", 8, true);
        Course("S1", "2025-05-10", "VIRTUAL", 4, true);
        Course("S2", "2025-02-01", "VIRTUAL", 3, true);
        Course("S3", "2025-04-01", "VIRTUAL", 2.5, true);
        Course("S3", "2025-06-01", "PHYSICAL", 5, true);
        Course("S3", "2025-07-01", null, 4, true);
        Course("S4", "2025-09-01", "PHYSICAL", 10, false);
        if (withS5Course)
        {
            Course("S5", "2024-12-15", "PHYSICAL", 8, true);
        }

        Course("S6", "2025-10-01", null, null, true);
        Course("S8", "2025-11-15", "PHYSICAL", 6, true);
        return f;
    }

    // ---- K44 gender balance and K47 disciplinary compliance (one staff register) ----

    /// <summary>
    /// Staff (gender, grade, employment; employment_end is the last day employed) and disciplinary measures:
    /// F1 F OFFICER 2019 → · F2 F SENIOR 2010 → 2025-12-31 · F3 F MIDDLE 2015 → · F4 F OFFICER 2026-01-01 → ·
    /// F5 F MIDDLE 2012 → 2025-06-30 · M1 M OFFICER 2020 → · M2 M SENIOR 2025-12-31 → · M3 M MIDDLE 2014 → 2025-12-30 ·
    /// M4 M OFFICER 2017 → · M5 M OFFICER 2021 → · X1 OTHER OFFICER 2022 →.
    /// Measures: D1 F1 2025-03-01 OFFICER GIFTS_AND_HOSPITALITY INTERNAL · D2 F1 2025-09-01 OFFICER CONFLICTS_OF_INTEREST EXTERNAL ·
    /// D3 M3 2025-05-01 OFFICER (his grade then; MIDDLE in the register now) MONEY_MATTERS INTERNAL, dismissed 2025-12-30 ·
    /// D4 M1 2024-11-20 OFFICER GIFTS_AND_HOSPITALITY INTERNAL · D5 M4 2026-01-10 OFFICER CONFIDENTIALITY INTERNAL.
    /// </summary>
    private static RegisterFixture StaffAndMeasures()
    {
        var f = new RegisterFixture();
        void Person(string id, string gender, string grade, string start, string? end = null) =>
            f.Add("staff", ("staff_id", id), ("gender", gender), ("grade", grade), ("frontline_inspection", 0), ("employment_start", start), ("employment_end", end));
        void Measure(string id, string staff, string date, string grade, string violation, string source) =>
            f.Add("disciplinary_case", ("case_id", id), ("staff_id", staff), ("measure_date", date), ("grade", grade), ("violation_type", violation),
                ("detection_source", source), ("measure", "written warning"));

        Person("F1", "FEMALE", "OFFICER", "2019-03-01");
        Person("F2", "FEMALE", "SENIOR", "2010-01-01", "2025-12-31");
        Person("F3", "FEMALE", "MIDDLE", "2015-01-01");
        Person("F4", "FEMALE", "OFFICER", "2026-01-01");
        Person("F5", "FEMALE", "MIDDLE", "2012-01-01", "2025-06-30");
        Person("M1", "MALE", "OFFICER", "2020-01-01");
        Person("M2", "MALE", "SENIOR", "2025-12-31");
        Person("M3", "MALE", "MIDDLE", "2014-01-01", "2025-12-30");
        Person("M4", "MALE", "OFFICER", "2017-01-01");
        Person("M5", "MALE", "OFFICER", "2021-06-01");
        Person("X1", "OTHER", "OFFICER", "2022-01-01");
        Measure("D1", "F1", "2025-03-01", "OFFICER", "GIFTS_AND_HOSPITALITY", "INTERNAL");
        Measure("D2", "F1", "2025-09-01", "OFFICER", "CONFLICTS_OF_INTEREST", "EXTERNAL");
        Measure("D3", "M3", "2025-05-01", "OFFICER", "MONEY_MATTERS", "INTERNAL");
        Measure("D4", "M1", "2024-11-20", "OFFICER", "GIFTS_AND_HOSPITALITY", "INTERNAL");
        Measure("D5", "M4", "2026-01-10", "OFFICER", "CONFIDENTIALITY", "INTERNAL");
        return f;
    }

    [Fact]
    public void K44_is_females_per_100_males_on_board_on_31_december()
    {
        // The disciplinary measures only give the run its years (2024–2026); the staff register is undated.
        using PipelineHarness h = StaffAndMeasures().Build("K44");
        h.Run();

        // 31 Dec 2025: females F1, F2 (last day 31 Dec: still on board), F3 = 3 (F4 joins in 2026, F5 left in June);
        // males M1, M2 (joined on 31 Dec), M4, M5 = 4 (M3 left on 30 Dec); X1 (OTHER) is in neither. 3 / 4 × 100 = 75.
        PublishedCell total = Cell(h, "K44", "2025");
        Assert.Equal((75.0, 4L, 3L, 4L, "public"), (total.Value, total.N, total.Numerator, total.Denominator, total.Disclosure));

        // By grade: OFFICER F1 / M1 M4 M5 = 1 / 3 → 33.33; SENIOR F2 / M2 = 100; MIDDLE F3 / no male → B = 0, no value.
        Assert.Equal(33.33, Cell(h, "K44", "2025", "job_grade", "OFFICER").Value);
        Assert.Equal(100.0, Cell(h, "K44", "2025", "job_grade", "SENIOR").Value);
        PublishedCell middle = Cell(h, "K44", "2025", "job_grade", "MIDDLE");
        Assert.Equal((null, 1L, 0L, "public"), (middle.Value, middle.Numerator, middle.Denominator, middle.Disclosure));
        Assert.Equal("not measurable: B = 0 (male staff employed on the last day of the year)", middle.Note);

        // 31 Dec 2024: F1 F2 F3 F5 = 4 females; M1 M3 M4 M5 = 4 males (M2 not yet) → 100 (parity).
        Assert.Equal(100.0, Cell(h, "K44", "2024").Value);
        // 31 Dec 2026: F1 F3 F4 = 3 (F2's last day was 31 Dec 2025); M1 M2 M4 M5 = 4 → 75.
        Assert.Equal(75.0, Cell(h, "K44", "2026").Value);
    }

    [Fact]
    public void K47_counts_distinct_officials_with_a_measure_over_the_year_end_head_count()
    {
        using PipelineHarness h = StaffAndMeasures().Build("K47");
        h.Run();

        // 2025: A = distinct officials with a measure dated 2025 = F1 (D1, D2: once), M3 (D3; dismissed, not on board at
        // year end, still counted) = 2. B = everyone on board on 31 Dec 2025 = F1 F2 F3 M1 M2 M4 M5 X1 = 8. 2 / 8 × 100 = 25.
        PublishedCell total = Cell(h, "K47", "2025");
        Assert.Equal((25.0, 8L, 2L, 8L, "wco"), (total.Value, total.N, total.Numerator, total.Denominator, total.Disclosure));

        // By grade, A by the grade at the time of the measure, B by the register's grade:
        // OFFICER A = F1, M3 (OFFICER when measured) = 2, B = F1 M1 M4 M5 X1 = 5 → 40; MIDDLE A = 0, B = F3 → 0;
        // SENIOR A = 0, B = F2 M2 → 0.
        Assert.Equal(["MIDDLE", "OFFICER", "SENIOR"], BreakdownValues(h, "K47", "2025", "job_grade"));
        PublishedCell officer = Cell(h, "K47", "2025", "job_grade", "OFFICER");
        Assert.Equal((40.0, 2L, 5L, "wco"), (officer.Value, officer.Numerator, officer.Denominator, officer.Disclosure));
        PublishedCell middle = Cell(h, "K47", "2025", "job_grade", "MIDDLE");
        Assert.Equal((0.0, 0L, 1L), (middle.Value, middle.Numerator, middle.Denominator));
        PublishedCell senior = Cell(h, "K47", "2025", "job_grade", "SENIOR");
        Assert.Equal((0.0, 0L, 2L), (senior.Value, senior.Numerator, senior.Denominator));

        // By violation type only A splits; every row divides by the total B = 8. F1 counts under both of her types.
        // GIFTS_AND_HOSPITALITY F1 → 1 / 8 = 12.5; CONFLICTS_OF_INTEREST F1 → 12.5; MONEY_MATTERS M3 → 12.5.
        Assert.Equal(["CONFLICTS_OF_INTEREST", "GIFTS_AND_HOSPITALITY", "MONEY_MATTERS"], BreakdownValues(h, "K47", "2025", "violation_type"));
        foreach (string type in (string[])["CONFLICTS_OF_INTEREST", "GIFTS_AND_HOSPITALITY", "MONEY_MATTERS"])
        {
            PublishedCell row = Cell(h, "K47", "2025", "violation_type", type);
            Assert.Equal((12.5, 1L, 8L, "wco"), (row.Value, row.Numerator, row.Denominator, row.Disclosure));
        }

        // By detection source: INTERNAL F1 (D1), M3 = 2 / 8 = 25; EXTERNAL F1 (D2) = 1 / 8 = 12.5.
        PublishedCell internalSource = Cell(h, "K47", "2025", "detection_source", "INTERNAL");
        Assert.Equal((25.0, 2L, 8L), (internalSource.Value, internalSource.Numerator, internalSource.Denominator));
        Assert.Equal(12.5, Cell(h, "K47", "2025", "detection_source", "EXTERNAL").Value);

        // 2024: A = M1 (D4) = 1; B on 31 Dec 2024 = F1 F2 F3 F5 M1 M3 M4 M5 X1 = 9 → 11.11.
        PublishedCell y2024 = Cell(h, "K47", "2024");
        Assert.Equal((11.11, 1L, 9L), (y2024.Value, y2024.Numerator, y2024.Denominator));
        // 2026: A = M4 (D5) = 1; B on 31 Dec 2026 = F1 F3 F4 M1 M2 M4 M5 X1 = 8 → 12.5.
        Assert.Equal(12.5, Cell(h, "K47", "2026").Value);
    }

    // ---- K45 information requests ----

    [Fact]
    public void K45_is_the_variation_of_requests_received_on_the_year_before_by_channel()
    {
        // 2024: PHONE ×2, EMAIL, WEB = 4. 2025: PHONE ×3, EMAIL, COUNTER = 5.
        using PipelineHarness h = InformationRequests().Build("K45");
        h.Run();

        // 2025: ((5 − 4) / 4) × 100 = 25.
        PublishedCell total = Cell(h, "K45", "2025");
        Assert.Equal((25.0, 4L, 5L, 4L, "public"), (total.Value, total.N, total.Numerator, total.Denominator, total.Disclosure));
        Assert.Null(total.Note);

        // By channel: PHONE (3 − 2) / 2 = 50; EMAIL (1 − 1) / 1 = 0; WEB (0 − 1) / 1 = −100;
        // COUNTER has no request in 2024: B = 0, no value.
        Assert.Equal(["COUNTER", "EMAIL", "PHONE", "WEB"], BreakdownValues(h, "K45", "2025", "channel"));
        Assert.Equal(50.0, Cell(h, "K45", "2025", "channel", "PHONE").Value);
        Assert.Equal(0.0, Cell(h, "K45", "2025", "channel", "EMAIL").Value);
        PublishedCell web = Cell(h, "K45", "2025", "channel", "WEB");
        Assert.Equal((-100.0, 0L, 1L), (web.Value, web.Numerator, web.Denominator));
        PublishedCell counter = Cell(h, "K45", "2025", "channel", "COUNTER");
        Assert.Null(counter.Value);
        Assert.Equal("not measurable: B = 0 in year t−1 (information requests received in year t−1)", counter.Note);

        // 2024: the records start in 2024, so 2023 is missing from the data (not a year of zero requests) → no value.
        PublishedCell y2024 = Cell(h, "K45", "2024");
        Assert.Null(y2024.Value);
        Assert.Equal("not measurable: no information_request records for 2023 and no entered value", y2024.Note);
    }

    [Fact]
    public void K45_entered_values_override_the_records_for_their_cell_only()
    {
        // Same records as above (2024: 4, PHONE 2; 2025: 5, PHONE 3). Entered: B for 2024 (the B of 2025) = 10 in total;
        // A for 2025 PHONE = 6; SOCIAL_MEDIA (no records) A 2025 = 5 and B 2024 = 4.
        using PipelineHarness h = InformationRequests()
            .Aggregates("""
                kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note
                K45,B,2024,,,10,,Contact centre,all channels
                K45,A,2025,channel,PHONE,6,,Contact centre,
                K45,A,2025,channel,SOCIAL_MEDIA,5,,Contact centre,
                K45,B,2024,channel,SOCIAL_MEDIA,4,,Contact centre,
                """)
            .Build("K45");
        h.Run();

        // Total: A = 5 from records, B = 10 entered → ((5 − 10) / 10) × 100 = −50.
        PublishedCell total = Cell(h, "K45", "2025");
        Assert.Equal((-50.0, 5L, 10L), (total.Value, total.Numerator, total.Denominator));
        Assert.Equal("B entered (aggregates.csv:2)", total.Note);

        // PHONE: A = 6 entered, B = 2 from records → ((6 − 2) / 2) × 100 = 200.
        PublishedCell phone = Cell(h, "K45", "2025", "channel", "PHONE");
        Assert.Equal((200.0, 6L, 2L), (phone.Value, phone.Numerator, phone.Denominator));
        Assert.Equal("A entered (aggregates.csv:3)", phone.Note);

        // EMAIL keeps its records (1 vs 1 → 0): the total's entered B does not reach the channel rows.
        Assert.Equal(0.0, Cell(h, "K45", "2025", "channel", "EMAIL").Value);

        // SOCIAL_MEDIA exists only as entered values: ((5 − 4) / 4) × 100 = 25.
        Assert.Equal(25.0, Cell(h, "K45", "2025", "channel", "SOCIAL_MEDIA").Value);
    }

    [Fact]
    public void K45_from_entered_counts_alone_and_without_the_year_before()
    {
        // No ticket log: contact centres report yearly counts. A year's count is entered once and serves as A of its
        // year and B of the next. 2024: 19875 (entered as B of 2025); 2025: 18420; 2026: 17000; 2028: 16000 (2027 not given).
        using PipelineHarness h = new RegisterFixture()
            .Aggregates("""
                kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note
                K45,A,2025,,,18420,,Contact centre,
                K45,B,2024,,,19875,,Contact centre,
                K45,A,2026,,,17000,,Contact centre,
                K45,A,2028,,,16000,,Contact centre,
                """)
            .Build("K45");
        h.Run();

        // 2025: ((18420 − 19875) / 19875) × 100 = −1455 / 198.75 = −7.3207… → −7.32.
        PublishedCell y2025 = Cell(h, "K45", "2025");
        Assert.Equal((-7.32, 18420L, 19875L), (y2025.Value, y2025.Numerator, y2025.Denominator));
        Assert.Equal("A entered (aggregates.csv:2); B entered (aggregates.csv:3)", y2025.Note);

        // 2026: B is the 2025 count → ((17000 − 18420) / 18420) × 100 = −1420 / 184.2 = −7.7090… → −7.71.
        PublishedCell y2026 = Cell(h, "K45", "2026");
        Assert.Equal((-7.71, 17000L, 18420L), (y2026.Value, y2026.Numerator, y2026.Denominator));
        // The harness's clock stands on 2026-01-15: 2026 had not ended.
        Assert.Equal("A entered (aggregates.csv:4); B entered (aggregates.csv:2); provisional: 2026 had not ended on the run's date (2026-01-15)", y2026.Note);

        // 2028: nobody entered 2027 and no record gives it → no value, with the reason.
        PublishedCell y2028 = Cell(h, "K45", "2028");
        Assert.Null(y2028.Value);
        Assert.Equal("not measurable: the sqlite source gives no information_request records (no source.queries.information_request) and no entered value; provisional: 2028 had not ended on the run's date (2026-01-15)", y2028.Note);
    }

    private static RegisterFixture InformationRequests()
    {
        var f = new RegisterFixture();
        int n = 0;
        void Request(string date, string channel) => f.Add("information_request", ("query_id", $"Q{++n}"), ("received_on", date), ("channel", channel));
        Request("2024-02-01", "PHONE");
        Request("2024-05-01", "PHONE");
        Request("2024-07-01", "EMAIL");
        Request("2024-12-31", "WEB");
        Request("2025-01-01", "PHONE");
        Request("2025-03-01", "PHONE");
        Request("2025-06-01", "PHONE");
        Request("2025-08-01", "EMAIL");
        Request("2025-12-31", "COUNTER");
        return f;
    }

    // ---- K48 integrity reports ----

    [Fact]
    public void K48_counts_actions_with_the_year_the_report_was_received()
    {
        var f = new RegisterFixture();
        void Report(string id, string received, string mechanism, string? grade, string violation, string source, bool action, string? actionOn = null) =>
            f.Add("integrity_report", ("report_id", id), ("received_on", received), ("mechanism", mechanism), ("reported_grade", grade),
                ("violation_type", violation), ("detection_source", source), ("action_initiated", action), ("action_on", actionOn));

        Report("R1", "2025-02-10", "HOTLINE", "OFFICER", "GIFTS_AND_HOSPITALITY", "EXTERNAL", true, "2025-03-01");
        Report("R2", "2025-12-20", "HOTLINE", "OFFICER", "MONEY_MATTERS", "EXTERNAL", true, "2026-01-15"); // acted on in January
        Report("R3", "2025-06-01", "SUPERVISOR", "SENIOR", "CONFLICTS_OF_INTEREST", "INTERNAL", false);
        Report("R4", "2025-08-01", "MEDIA", null, "GIFTS_AND_HOSPITALITY", "EXTERNAL", false);
        Report("R5", "2024-12-28", "HOTLINE", "MIDDLE", "GIFTS_AND_HOSPITALITY", "INTERNAL", true, "2025-01-05"); // received in 2024
        using PipelineHarness h = f.Build("K48");
        h.Run();

        // 2025: B = R1 R2 R3 R4 = 4; A = R1 and R2 (received in December, acted on in January 2026) = 2 → 50.
        // R5's January 2025 action belongs to its 2024 report.
        PublishedCell total = Cell(h, "K48", "2025");
        Assert.Equal((50.0, 4L, 2L, 4L, "wco"), (total.Value, total.N, total.Numerator, total.Denominator, total.Disclosure));
        // 2024: R5 1 of 1 → 100.
        Assert.Equal((100.0, 1L, 1L), (Cell(h, "K48", "2024").Value, Cell(h, "K48", "2024").Numerator, Cell(h, "K48", "2024").Denominator));

        // Grade of the person reported: OFFICER R1 R2 2 / 2 = 100; SENIOR R3 0 / 1 = 0; no grade (R4) → UNKNOWN 0 / 1 = 0.
        Assert.Equal(["OFFICER", "SENIOR", "UNKNOWN"], BreakdownValues(h, "K48", "2025", "job_grade"));
        Assert.Equal(100.0, Cell(h, "K48", "2025", "job_grade", "OFFICER").Value);
        Assert.Equal((0.0, 0L, 1L), (Cell(h, "K48", "2025", "job_grade", "UNKNOWN").Value, Cell(h, "K48", "2025", "job_grade", "UNKNOWN").Numerator,
            Cell(h, "K48", "2025", "job_grade", "UNKNOWN").Denominator));

        // Violation type: GIFTS_AND_HOSPITALITY R1 ✓ R4 ✗ → 50; MONEY_MATTERS R2 → 100; CONFLICTS_OF_INTEREST R3 → 0.
        PublishedCell gifts = Cell(h, "K48", "2025", "violation_type", "GIFTS_AND_HOSPITALITY");
        Assert.Equal((50.0, 1L, 2L, "wco"), (gifts.Value, gifts.Numerator, gifts.Denominator, gifts.Disclosure));
        Assert.Equal(100.0, Cell(h, "K48", "2025", "violation_type", "MONEY_MATTERS").Value);
        Assert.Equal(0.0, Cell(h, "K48", "2025", "violation_type", "CONFLICTS_OF_INTEREST").Value);

        // Detection source: EXTERNAL R1 R2 R4 → 2 / 3 = 66.67; INTERNAL R3 → 0 / 1 = 0.
        PublishedCell external = Cell(h, "K48", "2025", "detection_source", "EXTERNAL");
        Assert.Equal((66.67, 2L, 3L), (external.Value, external.Numerator, external.Denominator));
        Assert.Equal(0.0, Cell(h, "K48", "2025", "detection_source", "INTERNAL").Value);
    }
}
