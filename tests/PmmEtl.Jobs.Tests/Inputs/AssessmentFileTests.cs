using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Jobs.Definitions.Inputs;

namespace PmmEtl.Jobs.Tests.Inputs;

/// <summary>The assessment file: checklists, WCO tools, FoS levels and FoS items, each mistake named by file, line and field.</summary>
public sealed class AssessmentFileTests
{
    private const string Name = "demo-inputs/assessment-2025.yaml";

    private static AssessmentInputs Read(string yaml) => new AssessmentFileReader(TestCatalogue.All).Read(new StringReader(yaml), Name);

    private static IReadOnlyList<string> Problems(string yaml) =>
        Assert.Throws<InputFileException>(() => Read(yaml)).Problems;

    [Fact]
    public void Every_answer_is_read_with_its_year_and_the_line_it_came_from()
    {
        AssessmentInputs inputs = Read("""
            year: 2025
            checklists:
              K01: { A: yes, B: yes, C: no, D: yes, E: yes, F: no, G: yes, H: yes, I: no }
              K46:
                A: yes
                B: no
                C: yes
            wco_tools:
              - { tool: Revised Kyoto Convention, dimension: I, awareness: 1, use: 2 }
              - { tool: SAFE Framework of Standards, dimension: III, awareness: 0, use: 1 }
            fos:
              "1.1": { level: 4, capacity_building: { 4a: rules, 4b: approval, 4c: "Yes, staff", 4d: "needs training on risk engines" } }
              FOS-1.2: { level: 2, capacity_building: { 2a: no budget, 2b: a scoping mission } }
              "2.1": { level: 5, capacity_building: { 5b: start small, 5a: "by law, reviewed yearly" } }
            fos_items:
              "FOS-2.A": 412
              "2.B": "WCO DM 3.10"
            """);

        // 9 items of K01 and 3 of K46.
        Assert.Equal(12, inputs.Checklists.Count);
        Assert.Equal(new ChecklistAnswer("K01", 2025, "C", false, Name + ":3"), inputs.Checklists[2]);
        // K01 has 6 yes of 9, K46 has 2 yes of 3.
        Assert.Equal((6, 2), (inputs.Checklists.Count(a => a.KpiCode == "K01" && a.Yes), inputs.Checklists.Count(a => a.KpiCode == "K46" && a.Yes)));
        Assert.Equal(Name + ":6", inputs.Checklists.Single(a => a.KpiCode == "K46" && a.Item == "B").Source);
        Assert.Equal(
            [
                new ToolAnswer(2025, "Revised Kyoto Convention", "I", 1, 2, Name + ":9"),
                new ToolAnswer(2025, "SAFE Framework of Standards", "III", 0, 1, Name + ":10"),
            ],
            inputs.Tools);
        Assert.Equal(
            [$"FOS-1.1 2025 4 {Name}:12", $"FOS-1.2 2025 2 {Name}:13", $"FOS-2.1 2025 5 {Name}:14"],
            inputs.FosLevels.Select(l => $"{l.IndicatorCode} {l.Year} {l.Level} {l.Source}"));
        // The capacity-building answers of each indicator, keyed by question, in the questionnaire's order.
        Assert.Equal(
            [
                new CapacityBuildingAnswer("4a", "rules", Name + ":12"),
                new CapacityBuildingAnswer("4b", "approval", Name + ":12"),
                new CapacityBuildingAnswer("4c", "Yes, staff", Name + ":12"),
                new CapacityBuildingAnswer("4d", "needs training on risk engines", Name + ":12"),
            ],
            inputs.FosLevels[0].CapacityBuilding);
        Assert.Equal(["2a: no budget", "2b: a scoping mission"], inputs.FosLevels[1].CapacityBuilding.Select(a => $"{a.Question}: {a.Text}"));
        Assert.Equal(["5a", "5b"], inputs.FosLevels[2].CapacityBuilding.Select(a => a.Question));
        var year = new LocalDate(2025, 1, 1);
        Assert.Equal(
            [
                new EnteredValue("FOS-2.A", "A", PeriodType.Year, year, null, null, 412, null, Name + ":16"),
                new EnteredValue("FOS-2.B", "A", PeriodType.Year, year, null, null, null, "WCO DM 3.10", Name + ":17"),
            ],
            inputs.Entered);
    }

    [Fact]
    public void Sections_are_optional_but_the_year_is_not()
    {
        AssessmentInputs empty = Read("year: 2024\n");
        Assert.Equal((0, 0, 0, 0), (empty.Checklists.Count, empty.Tools.Count, empty.FosLevels.Count, empty.Entered.Count));
        Assert.Equal([$"{Name}: line 1: year: missing required key"], Problems("checklists:\n  K46: { A: yes, B: yes, C: yes }\n"));
    }

