using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// <c>pmm-etl check</c> started as a real process on the demo and on each shipped example pipeline, over exports in
/// national shapes. Every count is worked out a second way: DuckDB SQL over the CSV exports, the message files' own
/// text, SQL over the demo's SQLite source. Nothing is loaded: no warehouse file appears.
/// </summary>
public sealed partial class CheckCommandTests : IDisposable
{
    private readonly ExamplePipelines _examples = new();

    public void Dispose() => _examples.Dispose();

    private const string Declarations = "read_csv(['{exports}/declarations/declarations_2025_01.CSV', '{exports}/declarations/declarations_2025_02.csv'], delim = ';', header = true, all_varchar = true)";
    private const string DeclarationRefused = "OFFICE NOT IN ('NYC', 'ORD') OR LODGED IS NULL OR NOT regexp_full_match(LODGED, '\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d')";
    private const string Inspections = "read_csv('{exports}/inspections/controls_2025.csv', delim = ',', header = true, all_varchar = true)";
    private const string InspectionRefused = "NOT (REASON LIKE 'PROF%' OR REASON IN ('ALEA', 'AGT', 'RENS'))";

    private (int Code, JsonElement Report, string Error) CheckJson(string folder, params string[] args)
    {
        (int code, string output, string error) = CliProcess.Run(folder, null, ["check", .. args, "--json"]);
        Assert.True(output.TrimStart().StartsWith('{'), $"exit {code}, no JSON report:\n{output}\n{error}");
        return (code, JsonDocument.Parse(output).RootElement.Clone(), error);
    }

    private static JsonElement Type(JsonElement report, string type) =>
        report.GetProperty("record_types").EnumerateArray().Single(t => t.GetProperty("record_type").GetString() == type);

