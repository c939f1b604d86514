using PmmEtl.Core.Catalogue;
using PmmEtl.Jobs.Definitions;
using static PmmEtl.EndToEnd.Tests.Kpis.Area4FosRows;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// The e-commerce Framework of Standards entries (Catalogue/Areas/FosArea.cs) end to end: the 33 monitoring indicators from
/// one questionnaire answer file, and every additional-information item — T items from shipment and seizure records,
/// T-reg items from the AEO register, A and text items answered by an officer. One run (<see cref="FosRun"/>) serves
/// every test; the records and answers are listed there and each expected value is worked out beside its assert.
/// </summary>
public sealed partial class FosKpiTests : IClassFixture<FosKpiTests.FosRun>
{
    /// <summary>The questionnaire's five implementation levels, verbatim.</summary>
    private static readonly string[] LevelLabels =
        ["Not applicable", "Not implemented (with issues)", "Progressing with implementation", "Finalising implementation", "Implementation complete"];

    /// <summary>
    /// The levels answered for 2025 in <see cref="FosRun"/>'s assessment file. Every Standard has an indicator at level 4
    /// or 5 (its additional information is asked) except Standard 9 (3 and 3: not asked).
    /// </summary>
    private static readonly Dictionary<string, int> Levels2025 = new(StringComparer.Ordinal)
    {
        ["1.1"] = 5, ["1.2"] = 4, ["1.3"] = 5, ["1.4"] = 3, ["2.1"] = 4, ["2.2"] = 3, ["3.1"] = 4, ["4.1"] = 4, ["4.2"] = 3, ["4.3"] = 3, ["4.4"] = 2,
        ["5.1"] = 5, ["5.2"] = 4, ["5.3"] = 3, ["5.4"] = 2, ["6.1"] = 4, ["6.2"] = 2, ["6.3"] = 1, ["7.1"] = 4, ["7.2"] = 5, ["7.3"] = 1,
        ["8.1"] = 5, ["8.2"] = 4, ["9.1"] = 3, ["9.2"] = 3, ["10.1"] = 4, ["11.1"] = 4, ["11.2"] = 3, ["12.1"] = 4, ["13.1"] = 4, ["14.1"] = 4,
        ["14.2"] = 2, ["15.1"] = 5,
    };

    /// <summary>2024 and 2026: Standards 1, 4, 5 and 6 (2024) and 1, 4 and 6 (2026) at level 4, every other indicator at 3 or below.</summary>
    private static Dictionary<string, int> LevelsWith(params string[] atFour) =>
        Levels2025.Keys.ToDictionary(k => k, k => atFour.Contains(k) ? 4 : Math.Min(Levels2025[k], 3), StringComparer.Ordinal);

    private readonly PipelineHarness _h;

    public FosKpiTests(FosRun run)
    {
        _h = run.Harness;
    }

