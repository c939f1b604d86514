using PmmEtl.Extract.Wco;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Tests;

/// <summary>The source section of a pipeline: every kind, and every mistake reported with its line and key before data moves.</summary>
public sealed class SourceDefinitionTests : IDisposable
{
    private readonly SourceSectionFile _file = new();

    public void Dispose() => _file.Dispose();

    private PipelineDefinition Load(string source) => _file.Load(source);

    private IReadOnlyList<string> Problems(string source) => _file.Problems(source);

    [Fact]
    public void The_example_pipelines_load()
    {
        Environment.SetEnvironmentVariable("PMMETL_SOURCE", "Host=127.0.0.1;Database=customs");
        PipelineDefinition csv = PipelineDefinitionLoader.Load(RepoFiles.Path("pipelines/examples/csv-export.yaml"));
        PipelineDefinition wco = PipelineDefinitionLoader.Load(RepoFiles.Path("pipelines/examples/wco-messages.yaml"));
        PipelineDefinition pg = PipelineDefinitionLoader.Load(RepoFiles.Path("pipelines/examples/postgres-source.yaml"));

        Assert.Equal(("csv", ';', "dd/MM/uuuu HH:mm"), (csv.Source.Kind, csv.Source.Csv!.Delimiter, csv.Source.Csv.TimeFormat));
        Assert.Equal("AIR", csv.Source.Csv.Columns["mode_of_transport"].Map!["4"]);
        Assert.EndsWith(Path.Combine("exports", "declarations"), csv.Source.Csv.Path, StringComparison.Ordinal);
        Assert.Equal(("wco-xml", WcoEvent.Released, "NYC"), (wco.Source.Kind, wco.Source.Wco!.FunctionCodes["08"], wco.Source.Wco.Fields["office_code"].Map!["GB000434"]));
        Assert.Equal(["TypeCode"], wco.Source.Wco.Fields["declaration_type"].Paths); // a default kept beside the configured fields
        Assert.Equal(("postgres", "Host=127.0.0.1;Database=customs"), (pg.Source.Kind, pg.Source.ConnectionString));
    }

    [Fact]
    public void A_wco_source_without_its_section_takes_the_default_reading()
    {
        PipelineDefinition p = Load("  kind: wco-xml\n  path: messages");

        Assert.Equal(WcoDefaults.FunctionCodes, p.Source.Wco!.FunctionCodes);
        Assert.Equal(("*.xml", "*.xml", WcoIdentity.Mrn), (p.Source.Wco.DeclarationFiles, p.Source.Wco.NotificationFiles, p.Source.Wco.Identity));
        Assert.Equal(_file.Folder.File("messages"), p.Source.Wco.Path);
        Assert.Equal((null, 64, 1_000_000, 104_857_600L), (p.Source.Wco.DefaultOffice, p.Source.Wco.MaxDepth, p.Source.Wco.MaxElements, p.Source.Wco.MaxFileBytes));
    }

    [Fact]
    public void A_wco_source_takes_a_default_office_from_the_pipeline_s_offices_and_its_reading_limits()
    {
        PipelineDefinition p = Load("""
              kind: wco-xml
              path: messages
              wco: { default_office: nyc, max_depth: 32, max_elements: 5000, max_file_bytes: 2097152 }
            """);

        Assert.Equal(("nyc", 32, 5000, 2_097_152L), (p.Source.Wco!.DefaultOffice, p.Source.Wco.MaxDepth, p.Source.Wco.MaxElements, p.Source.Wco.MaxFileBytes));

        IReadOnlyList<string> problems = Problems("""
              kind: wco-xml
              path: messages
              wco:
                default_office: LHR
                max_depth: 2
                max_file_bytes: 1e9
            """);

        Assert.Equal([
            "line 7: source.wco.max_depth: expected a whole number from 8 to 10000, got '2'",
            "line 8: source.wco.max_file_bytes: expected a whole number of bytes from 1024, got '1e9'",
            "line 6: source.wco.default_office: 'LHR' is not one of the pipeline's offices (NYC)",
        ], problems);
    }