    private static JsonElement Field(JsonElement type, string field) =>
        type.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == field);

    private static string[] Texts(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public void The_csv_example_is_profiled_field_by_field_with_counts_from_sql_over_the_exports()
    {
        (int code, JsonElement report, string error) = CheckJson(_examples.Root, ExamplePipelines.Pipeline("csv-export"));

        Assert.True(code == 0, error);
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        JsonElement d = Type(report, "declaration");
        long read = _examples.Sql($"SELECT count(*) FROM {Declarations}");
        long refused = _examples.Sql($"SELECT count(*) FROM {Declarations} WHERE {DeclarationRefused}");
        long accepted = read - refused;
        Assert.Equal((20L, 2L), (read, refused)); // the fixture as written: 20 rows, D006 (ISO lodgement) and D017 (LHR)
        Assert.Equal((read, accepted, refused), (d.GetProperty("read").GetInt64(), d.GetProperty("accepted").GetInt64(), d.GetProperty("rejected").GetInt64()));
        Assert.Equal(1, d.GetProperty("reject_reasons").GetProperty("office_code: unknown office").GetInt64());
        Assert.Equal(_examples.Sql($"SELECT count(*) FROM {Declarations} WHERE OFFICE NOT IN ('NYC', 'ORD')"), Field(d, "office_code").GetProperty("rejects").GetInt64());

        // The mapping as written: a column, a code map, absent, a date-only column.
        Assert.Equal(("given", "column DECL_NO"), (Field(d, "declaration_id").GetProperty("presence").GetString(), Field(d, "declaration_id").GetProperty("source").GetString()));
        Assert.Equal("absent", Field(d, "arrival_local").GetProperty("presence").GetString());
        Assert.Equal(("date only", "column CLEARED_ON"), (Field(d, "cleared_local").GetProperty("presence").GetString(), Field(d, "cleared_local").GetProperty("source").GetString()));

        // Nulls as loaded: a mode left empty stays unknown; the date-only clearance is null where the cell is empty.
        Assert.Equal(100.0 * _examples.Sql($"SELECT count(*) FROM {Declarations} WHERE NOT ({DeclarationRefused}) AND MODE IS NULL") / accepted,
            Field(d, "mode_of_transport").GetProperty("null_percent").GetDouble());
        Assert.Equal(100.0 * _examples.Sql($"SELECT count(*) FROM {Declarations} WHERE NOT ({DeclarationRefused}) AND CLEARED_ON IS NULL") / accepted,
            Field(d, "cleared_local").GetProperty("null_percent").GetDouble());

        // No arrival time: K04's total (and K06's) cannot be measured; its lodgement → release segment still can.
        string[] blocked = Texts(Field(d, "arrival_local").GetProperty("not_measurable"));
        Assert.Contains("K04 total", blocked);
        Assert.Contains("K06 total", blocked);
        Assert.DoesNotContain("K04 variant lodgement_to_release", blocked);
        Assert.DoesNotContain("K05 total", blocked);
        Assert.Equal("not measurable: the csv source gives no arrival_local (absent) (source.csv.columns)", Field(d, "arrival_local").GetProperty("note").GetString());
        Assert.Empty(Field(d, "ecommerce").GetProperty("not_measurable").EnumerateArray()); // none of K04, K05, K06, K10, K21 needs it
        // National types outside the list load as OTHER, counted by code.
        Assert.Equal(_examples.Sql($"SELECT count(*) FROM {Declarations} WHERE TYPE = 'CO'"), d.GetProperty("loaded_as_other").GetProperty("declaration_type 'CO'").GetInt64());

        // The register in its own shape: own headers, a code map with a prefix key, constants.
        JsonElement i = Type(report, "inspection");
        long inspections = _examples.Sql($"SELECT count(*) FROM {Inspections}");
        long inspectionsRefused = _examples.Sql($"SELECT count(*) FROM {Inspections} WHERE {InspectionRefused}");
        Assert.Equal((inspections, inspections - inspectionsRefused, inspectionsRefused),
            (i.GetProperty("read").GetInt64(), i.GetProperty("accepted").GetInt64(), i.GetProperty("rejected").GetInt64()));
        Assert.Equal(inspectionsRefused, i.GetProperty("reject_reasons").GetProperty("selection_source: unknown code").GetInt64());
        Assert.Equal("constant 'CUSTOMS'", Field(i, "performed_by").GetProperty("source").GetString());
        Assert.Equal(100.0 * _examples.Sql($"SELECT count(*) FROM {Inspections} WHERE NOT ({InspectionRefused}) AND DECL_NO IS NULL") / (inspections - inspectionsRefused),
            Field(i, "declaration_id").GetProperty("null_percent").GetDouble());
        Assert.Equal(["K21 by direction"], Texts(Field(i, "direction").GetProperty("not_measurable")));

        Assert.False(Directory.Exists(Path.Combine(_examples.Root, "out")), "check wrote a warehouse");
    }

    [Fact]
    public void The_csv_example_prints_an_aligned_table_per_record_type()
    {
        (int code, string output, string error) = CliProcess.Run(_examples.Root, null, "check", ExamplePipelines.Pipeline("csv-export"));

        Assert.True(code == 0, error);
        string[] lines = output.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("  field ", StringComparison.Ordinal));
        int source = lines[header].IndexOf("source", StringComparison.Ordinal);
        int rejects = lines[header].IndexOf("rejects", StringComparison.Ordinal) + "rejects".Length;
        string id = lines.First(l => l.StartsWith("  declaration_id ", StringComparison.Ordinal));
        string arrival = lines.First(l => l.StartsWith("  arrival_local ", StringComparison.Ordinal));
        Assert.StartsWith("column DECL_NO", id[source..], StringComparison.Ordinal);
        Assert.StartsWith("absent", arrival[source..], StringComparison.Ordinal);
        Assert.Equal('0', arrival[rejects - 1]);
        Assert.Contains("K04 total", arrival[rejects..], StringComparison.Ordinal);
        Assert.Contains("declaration (source.csv.columns): 20 read, 18 accepted, 2 rejected (10.0 %)", output, StringComparison.Ordinal);
        Assert.Equal("check: clean", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void The_wco_example_counts_times_without_format_code_the_default_office_and_codes_outside_the_lists()
    {
        string messages = Path.Combine(_examples.Exports, "messages");
        string[] files = Directory.GetFiles(messages, "*", SearchOption.AllDirectories);
        string[] decs = [.. files.Where(f => Path.GetFileName(f).Contains("_DEC", StringComparison.OrdinalIgnoreCase))];
        string notificationsText = string.Concat(files.Except(decs).Select(File.ReadAllText));
        string Lrn(string file) => LrnPattern().Match(File.ReadAllText(file)).Groups[1].Value;
        string[] neverNotified = [.. decs.Where(f => !notificationsText.Contains($">{Lrn(f)}<", StringComparison.Ordinal))];
        string[] accepted = [.. decs.Except(neverNotified)];

        (int code, JsonElement report, string error) = CheckJson(_examples.Root, ExamplePipelines.Pipeline("wco-messages"), "--max-quarantine", "25");

        Assert.True(code == 0, error);
        JsonElement d = Type(report, "declaration");
        Assert.Equal((decs.Length, (long)accepted.Length, (long)neverNotified.Length),
            (d.GetProperty("read").GetInt32(), d.GetProperty("accepted").GetInt64(), d.GetProperty("rejected").GetInt64()));
        JsonElement counts = d.GetProperty("source_counts");
        Assert.Equal(files.Sum(f => Regex.Count(File.ReadAllText(f), "<DateTimeString>")), counts.GetProperty("times_without_format_code").GetInt32());
        Assert.Equal(decs.Count(f => !File.ReadAllText(f).Contains("<PresentationOffice>", StringComparison.Ordinal)), counts.GetProperty("default_office_used").GetInt32());
        Assert.Equal(neverNotified.Length, counts.GetProperty("quarantined.never_notified").GetInt32());
        // A type code outside the known ones (COZ) is mapped to OTHER by the WCO defaults: loaded, never rejected.
        Assert.Contains(accepted, f => File.ReadAllText(f).Contains("<TypeCode>CO", StringComparison.Ordinal));
        Assert.Equal(0, Field(d, "declaration_type").GetProperty("rejects").GetInt32());
        Assert.Equal(100.0 * accepted.Count(f => !File.ReadAllText(f).Contains("<ModeCode>", StringComparison.Ordinal)) / accepted.Length,
            Field(d, "mode_of_transport").GetProperty("null_percent").GetDouble());
        Assert.Equal("absent", Field(d, "ecommerce").GetProperty("presence").GetString());
    }

    [Fact]
    public void A_rejected_share_over_max_quarantine_is_exit_1_naming_the_type_and_its_share()
    {
        // One of the five declaration messages was never answered: 20 % rejected, over the default 10 %.
        (int code, JsonElement report, _) = CheckJson(_examples.Root, ExamplePipelines.Pipeline("wco-messages"));

        Assert.Equal(1, code);
        Assert.Equal(["declaration: 1 of 5 records rejected (20.0 %), more than --max-quarantine 10 %"], Texts(report.GetProperty("problems")));
    }

    [Fact]
    public void A_record_type_that_cannot_be_read_is_exit_1_and_the_others_are_still_checked()
    {
        // The register's own folder is gone: named by the key it was given under (it was named source.path before).
        Directory.Delete(Path.Combine(_examples.Exports, "inspections"), recursive: true);

        (int code, string output, string error) = CliProcess.Run(_examples.Root, null, "check", ExamplePipelines.Pipeline("csv-export"));

        Assert.Equal(1, code);
        Assert.Contains("declaration (source.csv.columns): 20 read", output, StringComparison.Ordinal);
        Assert.Contains($"inspection: cannot be read: source.csv.records.inspection.path: {Path.Combine(_examples.Exports, "inspections")} is neither a file nor a folder", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_with_a_date_only_format_for_a_time_is_exit_2_naming_line_and_key()
    {
        string yaml = File.ReadAllText(Path.Combine(_examples.Root, ExamplePipelines.Pipeline("csv-export")))
            .Replace("      lodged_local: LODGED", "      lodged_local: { column: LODGED, format: \"dd/MM/uuuu\" }", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_examples.Root, "pipelines", "examples", "date-only.yaml"), yaml);

        (int code, string output, string error) = CliProcess.Run(_examples.Root, null, "check", ExamplePipelines.Pipeline("date-only"));

        Assert.Equal(2, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"date-only\.yaml: line \d+: source\.csv\.columns\.lodged_local: the format 'dd/MM/uuuu' has no time of day", line);
        Assert.Equal("", output);
    }

    [Fact]
    public void The_demo_is_checked_through_its_own_queries_and_nothing_is_written_to_the_warehouse()
    {
        string folder = _examples.Root;
        string demo = File.ReadAllText(Path.Combine(ExamplePipelines.Repo(), "pipelines", "demo.yaml"));
        File.WriteAllText(Path.Combine(folder, "demo.yaml"), demo.Replace("../out/demo/", "", StringComparison.Ordinal)
            .Replace("../out/snapshots", "snapshots", StringComparison.Ordinal).Replace("declarations: 200000", "declarations: 3000", StringComparison.Ordinal));
        ExamplePipelines.Copy(Path.Combine(ExamplePipelines.Repo(), "pipelines", "demo-inputs"), Path.Combine(folder, "demo-inputs"));

        // The demo's small registers carry their deliberately bad rows at any size: at 3,000 declarations one in five
        // post-clearance cases is bad, so this checks with a limit above that, then with none.
        (int code, JsonElement report, string error) = CheckJson(folder, "demo.yaml", "--max-quarantine", "25");

        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.duckdb")), "check wrote a warehouse");
        Assert.Equal(Math.Min(1000, SourceCount(folder, "SELECT count(*) FROM declaration")), Type(report, "declaration").GetProperty("read").GetInt64());
        Assert.Equal(SourceCount(folder, "SELECT count(*) FROM enquiry WHERE received_on >= '0001-01-01' AND received_on < '9999-12-31'"), Type(report, "information_request").GetProperty("read").GetInt64());
        Assert.Equal(DemoPipelineQueries(), report.GetProperty("record_types").GetArrayLength());
        Assert.Empty(report.GetProperty("not_given").EnumerateArray());

        (int all, JsonElement whole, _) = CheckJson(folder, "demo.yaml", "--sample", "all", "--max-quarantine", "0");
        Assert.Equal(1, all);
        Assert.Equal(SourceCount(folder, "SELECT count(*) FROM declaration"), Type(whole, "declaration").GetProperty("read").GetInt64());
        Assert.Contains(Texts(whole.GetProperty("problems")), p => p.StartsWith("declaration: ", StringComparison.Ordinal));
    }

    /// <summary>The record types demo.yaml has a query for (its keys under source.queries, read as text).</summary>
    private static int DemoPipelineQueries() =>
        File.ReadAllLines(Path.Combine(ExamplePipelines.Repo(), "pipelines", "demo.yaml")).Count(l => QueryKey().IsMatch(l));

    private static long SourceCount(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "customs-source.sqlite")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<FunctionalReferenceID>([^<]+)</FunctionalReferenceID>")]
    private static partial Regex LrnPattern();

    [GeneratedRegex(@"^    [a-z_]+: \|")]
    private static partial Regex QueryKey();
}
