using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Definitions.Inputs;

namespace PmmEtl.Jobs.Tests.Inputs;

/// <summary>The pipeline sections that name officer-given inputs (inputs, currency, periods) and <c>kpis: all</c>.</summary>
public sealed class PipelineInputsTests : IDisposable
{
    private const string Assessment = "year: 2025\nchecklists:\n  K46: { A: yes, B: no, C: yes }\n";
    private const string Aggregates = "kpi,variable,period,breakdown,breakdown_value,value,text,entered_by,note\nK41,A,FY2025,,,0.5,,,\n";
    private const string Categories = "commodity,category,counts,requires_mandate,subcategory,note\nTOB-CIG,CIGARETTES,yes,no,,\n";

    private readonly TempFolder _folder = new();

    public PipelineInputsTests()
    {
        Directory.CreateDirectory(_folder.File("in"));
        File.WriteAllText(_folder.File("in/assessment.yaml"), Assessment);
        File.WriteAllText(_folder.File("in/aggregates.csv"), Aggregates);
        File.WriteAllText(_folder.File("in/categories.csv"), Categories);
    }

    public void Dispose() => _folder.Dispose();

    // The sections under test start on line 12.
    private string Write(string sections)
    {
        string path = _folder.File("p.yaml");
        File.WriteAllText(path, $"""
            name: p
            source:
              kind: sqlite
              path: s.sqlite
              queries:
                declaration: SELECT 1
            offices:
              - {"{"} code: NYC, name: New York, type: SEAPORT, country: US, zone: America/New_York {"}"}
            warehouse: {"{"} engine: duckdb, path: w.duckdb {"}"}
            schedule: {"{"} cron: "0 3 * * *", time_zone: America/New_York {"}"}
            output: out
            {sections}
            """);
        return path;
    }

    private PipelineDefinition Load(string sections) => PipelineDefinitionLoader.Load(Write(sections), TestCatalogue.All);

    private IReadOnlyList<string> Problems(string sections) =>
        Assert.Throws<PipelineDefinitionException>(() => Load(sections)).Problems;

    [Fact]
    public void The_inputs_rates_and_financial_year_are_read_and_every_file_is_hashed()
    {
        PipelineDefinition p = Load("""
            inputs:
              assessments: [in/assessment.yaml]
              aggregates: in/aggregates.csv
              seizure_categories: ./in/categories.csv
            currency:
              usd_rates: { EUR: 1.08, JPY: 0.0067 }
            periods:
              financial_year_start: 7
            kpis: [K46, FOS-1.1, k41]
            """);

        Assert.Equal(["K46", "FOS-1.1", "K41"], p.Kpis.Select(k => k.Code));
        Assert.Equal(7, p.FinancialYearStartMonth);
        // USD is always there, at 1.
        Assert.Equal(new Dictionary<string, double> { ["USD"] = 1.0, ["EUR"] = 1.08, ["JPY"] = 0.0067 }, p.ExchangeRates);

        // Hashes: `printf '<the constant above>' | sha256sum`.
        Assert.Equal(
            [
                new InputFile("in/assessment.yaml", "assessment", "988a6f33b124f422c56306bfead2f6151f2da9f32d1fa699f2b9c81fbd71f193"),
                new InputFile("in/aggregates.csv", "aggregates", "13d0db2c8096c9d6c81f9050e4bdd7e5e766ef291cf6ff8547ea872ef8a9c91d"),
                new InputFile("in/categories.csv", "seizure_categories", "add45e486379c3b88da30a804781ef241515e5e8508752651ab8d8295eba629f"),
            ],
            p.InputFiles);

        Assert.Equal(["A=True@in/assessment.yaml:3", "B=False@in/assessment.yaml:3", "C=True@in/assessment.yaml:3"],
            p.Inputs.Checklists.Select(a => $"{a.Item}={a.Yes}@{a.Source}"));
        // FY2025 starts in July 2025 with financial_year_start 7.
        Assert.Equal([new EnteredValue("K41", "A", PeriodType.FinancialYear, new LocalDate(2025, 7, 1), null, null, 0.5, null, "in/aggregates.csv:2")], p.Inputs.Entered);
        Assert.Equal([new SeizureCategoryRule("TOB-CIG", "CIGARETTES", true, false, null, "", "in/categories.csv:2")], p.SeizureCategories);
    }

    [Fact]
    public void Without_the_sections_there_are_no_inputs_usd_only_and_a_calendar_financial_year()
    {
        PipelineDefinition p = Load("");
        Assert.Equal((0, 0, 0, 0, 0, 0), (p.Inputs.Checklists.Count, p.Inputs.Tools.Count, p.Inputs.FosLevels.Count, p.Inputs.Entered.Count, p.InputFiles.Count, p.SeizureCategories.Count));
        Assert.Equal(new Dictionary<string, double> { ["USD"] = 1.0 }, p.ExchangeRates);
        Assert.Equal(1, p.FinancialYearStartMonth);
        // No kpis: key means the whole catalogue, as before.
        Assert.Equal(TestCatalogue.All, p.Kpis);
    }

