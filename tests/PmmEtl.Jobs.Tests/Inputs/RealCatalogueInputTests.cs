using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Jobs.Definitions.Inputs;

namespace PmmEtl.Jobs.Tests.Inputs;

/// <summary>The readers against the real catalogue (KpiCatalogue.All), and the demo pipeline's input files.</summary>
public sealed class RealCatalogueInputTests
{
    private const string Name = "a.yaml";

    private static AssessmentInputs Read(string yaml) => new AssessmentFileReader().Read(new StringReader(yaml), Name);

    private static IReadOnlyList<string> Problems(string yaml) => Assert.Throws<InputFileException>(() => Read(yaml)).Problems;

    [Fact]
    public void K46_has_items_A_to_C_and_K42_has_no_item_E()
    {
        AssessmentInputs inputs = Read("year: 2025\nchecklists:\n  K46: { A: yes, B: no, C: yes }\n");
        Assert.Equal(["A", "B", "C"], inputs.Checklists.Select(a => a.Item));

        Assert.Equal(
            [
                $"{Name}: line 3: checklists.K46.D: unknown item 'D' (K46 has A–C)",
                $"{Name}: line 4: checklists.K42.E: unknown item 'E' (K42 has A, B, C, D, F, G, H, I)",
                $"{Name}: line 5: checklists.K50: K50 is not a self-assessment checklist (its formula is ToolAwareness): it cannot be answered here",
            ],
            Problems("""
                year: 2025
                checklists:
                  K46: { A: yes, B: no, C: yes, D: yes }
                  K42: { A: yes, B: yes, C: yes, D: yes, E: yes, F: yes, G: yes, H: yes, I: yes }
                  K50: { A: yes }
                """));
    }

    [Fact]
    public void The_briefs_example_message_for_K01()
    {
        var e = Assert.Throws<InputFileException>(() => new AssessmentFileReader().Read(new StringReader("""
            # Self-assessment answers
            # of the 2025 cycle.
            year: 2025

            checklists:
              K01:
                J: yes
            """), "demo-inputs/assessment-2025.yaml"));

        Assert.Equal("demo-inputs/assessment-2025.yaml: line 7: checklists.K01.J: unknown item 'J' (K01 has A–I)", e.Problems[0]);
        // Items A–I are then all missing, reported on the line of K01's answers.
        Assert.Equal(10, e.Problems.Count);
        Assert.Equal("demo-inputs/assessment-2025.yaml: line 7: checklists.K01.A: missing: every item of K01 is answered yes or no", e.Problems[1]);
    }

    [Fact]
    public void The_fos_section_needs_all_33_indicators()
    {
        // Indicators 1.1 … 15.1: 4+2+1+4+4+3+3+2+2+1+2+1+1+2+1 = 33 per Standard.
        Assert.Equal(33, KpiCatalogue.All.Count(k => k.Formula == FormulaKind.ImplementationLevel));
        IReadOnlyList<string> problems = Problems("year: 2025\nfos:\n  \"1.1\": { level: 4 }\n  FOS-15.1: { level: 2 }\n  \"15.2\": { level: 1 }\n");
        Assert.Equal(
            $"{Name}: line 5: fos.15.2: unknown indicator '15.2' (the FoS monitoring indicators are FOS-1.1 … FOS-15.1)",
            Assert.Single(problems, p => p.Contains("15.2", StringComparison.Ordinal)));
        Assert.Contains($"{Name}: line 3: fos.FOS-1.2: missing: when the fos section is present, every FoS monitoring indicator has its level", problems);
        // 33 indicators less the two given.
        Assert.Equal(31, problems.Count(p => p.Contains(": missing: when the fos section is present", StringComparison.Ordinal)));
    }

    [Fact]
    public void Fos_items_take_numbers_texts_or_are_computed_from_records()
    {
        AssessmentInputs inputs = Read("year: 2025\nfos_items:\n  \"FOS-2.A\": 412\n  \"2.B\": \"WCO DM 3.10\"\n");
        var year = new LocalDate(2025, 1, 1);
        Assert.Equal(
            [
                new EnteredValue("FOS-2.A", "A", PeriodType.Year, year, null, null, 412, null, Name + ":3"),
                new EnteredValue("FOS-2.B", "A", PeriodType.Year, year, null, null, null, "WCO DM 3.10", Name + ":4"),
            ],
            inputs.Entered);
        Assert.Equal(
            [
                $"{Name}: line 3: fos_items.FOS-1.A: FOS-1.A is computed from its variables (A, B): enter them in an aggregates file",
                $"{Name}: line 4: fos_items.FOS-8.B: FOS-8.B is answered with a number, got 'eight hundred'",
            ],
            Problems("year: 2025\nfos_items:\n  \"FOS-1.A\": 95\n  \"FOS-8.B\": eight hundred\n"));
    }