    [Fact]
    public void Every_mistake_of_the_file_is_listed_with_its_line_and_field()
    {
        IReadOnlyList<string> problems = Problems("""
            year: 2025
            checklists:
              K01: { A: yes, B: yes, C: maybe, D: yes, E: yes, F: no, G: yes, H: yes, J: no }
              K46: { A: yes, B: no }
              K16: { A: yes }
              K77: { A: yes }
            wco_tools:
              - { tool: Revised Kyoto Convention, dimension: V, awareness: 2, use: 3 }
              - { tool: "", dimension: I, awareness: 1, use: 0 }
              - { tool: Revised Kyoto Convention, dimension: II, awareness: 1, use: 0 }
            fos:
              "1.1": { level: 6 }
              "16.1": { level: 3 }
            fos_items:
              "FOS-2.A": many
              "FOS-2.B": 3.10
              "FOS-9.Z": 1
              "FOS-3.A": 5
              "1.1": 3
            colour: blue
            """);

        Assert.Equal(
            [
                $"{Name}: line 20: colour: unknown key (expected one of: year, checklists, wco_tools, fos, fos_items)",
                $"{Name}: line 3: checklists.K01.C: expected yes or no, got 'maybe'",
                $"{Name}: line 3: checklists.K01.J: unknown item 'J' (K01 has A–I)",
                // An item left out is reported on the line of its KPI's answers.
                $"{Name}: line 3: checklists.K01.I: missing: every item of K01 is answered yes or no",
                $"{Name}: line 4: checklists.K46.C: missing: every item of K46 is answered yes or no",
                $"{Name}: line 5: checklists.K16: K16 is not a self-assessment checklist (its formula is Ratio): it cannot be answered here",
                $"{Name}: line 6: checklists.K77: unknown KPI 'K77'",
                $"{Name}: line 8: wco_tools[0].dimension: expected a PMM performance dimension I, II, III or IV, got 'V'",
                $"{Name}: line 8: wco_tools[0].awareness: expected a whole number from 0 to 1, got '2'",
                $"{Name}: line 8: wco_tools[0].use: expected a whole number from 0 to 2, got '3'",
                $"{Name}: line 9: wco_tools[1].tool: expected a non-empty text value",
                $"{Name}: line 10: wco_tools[2].tool: 'Revised Kyoto Convention' is listed twice (lines 8 and 10)",
                $"{Name}: line 12: fos.1.1.level: expected a whole number from 1 to 5, got '6'",
                $"{Name}: line 13: fos.16.1: unknown indicator '16.1' (the FoS monitoring indicators are FOS-1.1 … FOS-2.1)",
                // The section is present, so every indicator must be: reported on the section's first line.
                $"{Name}: line 12: fos.FOS-1.2: missing: when the fos section is present, every FoS monitoring indicator has its level",
                $"{Name}: line 12: fos.FOS-2.1: missing: when the fos section is present, every FoS monitoring indicator has its level",
                $"{Name}: line 15: fos_items.FOS-2.A: FOS-2.A is answered with a number, got 'many'",
                $"{Name}: line 16: fos_items.FOS-2.B: FOS-2.B is answered with text, got the number 3.10 (quote it if it is text)",
                $"{Name}: line 17: fos_items.FOS-9.Z: unknown item 'FOS-9.Z'",
                $"{Name}: line 18: fos_items.FOS-3.A: FOS-3.A is computed from its variables (A, B): enter them in an aggregates file",
                $"{Name}: line 19: fos_items.1.1: unknown item '1.1': a monitoring indicator, whose level goes under fos",
            ],
            problems);
    }

    [Fact]
    public void The_same_indicator_twice_and_a_broken_file_are_refused()
    {
        Assert.Equal(
            [$"{Name}: line 3: fos.FOS-1.1: FOS-1.1 is given twice (lines 2 and 3)"],
            Problems("""
                fos:
                  "1.1": { level: 1, capacity_building: { 1a: no platforms } }
                  FOS-1.1: { level: 2, capacity_building: { 2a: none, 2b: none } }
                  FOS-1.2: { level: 3, capacity_building: { 3a: a study, 3b: "No" } }
                  FOS-2.1: { level: 4, capacity_building: { 4a: a law, 4b: its decree, 4c: "no" } }
                year: 2025
                """));

        string broken = Assert.Single(Problems("year: 2025\nchecklists: { K46: [yes\n"));
        Assert.StartsWith($"{Name}: line 3: document: not valid YAML: ", broken, StringComparison.Ordinal);
        Assert.Equal([$"{Name}: line 1: document: expected one YAML mapping (year, checklists, wco_tools, fos, fos_items)"], Problems("- 2025\n"));
    }