    [Fact]
    public void Kpis_all_is_every_entry_of_the_catalogue()
    {
        Assert.Equal(TestCatalogue.All, Load("kpis: all").Kpis);
        PipelineDefinition real = PipelineDefinitionLoader.Load(Write("kpis: all"));
        Assert.Equal(KpiCatalogue.All, real.Kpis);
    }

    [Fact]
    public void Section_mistakes_are_reported_with_line_and_key()
    {
        IReadOnlyList<string> problems = Problems("""
            inputs:
              assessments: [in/assessment.yaml, in/missing.yaml, in/assessment.yaml]
              aggregates: { file: in/aggregates.csv }
              seizure_categories: [in/categories.csv]
              extra: x
            currency:
              usd_rates: { eur: 1.08, GBP: -1, USD: 2, CHF: abc }
            periods:
              financial_year_start: 13
            kpis: some
            """);

        Assert.Equal(
            [
                "line 21: kpis: expected all or a list of KPI codes (K01, FOS-1.1, …)",
                "line 18: currency.usd_rates.eur: not an ISO 4217 currency code (three upper-case letters, e.g. EUR)",
                "line 18: currency.usd_rates.GBP: expected a positive number of USD per GBP, got '-1'",
                "line 18: currency.usd_rates.USD: USD is 1 USD by definition, got 2",
                "line 18: currency.usd_rates.CHF: expected a positive number of USD per CHF, got 'abc'",
                "line 20: periods.financial_year_start: expected a whole number from 1 to 12, got '13'",
                "line 16: inputs.extra: unknown key (expected one of: assessments, aggregates, seizure_categories)",
                $"line 13: inputs.assessments[1]: file not found: {_folder.File("in/missing.yaml")}",
                "line 13: inputs.assessments[2]: 'in/assessment.yaml' is listed twice",
                "line 14: inputs.aggregates: expected a path or a list of paths",
                "line 15: inputs.seizure_categories: expected the path of one CSV file",
            ],
            problems);
    }

    [Fact]
    public void The_problems_of_an_input_file_join_the_pipelines_named_by_their_path_from_the_pipeline()
    {
        File.WriteAllText(_folder.File("in/bad.yaml"), "year: 2025\nchecklists:\n  K46: { A: yes, B: no, D: yes }\n");
        File.WriteAllText(_folder.File("in/bad.csv"), "commodity,category,counts,requires_mandate\nTOB-CIG,CIGARS,yes,no\n");

        var e = Assert.Throws<PipelineDefinitionException>(() => Load("""
            inputs:
              assessments: [in/bad.yaml]
              seizure_categories: in/bad.csv
            kpis: [K46, K99]
            """));

        Assert.Equal(
            [
                $"line 15: kpis[1]: unknown KPI 'K99' (known: {string.Join(", ", TestCatalogue.All.Select(k => k.Code))})",
                "in/bad.yaml: line 3: checklists.K46.D: unknown item 'D' (K46 has A–C)",
                "in/bad.yaml: line 3: checklists.K46.C: missing: every item of K46 is answered yes or no",
                $"in/bad.csv: line 2: category: unknown category 'CIGARS' (the PMM categories are {string.Join(", ", SeizureCategories.All)})",
            ],
            e.Problems);
        Assert.Contains("in/bad.yaml: line 3: checklists.K46.D: unknown item 'D' (K46 has A–C)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_category_file_is_named()
    {
        Assert.Equal(
            [$"line 13: inputs.seizure_categories: file not found: {_folder.File("in/nowhere.csv")}"],
            Problems("inputs:\n  seizure_categories: in/nowhere.csv\n"));
    }

    [Fact]
    public void The_same_answer_in_two_files_is_refused_naming_both()
    {
        File.WriteAllText(_folder.File("in/again.yaml"), "year: 2025\nchecklists:\n  K46: { A: yes, B: yes, C: yes }\n");
        File.WriteAllText(_folder.File("in/other-year.yaml"), "year: 2024\nchecklists:\n  K46: { A: yes, B: yes, C: yes }\n");
        File.WriteAllText(_folder.File("in/more.csv"), "kpi,variable,period,value\n\nK41,A,FY2025,0.6\n");

        IReadOnlyList<string> problems = Problems("""
            inputs:
              assessments: [in/assessment.yaml, in/other-year.yaml, in/again.yaml]
              aggregates: [in/aggregates.csv, in/more.csv]
            """);

        Assert.Equal(
            [
                "in/again.yaml: line 3: checklists.K46.A: also given in in/assessment.yaml: line 3",
                "in/again.yaml: line 3: checklists.K46.B: also given in in/assessment.yaml: line 3",
                "in/again.yaml: line 3: checklists.K46.C: also given in in/assessment.yaml: line 3",
                "in/more.csv: line 3: K41 variable A: also given in in/aggregates.csv: line 2",
            ],
            problems);
    }
}