    [Fact]
    public void The_demo_assessment_answers_everything_an_officer_must_answer()
    {
        AssessmentInputs inputs = new AssessmentFileReader().ReadFile(RepoFiles.Path("pipelines/demo-inputs/assessment-2025.yaml"));

        // Every checklist KPI of the catalogue has all its items answered.
        foreach (KpiDefinition kpi in KpiCatalogue.All.Where(k => k.Formula == FormulaKind.Checklist))
        {
            Assert.Equal(kpi.Items.Select(i => i.Code), inputs.Checklists.Where(a => a.KpiCode == kpi.Code).Select(a => a.Item));
        }

        // Every FoS indicator has its level and the answers to the capacity-building questions of that level (the
        // conditional 3c and 4d only after a yes); every FoS item only an officer can give (entered counts, text answers)
        // has its answer exactly where the Standard is implemented, fully or partially (an indicator at level 4 or 5).
        Assert.Equal(KpiCatalogue.All.Where(k => k.Formula == FormulaKind.ImplementationLevel).Select(k => k.Code), inputs.FosLevels.Select(l => l.IndicatorCode));
        foreach (FosLevelAnswer level in inputs.FosLevels)
        {
            string[] asked = level.Level switch
            {
                1 => ["1a"],
                2 => ["2a", "2b"],
                3 => ["3a", "3b"],
                4 => ["4a", "4b", "4c"],
                _ => ["5a", "5b"],
            };
            Assert.Equal(asked, level.CapacityBuilding.Select(a => a.Question).Where(q => q is not ("3c" or "4d")));
        }

        int[] implemented = [.. inputs.FosLevels.GroupBy(l => l.Standard).Where(g => g.Max(l => l.Level) >= 4).Select(g => g.Key)];
        Assert.Equal([1, 2, 3, 4, 5, 7, 8, 10, 11, 13], implemented.Order());
        Assert.Equal(
            KpiCatalogue.All.Where(k => k.Family == CatalogueFamily.Fos && k.Variables.Count > 0 && k.Variables.All(v => v.IsEntered) && implemented.Contains(k.FosStandard!.Value))
                .Select(k => k.Code).Order(StringComparer.Ordinal),
            inputs.Entered.Select(e => e.KpiCode).Order(StringComparer.Ordinal));

        // 17 tools over the four dimensions: I 6, II 4, III 4, IV 3.
        Assert.Equal(["I:6", "II:4", "III:4", "IV:3"], inputs.Tools.GroupBy(t => t.Dimension).Select(g => $"{g.Key}:{g.Count()}"));
        // K01 6 of 9 yes, K22 12 of 17, K46 2 of 3.
        Assert.Equal((6, 12, 2), (Yes("K01"), Yes("K22"), Yes("K46")));

        int Yes(string kpi) => inputs.Checklists.Count(a => a.KpiCode == kpi && a.Yes);
    }

    [Fact]
    public void The_demo_aggregates_are_valid_and_their_channels_add_up()
    {
        IReadOnlyList<EnteredValue> values = new AggregateFileReader().ReadFile(RepoFiles.Path("pipelines/demo-inputs/aggregates-2025.csv"));

        // 2025: 9810 + 4120 + 3650 + 840 = 18420; 2024: 11240 + 4305 + 3190 + 1140 = 19875.
        foreach (var (variable, year, total) in new[] { ("A", 2025, 18420.0), ("B", 2024, 19875.0) })
        {
            var cells = values.Where(v => v.KpiCode == "K45" && v.Variable == variable && v.PeriodStart == new LocalDate(year, 1, 1)).ToList();
            Assert.Equal(total, cells.Single(c => c.Breakdown is null).Number);
            Assert.Equal(total, cells.Where(c => c.Breakdown == "channel").Sum(c => c.Number));
        }

        // K11: 3 of the 4 declaration types standardised.
        Assert.Equal([("A", 3.0), ("B", 4.0)], values.Where(v => v.KpiCode == "K11").Select(v => (v.Variable, v.Number!.Value)));
        // Every entered variable of a PMM KPI has a value for 2025 (B of a variation for 2024, the year it counts).
        foreach (KpiDefinition kpi in KpiCatalogue.Pmm)
        {
            foreach (KpiVariable v in kpi.Variables.Where(v => v.IsEntered))
            {
                Assert.Contains(values, e => e.KpiCode == kpi.Code && e.Variable == v.Name && e.PeriodStart == new LocalDate(2025 + v.YearOffset, 1, 1));
            }
        }
    }
}