    [Fact]
    public void Answers_given_as_text_and_case_are_read()
    {
        // YAML reads Yes and "no" as the strings they are; the reader accepts either case.
        AssessmentInputs inputs = Read("year: 2025\nchecklists:\n  k46: { A: Yes, B: \"no\", C: YES }\n");
        Assert.Equal([true, false, true], inputs.Checklists.Select(a => a.Yes));
        Assert.All(inputs.Checklists, a => Assert.Equal("K46", a.KpiCode));
        Assert.Equal(
            [$"{Name}: line 3: checklists.K46.A: expected yes or no, got 'true'", $"{Name}: line 3: checklists.K46.B: expected yes or no, got '1'"],
            Problems("year: 2025\nchecklists:\n  K46: { A: true, B: 1, C: no }\n"));
    }

    [Fact]
    public void A_file_on_disk_is_named_by_its_file_name_unless_told()
    {
        using var folder = new TempFolder();
        string path = folder.File("a.yaml");
        File.WriteAllText(path, "year: 2025\nchecklists:\n  K46: { A: yes, B: yes }\n");
        var reader = new AssessmentFileReader(TestCatalogue.All);
        Assert.Equal(["a.yaml: line 3: checklists.K46.C: missing: every item of K46 is answered yes or no"],
            Assert.Throws<InputFileException>(() => reader.ReadFile(path)).Problems);
        InputFileException e = Assert.Throws<InputFileException>(() => reader.ReadFile(path, "inputs/a.yaml"));
        Assert.Equal("inputs/a.yaml", e.File);
        Assert.StartsWith("inputs/a.yaml: the input file is invalid:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Capacity_building_answers_are_keyed_to_the_questions_of_the_reported_level()
    {
        // Level 3 asks 3a, 3b (yes/no) and, after a yes, 3c; level 4 asks 4a, 4b, 4c (yes/no) and, after a yes, 4d;
        // level 2 asks 2a, 2b; level 5 asks 5a, 5b.
        IReadOnlyList<string> problems = Problems("""
            year: 2025
            fos:
              "1.1":
                level: 3
                capacity_building:
                  3a: a study of the options
                  3b: We faced some
                  4a: a law
              FOS-1.2:
                level: 4
                capacity_building: { 4a: a law, 4b: its decree, 4c: "Yes: the budget", 9z: what }
              "2.1":
                level: 2
                capacity_building: "one free text for the whole indicator"
            """);

        Assert.Equal(
            [
                $"{Name}: line 7: fos.1.1.capacity_building.3b: 'Has your country faced difficulties in developing measures to implement this Standard?' is a yes/no question: start the answer with yes or no (e.g. 'No' or 'Yes: …')",
                $"{Name}: line 8: fos.1.1.capacity_building.4a: question 4a is asked at level 4, not at the reported level 3 (which asks 3a, 3b, 3c)",
                $"{Name}: line 11: fos.FOS-1.2.capacity_building.9z: unknown capacity-building question (level 4 asks 4a, 4b, 4c, 4d)",
                $"{Name}: line 11: fos.FOS-1.2.capacity_building.4d: missing: 4c is answered yes, so 'If yes, how could capacity building assist you to overcome these challenges?' is asked",
                $"{Name}: line 14: fos.2.1.capacity_building: expected the answers keyed by question code (2a, 2b at level 2), got a single text",
            ],
            problems);

        // A question asked only after a yes, answered after a no; a question of the level left out; no answers at all.
        Assert.Equal(
            [
                $"{Name}: line 3: fos.1.1.capacity_building.3c: not asked: 3c follows a yes to 3b, which is answered no",
                $"{Name}: line 4: fos.FOS-1.2.capacity_building.5b: missing: level 5 asks 'What lessons has your country learned in implementing this Standard?'",
                $"{Name}: line 5: fos.2.1.capacity_building: missing: level 1 asks the capacity-building questions 1a, answered by their code",
            ],
            Problems("""
                year: 2025
                fos:
                  "1.1": { level: 3, capacity_building: { 3a: a study, 3b: "No, none", 3c: more training } }
                  FOS-1.2: { level: 5, capacity_building: { 5a: "by law" } }
                  "2.1": { level: 1 }
                """));
    }
}