    [Fact]
    public void Csv_mapping_mistakes_are_reported_with_line_and_key()
    {
        IReadOnlyList<string> problems = Problems("""
              kind: csv
              path: exports
              queries: { declaration: SELECT 1 }
              csv:
                delimiter: ";;"
                time_format: "dd/MM/yyyy HH:mm:xx"
                offset: "+25:00"
                encoding: klingon
                colour: blue
                columns:
                  declaration_id: DECL_NO
                  declaration_typ: TYPE
                  office_code: { column: OFFICE, constant: NYC }
                  aeo: { column: AEO, format: "dd" }
                  arrival_local: { column: ARRIVAL, format: "HH:mm o" }
            """);

        Assert.Contains("line 5: source.queries: not used by a csv source (it reads the files under path)", problems);
        Assert.Contains(problems, p => p.StartsWith("line 7: source.csv.delimiter: expected one character", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 8: source.csv.time_format: not a NodaTime date-time pattern", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 9: source.csv.offset: '+25:00' is not a UTC offset", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 10: source.csv.encoding: unknown encoding 'klingon'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 11: source.csv.colour: unknown key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 14: source.csv.columns.declaration_typ: not a field of the declaration record type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 15: source.csv.columns.office_code.constant: give either column or constant", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 16: source.csv.columns.aeo: only date and time fields have a format", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 17: source.csv.columns.arrival_local: not a NodaTime date-time pattern", StringComparison.Ordinal));
        // Only what identifies a declaration must be mapped (id, type, office): the misspelt type leaves the type unmapped.
        Assert.Contains(problems, p => p.EndsWith("source.csv.columns.declaration_type: it identifies a declaration record: map a column or give a constant", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("columns.mode_of_transport", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_header_csv_columns_are_positions()
    {
        IReadOnlyList<string> problems = Problems("""
              kind: csv
              path: exports
              csv:
                header: false
                columns: { declaration_id: DECL_NO, declaration_type: "2", office_code: "3", mode_of_transport: "4", control_channel: "5",
                           aeo: { constant: "0" }, ecommerce: { constant: "0" }, submission_channel: { constant: EDI },
                           arrival_local: "6", lodged_local: "7", released_local: "8" }
            """);

        Assert.Equal(["line 7: source.csv.columns.declaration_id: without a header a column is a position from 1, not 'DECL_NO'"], problems);
    }

    [Fact]
    public void Wco_mapping_mistakes_are_reported_with_line_and_key()
    {
        IReadOnlyList<string> problems = Problems("""
              kind: wco-xml
              path: messages
              wco:
                identity: ucr
                function_codes: { "01": accepted, "08": let_go }
                fields:
                  declaration_id: ID
                  office_code: "ns:PresentationOffice/ID"
                  aeo: { map: { AEOC: "1" } }
            """);

        Assert.Contains(problems, p => p.StartsWith("line 6: source.wco.identity: expected mrn or lrn", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 7: source.wco.function_codes.08: unknown event 'let_go'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 9: source.wco.fields.declaration_id: the declaration id is the MRN or the LRN", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 10: source.wco.fields.office_code: 'ns:PresentationOffice/ID' is not an element path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("line 11: source.wco.fields.aeo.path: give either path", StringComparison.Ordinal));
    }

    [Fact]
    public void Relational_sources_take_a_file_or_a_connection_string_from_the_environment_and_their_own_parameter_markers()
    {
        IReadOnlyList<string> problems = Problems("""
              kind: duckdb
              path: customs.duckdb
              queries:
                declaration: SELECT * FROM d WHERE day >= @from AND day < @to
            """);
        Assert.Equal(["line 6: source.queries.declaration: duckdb names parameters $name: write $from and $to, not @from and @to"], problems);

        problems = Problems("""
              kind: postgres
              path: customs.db
              connection_string: "Host=db;Password=secret"
              queries: { declaration: SELECT 1 }
            """);
        Assert.Contains("line 4: source.path: a postgres source is a server: name its connection string with connection_string_env", problems);
        Assert.Contains(problems, p => p.StartsWith("line 5: source.connection_string: holds a password", StringComparison.Ordinal));

        problems = Problems("""
              kind: sqlserver
              connection_string_env: PMMETL_TEST_UNSET_VARIABLE
              queries: { declaration: SELECT 1 }
            """);
        Assert.Equal(["line 4: source.connection_string_env: the environment variable 'PMMETL_TEST_UNSET_VARIABLE' is not set"], problems);

        PipelineDefinition duck = Load("""
              kind: duckdb
              path: customs.duckdb
              queries: { declaration: SELECT * FROM d WHERE day >= $from }
            """);
        Assert.Equal(($"Data Source={_file.Folder.File("customs.duckdb")}", _file.Folder.File("customs.duckdb")), (duck.Source.ConnectionString, duck.Source.FilePath));

        Assert.Contains(Problems("  kind: oracle\n  path: x"), p => p.StartsWith("line 3: source.kind: unknown source kind 'oracle' (supported: sqlite, duckdb, postgres, sqlserver, csv, wco-xml)", StringComparison.Ordinal));
    }
}
