using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Tests.Registers;

/// <summary>The register parts of the source section: one query per register, and the CSV register folder.</summary>
public sealed class RegisterSourceDefinitionTests : IDisposable
{
    private readonly SourceSectionFile _file = new();

    public void Dispose() => _file.Dispose();

    private PipelineDefinition Load(string source) => _file.Load(source);

    private IReadOnlyList<string> Problems(string source) => _file.Problems(source);

    [Fact]
    public void A_relational_source_takes_one_query_per_register_beside_the_declaration()
    {
        PipelineDefinition p = Load("""
              kind: sqlite
              path: customs.db
              queries:
                declaration: SELECT 1
                inspection: SELECT * FROM inspections WHERE day >= @from AND day < @to
                staff: SELECT * FROM staff
            """);

        Assert.Equal(["declaration", "inspection", "staff"], p.Source.Queries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("SELECT * FROM staff", p.Source.Queries["staff"]);
    }

    [Fact]
    public void An_unknown_record_type_a_wrong_marker_and_a_missing_declaration_query_are_named_with_their_line()
    {
        IReadOnlyList<string> problems = Problems("""
              kind: duckdb
              path: customs.duckdb
              queries:
                seizures: SELECT 1
                inspection: SELECT * FROM i WHERE day >= @from
            """);

        Assert.Equal(
        [
            "line 6: source.queries.seizures: unknown record type 'seizures' (known: declaration, declaration_amount, aeo_authorisation, inspection, seizure, "
            + "seizure_item, shipment, passenger_control, binding_ruling, violation, fine, interest_charge, pcc_case, staff, competency_assessment, training, "
            + "disciplinary_case, integrity_report, service, service_request, information_request)",
            "line 7: source.queries.inspection: duckdb names parameters $name: write $from, not @from",
            "line 6: source.queries.declaration: missing required key",
        ], problems);
    }

    [Fact]
    public void A_csv_source_names_its_register_folder_relative_to_the_pipeline_file()
    {
        PipelineDefinition p = Load("""
              kind: csv
              path: exports/declarations
              csv:
                delimiter: ";"
                registers: exports/registers
                columns: { declaration_id: DECL_NO, declaration_type: TYPE, office_code: OFFICE, mode_of_transport: MODE, control_channel: CHANNEL,
                           aeo: AEO, ecommerce: { constant: "0" }, submission_channel: SUB, arrival_local: ARRIVAL, lodged_local: LODGED,
                           released_local: RELEASED }
            """);

        Assert.Equal(Path.Combine(_file.Folder.Path, "exports", "registers"), p.Source.Csv!.RegistersPath);
        Assert.Null(Load(Pipeline_without_registers).Source.Csv!.RegistersPath);
    }

    private const string Pipeline_without_registers = """
          kind: csv
          path: exports
          csv:
            columns: { declaration_id: DECL_NO, declaration_type: TYPE, office_code: OFFICE, mode_of_transport: MODE, control_channel: CHANNEL,
                       aeo: AEO, ecommerce: { constant: "0" }, submission_channel: SUB, arrival_local: ARRIVAL, lodged_local: LODGED,
                       released_local: RELEASED }
        """;
}
