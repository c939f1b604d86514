using System.Text.Json;
using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// <c>pmm-etl kpis</c> as a user runs it. The catalogue grows while other work fills it, so each filter is checked two
/// ways: the entries known by hand (K04, K10, K13 …) are where they belong, and the listed codes are exactly those the
/// filter's plain meaning selects from <see cref="KpiCatalogue.All"/> (area numeral, input kind, family).
/// </summary>
public sealed partial class KpisCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (int ExitCode, string Out, string Error) Kpis(params string[] args) => CliProcess.Run(_folder.Path, null, ["kpis", .. args]);

    /// <summary>The table's data rows: code, name, area, input, formula, unit, periodicity, disclosure.</summary>
    private static List<string[]> TableRows(string output) =>
        [.. output.Split('\n').Skip(3).Where(l => l.Length > 0).Select(l => Columns().Split(l.TrimEnd()))];

    private static string[] Codes(string output) => [.. TableRows(output).Select(r => r[0])];

    private static string[] Expected(Func<KpiDefinition, bool> select) => [.. KpiCatalogue.All.Where(select).Select(k => k.Code)];

    [Fact]
    public void Without_filters_every_entry_is_listed_in_a_table_with_its_essentials()
    {
        (int code, string output, string error) = Kpis();

        Assert.True(code == 0, error);
        int all = KpiCatalogue.All.Count;
        Assert.StartsWith($"KPI catalogue {KpiCatalogue.Version}: {all} of {all} entries\n", output, StringComparison.Ordinal);
        Assert.Matches(@"^code\s+name\s+area\s+input\s+formula\s+unit\s+periodicity\s+disclosure$", output.Split('\n')[1]);
        Assert.Equal(Expected(_ => true), Codes(output));
        Assert.Contains(["K04", "Physical release time for import", "I", "transactional", "mean_duration", "minutes", "annually (calendar year)", "public"], TableRows(output));
        Assert.Contains(["K10", "Rate of electronic declarations", "I", "transactional", "ratio", "%", "every two years (calendar year)", "public"], TableRows(output));
    }

    [Fact]
    public void The_PMM_family_is_the_51_KPIs_of_the_PMM_in_document_order()
    {
        (int code, string output, string error) = Kpis("--family", "pmm");

        Assert.True(code == 0, error);
        Assert.Equal(Enumerable.Range(1, 51).Select(i => $"K{i:D2}"), Codes(output));
    }

    [Fact]
    public void A_long_name_is_cut_to_keep_the_table_readable()
    {
        (_, string output, _) = Kpis("--area", "I");

        // K06's name has 93 characters: the first 59 kept, then an ellipsis (60 in all).
        Assert.Contains(TableRows(output), r => r[0] == "K06" && r[1] == "Physical release time to export from the arrival of goods a…");
    }

    [Theory]
    [InlineData("I", "I. ")]
    [InlineData("i", "I. ")]
    [InlineData("II", "II. ")]
    [InlineData("III", "III. ")]
    [InlineData("IV", "IV. ")]
    public void A_numeral_selects_its_PMM_area_only(string numeral, string prefix)
    {
        (int code, string output, string error) = Kpis("--area", numeral);

        Assert.True(code == 0, error);
        // "I" is a substring of every area's name; only the area it numbers counts.
        Assert.Equal(Expected(k => k.Family == CatalogueFamily.Pmm && k.Area.StartsWith(prefix, StringComparison.Ordinal)), Codes(output));
        Assert.All(TableRows(output), r => Assert.Equal(numeral.ToUpperInvariant(), r[2]));
        Assert.Equal(numeral is "I" or "i", Codes(output).Contains("K04"));
    }

    [Fact]
    public void Part_of_an_area_name_selects_that_area()
    {
        (int code, string output, string error) = Kpis("--area", "trade facilitation");

        Assert.True(code == 0, error);
        Assert.Equal(Codes(Kpis("--area", "I").Out), Codes(output));
        Assert.Contains("K14", Codes(output));
    }

    [Fact]
    public void Tools_and_fos_select_the_WCO_tool_KPIs_and_the_FoS_entries()
    {
        (int tools, string toolsOut, string toolsError) = Kpis("--area", "tools");
        (int fos, string fosOut, string fosError) = Kpis("--area", "fos");

        Assert.True(tools == 0 && fos == 0, toolsError + fosError);
        Assert.Equal(Expected(k => k.Area.Contains("WCO tools", StringComparison.Ordinal)), Codes(toolsOut));
        Assert.Equal(Expected(k => k.Family == CatalogueFamily.Fos), Codes(fosOut));
        Assert.Equal(Codes(Kpis("--family", "fos").Out), Codes(fosOut));
        Assert.DoesNotContain("K04", Codes(toolsOut).Concat(Codes(fosOut)));
    }

    [Theory]
    [InlineData("transactional", InputKind.Transactional)]
    [InlineData("aggregate", InputKind.Aggregate)]
    [InlineData("questionnaire", InputKind.Questionnaire)]
    public void Input_selects_by_input_kind(string input, InputKind kind)
    {
        (int code, string output, string error) = Kpis("--input", input);

        Assert.True(code == 0, error);
        Assert.Equal(Expected(k => k.Input == kind), Codes(output));
        Assert.All(TableRows(output), r => Assert.Equal(input, r[3]));
        // K04 … K14 are measured from declarations: transactional.
        Assert.Equal(kind == InputKind.Transactional, Codes(output).Contains("K13"));
    }

    [Fact]
    public void Family_selects_PMM_or_FoS_and_filters_combine()
    {
        (_, string pmm, _) = Kpis("--family", "pmm");
        (_, string combined, _) = Kpis("--family", "pmm", "--area", "I", "--input", "transactional");

        Assert.Equal(Expected(k => k.Family == CatalogueFamily.Pmm), Codes(pmm));
        Assert.Equal(
            Expected(k => k.Family == CatalogueFamily.Pmm && k.Area.StartsWith("I. ", StringComparison.Ordinal) && k.Input == InputKind.Transactional),
            Codes(combined));
        Assert.Contains("K04", Codes(combined));
        Assert.StartsWith($"KPI catalogue {KpiCatalogue.Version}: {Codes(combined).Length} of {KpiCatalogue.All.Count} entries", combined, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--input", "records", "--input 'records' is not an input kind; use one of transactional, aggregate, questionnaire")]
    [InlineData("--family", "wco", "--family 'wco' is not a family; use pmm or fos")]
    [InlineData("--area", "customs poetry", "--area 'customs poetry' matches no area of the catalogue")]
    [InlineData("--format", "xml", "--format 'xml' is not a format; use table, csv, json")]
    public void A_bad_filter_exits_2_saying_what_is_allowed(string option, string value, string message)
    {
        (int code, string output, string error) = Kpis(option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void Csv_gives_every_field_under_the_catalogue_file_column_names()
    {
        (int code, string output, string error) = Kpis("--input", "transactional", "--format", "csv");

        Assert.True(code == 0, error);
        string[] lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "family,kpi_code,kpi_id,kpi_name,strategic_area,outcome,input_kind,formula_kind,formula,printed_formula,definition,unit,precision," +
            "minimum_periodicity,periods,disclosure,breakdowns,variables,checklist_items,variants,decision,catalogue_version",
            lines[0]);
        Assert.Equal(Expected(k => k.Input == InputKind.Transactional).Length, lines.Length - 1);

        // K10 as printed in the catalogue: the comma-holding fields quoted, the empty lists empty.
        string k10 = lines.Single(l => l.StartsWith("pmm,K10,", StringComparison.Ordinal));
        Assert.StartsWith(
            "pmm,K10,electronic_declaration_rate,Rate of electronic declarations,I. Trade Facilitation and Economic Competitiveness,Paperless trade," +
            "transactional,ratio,(A / B) × 100,A/B x100,\"A = import, export, transit and cargo declarations",
            k10, StringComparison.Ordinal);
        Assert.Contains(",%,2,every two years (calendar year),\"month, quarter, year\",public,direction: public; office: national,,,,", k10, StringComparison.Ordinal);
        Assert.EndsWith($",{KpiCatalogue.Version}", k10, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_gives_an_object_per_entry_with_the_same_fields()
    {
        (int code, string output, string error) = Kpis("--area", "I", "--format", "json");

        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement[] entries = [.. json.RootElement.EnumerateArray()];
        Assert.Equal(Codes(Kpis("--area", "I").Out), entries.Select(e => e.GetProperty("kpi_code").GetString()));
        Assert.All(entries, e => Assert.Equal(22, e.EnumerateObject().Count()));

        JsonElement k13 = entries.Single(e => e.GetProperty("kpi_code").GetString() == "K13");
        Assert.Equal(2, k13.GetProperty("precision").GetInt32());
        Assert.Equal("mean_duration", k13.GetProperty("formula_kind").GetString());
        Assert.Equal("office: national; control_channel: national", k13.GetProperty("breakdowns").GetString());
        Assert.StartsWith("as_printed: Σ T_i over low-risk shipments", k13.GetProperty("variants").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, k13.GetProperty("variables").ValueKind);
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Columns();

    [Fact]
    public void Decisions_markdown_prints_the_committed_decisions_document()
    {
        (int code, string output, string error) = Kpis("--decisions-markdown");

        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(RepoFiles.Path("docs/kpi-decisions.md")).ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Decisions_markdown_with_a_filter_is_refused_in_one_line()
    {
        (int code, string output, string error) = Kpis("--decisions-markdown", "--area", "I");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("--decisions-markdown prints the whole catalogue; it takes no --area, --input, --family or --format", error.Trim());
    }

}