    [Fact]
    public void Every_FoS_entry_of_the_catalogue_is_published_for_the_questionnaire_year()
    {
        // 15 Standards: 33 monitoring indicators and 35 additional-information items (docs/kpi-decisions.md, "Counts").
        List<KpiDefinition> fos = KpiCatalogue.Fos.Entries.ToList();
        Assert.Equal(33, fos.Count(k => k.Formula == FormulaKind.ImplementationLevel));
        Assert.Equal(35, fos.Count(k => k.Formula != FormulaKind.ImplementationLevel));

        List<string> published = _h.Query("""
            SELECT kpi_code FROM fact_kpi_value WHERE period_label = '2025' AND breakdown = 'total' AND variant = 'pmm' AND kpi_code LIKE 'FOS-%'
            """).Select(r => (string)r[0]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(fos.Select(k => k.Code).Order(StringComparer.Ordinal), published);
        // The questionnaire is answered to the WCO: every FoS row is WCO-only.
        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM fact_kpi_value WHERE kpi_code LIKE 'FOS-%' AND disclosure <> 'wco'"));
    }

    // ---- Monitoring indicators ----

    [Fact]
    public void Monitoring_indicators_publish_the_level_with_its_label_for_all_33()
    {
        List<object?[]> rows = _h.Query("""
            SELECT kpi_code, value, value_text, n, unit FROM fact_kpi_value
            WHERE period_label = '2025' AND breakdown = 'total' AND variant = 'pmm' AND regexp_matches(kpi_code, '^FOS-[0-9]+\.[0-9]+$')
            ORDER BY kpi_code
            """);
        Assert.Equal(33, rows.Count);
        foreach (object?[] r in rows)
        {
            string code = (string)r[0]!;
            int level = Levels2025[code["FOS-".Length..]];
            Assert.Equal((double)level, Convert.ToDouble(r[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal($"{level} – {LevelLabels[level - 1]}", (string?)r[2]);
            Assert.Equal(1L, Convert.ToInt64(r[3], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("level 1–5", (string?)r[4]);
        }

        // A few by hand: 1.1 answered 5, 6.3 answered 1 (not applicable: a level, not "less than 2"), 4.4 answered 2.
        PublishedCell complete = Cell(_h, "FOS-1.1", "2025");
        Assert.Equal((5.0, "5 – Implementation complete", "wco"), (complete.Value, complete.ValueText, complete.Disclosure));
        Assert.Null(complete.Note);
        Assert.Equal((1.0, "1 – Not applicable"), (Cell(_h, "FOS-6.3", "2025").Value, Cell(_h, "FOS-6.3", "2025").ValueText));
        Assert.Equal((2.0, "2 – Not implemented (with issues)"), (Cell(_h, "FOS-4.4", "2025").Value, Cell(_h, "FOS-4.4", "2025").ValueText));
    }

    [Fact]
    public void Capacity_building_answers_are_published_one_row_per_question_of_the_reported_level()
    {
        // 1.4 at level 3 answered 3a, 3b with a yes, and so 3c; 4.4 at level 2 answered 2a and 2b; 1.1 at level 5, 5a and 5b.
        Assert.Equal(["3a", "3b", "3c"], BreakdownValues(_h, "FOS-1.4", "2025", "capacity_building"));
        PublishedCell help = Cell(_h, "FOS-1.4", "2025", "capacity_building", "3c");
        Assert.Equal(((double?)null, "Guidance on data ownership in platform data-sharing agreements", 1L, "wco"), (help.Value, help.ValueText, help.N, help.Disclosure));
        Assert.Equal("3c: If yes, how could capacity building assist you to overcome these difficulties?", help.Note);
        Assert.Equal("Yes: ownership of platform data is unclear", Cell(_h, "FOS-1.4", "2025", "capacity_building", "3b").ValueText);

        Assert.Equal(["2a", "2b"], BreakdownValues(_h, "FOS-4.4", "2025", "capacity_building"));
        PublishedCell nii = Cell(_h, "FOS-4.4", "2025", "capacity_building", "2b");
        Assert.Equal(("NII equipment for postal hubs", "2b: How could capacity building assist you to overcome these difficulties?"), (nii.ValueText, nii.Note));
        Assert.Equal(["5a", "5b"], BreakdownValues(_h, "FOS-1.1", "2025", "capacity_building"));

        // Every indicator: exactly the questions of its level (3b and 4c answered no elsewhere, so no 3c or 4d), nothing else.
        foreach ((string indicator, int level) in Levels2025)
        {
            string[] asked = level switch
            {
                1 => ["1a"],
                2 => ["2a", "2b"],
                3 => indicator == "1.4" ? ["3a", "3b", "3c"] : ["3a", "3b"],
                4 => ["4a", "4b", "4c"],
                _ => ["5a", "5b"],
            };
            Assert.Equal(asked, BreakdownValues(_h, "FOS-" + indicator, "2025", "capacity_building"));
        }
    }

    [Fact]
    public void A_year_without_levels_has_no_value_for_any_monitoring_indicator_and_asks_no_additional_information()
    {
        // 2023 is measured (shipment P0) but its questionnaire was not answered.
        List<object?[]> rows = _h.Query("""
            SELECT kpi_code, value, value_text, note FROM fact_kpi_value
            WHERE period_label = '2023' AND breakdown = 'total' AND variant = 'pmm' AND regexp_matches(kpi_code, '^FOS-[0-9]+\.[0-9]+$')
            ORDER BY kpi_code
            """);
        Assert.Equal(33, rows.Count);
        foreach (object?[] r in rows)
        {
            Assert.Null(r[1]);
            Assert.Null(r[2]);
            Assert.Equal($"not measurable: no implementation level reported for {r[0]} in 2023 (inputs.assessments, fos)", (string?)r[3]);
        }

        // The additional information is asked only where a Standard is implemented: without levels, none is, so even
        // FOS-1.A, which P0 (an electronic e-commerce shipment) would make 100 %, has no value.
        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM fact_kpi_value WHERE period_label = '2023' AND kpi_code LIKE 'FOS-%' AND (value IS NOT NULL OR value_text IS NOT NULL)"));
        PublishedCell electronic = Cell(_h, "FOS-1.A", "2023");
        Assert.Equal(
            "not measurable: not asked: no implementation level of Standard 1 is reported for 2023 (inputs.assessments, fos), and additional information is asked only where the Standard is implemented, fully or partially (level 4 or 5)",
            electronic.Note);
    }

    [Fact]
    public void Additional_information_is_published_only_where_the_Standard_is_implemented_fully_or_partially()
    {
        // 2025: Standard 9 is at level 3 at most (9.1 and 9.2): FOS-9.A is not asked, whatever the officer might know.
        PublishedCell joint = Cell(_h, "FOS-9.A", "2025");
        Assert.Equal(((double?)null, (string?)null, 0L), (joint.Value, joint.ValueText, joint.N));
        Assert.Equal(
            "not measurable: not asked: Standard 9 is at level 3 in 2025 (its highest, FOS-9.1), and additional information is asked only where the Standard is implemented, fully or partially (level 4 or 5)",
            joint.Note);

        // 2024: Standards 1, 4, 5 and 6 are at level 4 and their items are measured (FOS-1.A from P1, FOS-6.A from the AEO
        // register); Standard 7 is at level 3 at most, so FOS-7.C is not asked although 2024 has shipments.
        Assert.Equal(100.0, Cell(_h, "FOS-1.A", "2024").Value);
        Assert.Equal(3.0, Cell(_h, "FOS-6.A", "2024").Value);
        Assert.StartsWith("not measurable: not asked: Standard 7 is at level 3 in 2024", Cell(_h, "FOS-7.C", "2024").Note, StringComparison.Ordinal);
        // Level 4 at one indicator is enough: Standard 6 in 2025 has 6.1 at 4, 6.2 at 2 and 6.3 at 1.
        Assert.Equal(2.0, Cell(_h, "FOS-6.A", "2025").Value);
    }

    [Fact]
    public void An_fos_section_missing_an_indicator_is_refused()
    {
        // Levels for 32 of the 33 indicators: a partial questionnaire would publish a partial picture as if it were whole.
        using PipelineHarness h = new RegisterFixture()
            .Assessment("year: 2025\n" + FosAnswers.Section(Levels2025.Where(l => l.Key != "15.1").ToDictionary()))
            .Build("FOS-1.1", "FOS-15.1");

        PipelineDefinitionException e = Assert.Throws<PipelineDefinitionException>(() => h.Run());
        Assert.Contains("fos.FOS-15.1: missing: when the fos section is present, every FoS monitoring indicator has its level", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Additional_information_answered_where_not_asked_or_missing_where_asked_is_refused_with_file_and_line()
    {
        // 2025 with Standard 2 at level 4 (2.1) and Standard 9 at 3: FOS-2.A and FOS-2.B are asked (2.B answered in the
        // aggregates file, 2.A nowhere); FOS-9.A is answered in fos_items (line 37) and FOS-12.B in the aggregates file (line
        // 3), neither asked (Standard 12 at level 3 here). Every other asked item is answered.
        Dictionary<string, int> levels = LevelsWith("2.1");
        using PipelineHarness h = new RegisterFixture()
            .Assessment("year: 2025\n" + FosAnswers.Section(levels) + """
                fos_items:
                  "FOS-9.A": "Two joint operations"

                """)
            .Aggregates("""
                kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note
                FOS-2.B,A,2025,,,,WCO Data Model 3.10,IT unit,
                FOS-12.B,A,2025,,,5,,International relations unit,
                """)
            .Build("FOS-2.A");

        PipelineDefinitionException e = Assert.Throws<PipelineDefinitionException>(() => h.Run());
        Assert.Contains("assessment.yaml: line 37: FOS-9.A: not asked: Standard 9 is at level 3 in 2025 (its highest, FOS-9.1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("aggregates.csv: line 3: FOS-12.B: not asked: Standard 12 is at level 3 in 2025 (its highest, FOS-12.1)", e.Message, StringComparison.Ordinal);
        Assert.Contains(
            "assessment.yaml: line 7: fos_items.FOS-2.A: missing: Standard 2 is at level 4 in 2025 (FOS-2.1), so the questionnaire asks 'Number of data elements mapped with the WCO Data Model'",
            e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("FOS-2.B", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The one run behind every FoS test, for 2024 – 2026. Records (office NYC; times local):
    /// <code>
    /// Shipments 2025, e-commerce (S1 … S6) and not (N1 … N3); P1 is an e-commerce shipment of 2024.
    /// id  dir elec advance   arrival   lodged→cleared (min) risk   phys nii imm simpl SW  model        duty      acct below return/acct
    /// S1  IMP 1    03-01 08  03-01 12  12:30→13:00 (30)     LOW    0    0   1   1     1   VENDOR       100 USD   1    0     0
    /// S2  IMP 1    03-02 15  03-02 10  10:00→11:31 (91)     LOW    1    0   1   0     1   NONE         50 EUR    0    0     0
    /// S3  EXP 0    —         04-01 09  08:00→08:45 (45)     MEDIUM 0    1   1   1     1   INTERMEDIARY 20 USD    0    0     1 / 1
    /// S4  IMP 1    05-01 06  —         07:00→ —             LOW    0    0   1   1     1   BUYER        45 USD    1    0     1 / 0
    /// S5  IMP 1    06-01 07  06-01 09  09:00→10:00 (60)     LOW    0    1   0   0     1   —            —         —    0     0
    /// S6  EXP 1    07-01 12  07-01 11  10:00→10:20 (20)     HIGH   0    0   1   1     1   VENDOR       30 USD    0    0     0
    /// N1  IMP 1    03-10 08  03-10 09  09:00→09:20 (20)     LOW    0    1   1   1     1   VENDOR       1000 USD  1    1     1 / 1
    /// N2  EXP 0;  N3 IMP 1 (nothing else);  P1 2024-11-01 IMP e-commerce, electronic.
    /// EUR = 1.10 USD, so S2's duty is 55 USD.
    /// Seizures: Z1 2025-03-05 e-com NII (S3) · Z2 2025-06-03 e-com NII (S5) · Z3 2025-07-03 e-com DATA_ANALYTICS (S6) ·
    /// Z4 2025-07-10 e-com DATA_ANALYTICS (S6 again) · Z5 2025-08-01 e-com DATA_ANALYTICS (no shipment) ·
    /// Z6 2025-09-01 not e-com NII (N1) · Z7 2025-09-02 e-com RISK_PROFILE (S2) · Z8 2026-01-15 e-com DATA_ANALYTICS (S1) ·
    /// Z9 2025-10-01 not e-com DATA_ANALYTICS (N3).
    /// AEO authorisations (operator, valid from → last day, MRA-only, e-commerce operator):
    /// AU1 OP1 2020-01-01 → · AU2 OP1 2022-01-01 → (second authorisation) · AU3 OP2 2019-01-01 → 2025-12-31, not e-com ·
    /// AU4 OP3 2018-01-01 → 2025-06-30 · AU5 OP4 2019-01-01 →, MRA-only · AU6 OP5 2026-01-01 → · AU7 OP6 2021-01-01 →, not e-com ·
    /// AU8 OP7 2024-03-01 →. All others e-commerce operators, none MRA-only.
    /// </code>
    /// P0 is an e-commerce electronic shipment of 2023, a year without a questionnaire.
    /// Officer answers for 2025: all 33 levels (<see cref="Levels2025"/>) with their capacity-building answers, fos_items
    /// for every A and text item of the Standards asked (all but Standard 9) but FOS-12.B (a number) and FOS-15.B (a text),
    /// which come from the aggregates file instead. 2024: Standards 1, 4, 5 and 6 at level 4 (FOS-6.C answered 3); 2026:
    /// Standards 1, 4 and 6 (FOS-6.C answered 5); every other indicator at 3 or below. 2023 has no questionnaire.
    /// </summary>
    public sealed class FosRun : IDisposable
    {
        public FosRun()
        {
            var f = new RegisterFixture();
            AddShipments(f);
            AddSeizures(f);
            AddAeoRegister(f);
            f.Assessment(Assessment())
                .Assessment("year: 2024\n" + FosAnswers.Section(LevelsWith("1.1", "4.1", "5.1", "6.1")) + "fos_items:\n  \"FOS-6.C\": 3\n")
                .Assessment("year: 2026\n" + FosAnswers.Section(LevelsWith("1.1", "4.1", "6.1")) + "fos_items:\n  \"FOS-6.C\": 5\n")
                .Aggregates("""
                    kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note
                    FOS-12.B,A,2025,,,5,,International relations unit,
                    FOS-15.B,A,2025,,,,Blockchain pilot for tracking postal e-commerce consignments,Innovation unit,
                    """)
                .Yaml("currency:\n  usd_rates: { EUR: 1.10 }");
            Harness = f.Build([.. KpiCatalogue.Fos.Entries.Select(k => k.Code)]);
            Harness.Run();
        }

        public PipelineHarness Harness { get; }

        public void Dispose() => Harness.Dispose();

        private static void AddShipments(RegisterFixture f)
        {
            void Ship(string id, string date, string direction, bool ecommerce, bool electronic, string? advance = null, string? arrival = null,
                string? lodged = null, string? cleared = null, string? risk = null, bool? physical = null, bool? nii = null, bool? immediate = null,
                bool? simplified = null, bool? singleWindow = null, string? model = null, double? duty = null, string? currency = null,
                bool? accountBased = null, bool? belowDeMinimis = null, bool? isReturn = null, bool? returnAccountBased = null) =>
                f.Add("shipment", ("shipment_id", id), ("shipment_date", date), ("office_code", "NYC"), ("direction", direction),
                    ("ecommerce", ecommerce), ("electronic_data", electronic), ("advance_data_at", advance), ("arrival_at", arrival),
                    ("lodged_at", lodged), ("cleared_at", cleared), ("risk_level", risk), ("physical_exam", physical), ("nii", nii),
                    ("immediate_release", immediate), ("simplified_procedure", simplified), ("single_window", singleWindow),
                    ("revenue_model", model), ("duty_tax", duty), ("currency", currency), ("account_based_payment", accountBased),
                    ("below_de_minimis", belowDeMinimis), ("is_return", isReturn), ("return_account_based", returnAccountBased));

            Ship("S1", "2025-03-01", "IMPORT", true, true, "2025-03-01 08:00", "2025-03-01 12:00", "2025-03-01 12:30", "2025-03-01 13:00", "LOW",
                false, false, true, true, true, "VENDOR", 100, "USD", true, false, false);
            Ship("S2", "2025-03-02", "IMPORT", true, true, "2025-03-02 15:00", "2025-03-02 10:00", "2025-03-02 10:00", "2025-03-02 11:31", "LOW",
                true, false, true, false, true, "NONE", 50, "EUR", false, false, false);
            Ship("S3", "2025-04-01", "EXPORT", true, false, null, "2025-04-01 09:00", "2025-04-01 08:00", "2025-04-01 08:45", "MEDIUM",
                false, true, true, true, true, "INTERMEDIARY", 20, "USD", false, false, true, true);
            Ship("S4", "2025-05-01", "IMPORT", true, true, "2025-05-01 06:00", null, "2025-05-01 07:00", null, "LOW",
                false, false, true, true, true, "BUYER", 45, "USD", true, false, true, false);
            Ship("S5", "2025-06-01", "IMPORT", true, true, "2025-06-01 07:00", "2025-06-01 09:00", "2025-06-01 09:00", "2025-06-01 10:00", "LOW",
                false, true, false, false, true, null, null, null, null, false, false);
            Ship("S6", "2025-07-01", "EXPORT", true, true, "2025-07-01 12:00", "2025-07-01 11:00", "2025-07-01 10:00", "2025-07-01 10:20", "HIGH",
                false, false, true, true, true, "VENDOR", 30, "USD", false, false, false);
            Ship("N1", "2025-03-10", "IMPORT", false, true, "2025-03-10 08:00", "2025-03-10 09:00", "2025-03-10 09:00", "2025-03-10 09:20", "LOW",
                false, true, true, true, true, "VENDOR", 1000, "USD", true, true, true, true);
            Ship("N2", "2025-08-01", "EXPORT", false, false);
            Ship("N3", "2025-09-01", "IMPORT", false, true);
            Ship("P1", "2024-11-01", "IMPORT", true, true);
            Ship("P0", "2023-05-01", "IMPORT", true, true);
        }

        private static void AddSeizures(RegisterFixture f)
        {
            void Seize(string id, string date, bool ecommerce, string method, string? shipment) =>
                f.Add("seizure", ("seizure_id", id), ("seizure_date", date), ("office_code", "NYC"), ("object_type", "GOODS"),
                    ("via_passenger_control", false), ("performed_by", "CUSTOMS"), ("detection_method", method), ("ecommerce", ecommerce),
                    ("shipment_id", shipment));

            Seize("Z1", "2025-03-05", true, "NII", "S3");
            Seize("Z2", "2025-06-03", true, "NII", "S5");
            Seize("Z3", "2025-07-03", true, "DATA_ANALYTICS", "S6");
            Seize("Z4", "2025-07-10", true, "DATA_ANALYTICS", "S6");
            Seize("Z5", "2025-08-01", true, "DATA_ANALYTICS", null);
            Seize("Z6", "2025-09-01", false, "NII", "N1");
            Seize("Z7", "2025-09-02", true, "RISK_PROFILE", "S2");
            Seize("Z8", "2026-01-15", true, "DATA_ANALYTICS", "S1");
            Seize("Z9", "2025-10-01", false, "DATA_ANALYTICS", "N3");
            // 2024 holds a seizure, of no e-commerce kind: the year is covered, and its e-commerce counts are true zeros.
            Seize("Z10", "2024-05-02", false, "RISK_PROFILE", null);
        }

        private static void AddAeoRegister(RegisterFixture f)
        {
            void Aeo(string id, string op, string type, string from, string? to, bool mra, bool ecommerce) =>
                f.Add("aeo_authorisation", ("authorisation_id", id), ("operator_id", op), ("aeo_operator_type", type), ("valid_from", from),
                    ("valid_to", to), ("recognised_via_mra", mra), ("ecommerce_operator", ecommerce));

            Aeo("AU1", "OP1", "IMPORTER", "2020-01-01", null, false, true);
            Aeo("AU2", "OP1", "CUSTOMS_BROKER", "2022-01-01", null, false, true);
            Aeo("AU3", "OP2", "EXPORTER", "2019-01-01", "2025-12-31", false, false);
            Aeo("AU4", "OP3", "LOGISTICS_OPERATOR", "2018-01-01", "2025-06-30", false, true);
            Aeo("AU5", "OP4", "CARRIER", "2019-01-01", null, true, true);
            Aeo("AU6", "OP5", "LOGISTICS_OPERATOR", "2026-01-01", null, false, true);
            Aeo("AU7", "OP6", "MANUFACTURER", "2021-01-01", null, false, false);
            Aeo("AU8", "OP7", "LOGISTICS_OPERATOR", "2024-03-01", null, false, true);
        }

        private static string Assessment() =>
            "year: 2025\n"
            + FosAnswers.Section(Levels2025, new Dictionary<string, string>
            {
                ["1.4"] = "{ 3a: \"A working group on data-sharing agreements\", 3b: \"Yes: ownership of platform data is unclear\", 3c: \"Guidance on data ownership in platform data-sharing agreements\" }",
                ["4.4"] = "{ 2a: \"No scanners at the postal hubs\", 2b: \"NII equipment for postal hubs\" }",
            })
            + """
            fos_items:
              "FOS-2.A": 412
              "FOS-2.B": "WCO Data Model 3.10"
              "FOS-3.A": "Risk profiles per postal and express channel"
              "FOS-6.C": 4
              "FOS-7.A": "Vendor collection model for VAT; intermediary collection model for duties"
              "FOS-8.B": 800
              "FOS-8.C": "No"
              "FOS-11.A": 6
              "FOS-11.B": 3
              "FOS-12.A": 9
              "FOS-13.A": 4
              "FOS-13.B": 7
              "FOS-14.A": "Quarterly"
              "FOS-15.A": "Machine-learning classification of item descriptions"

            """;
    }
}
