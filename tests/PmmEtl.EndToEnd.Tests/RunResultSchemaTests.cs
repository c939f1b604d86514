using System.Text.Json.Nodes;
using Json.Schema;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// Every run writes a result that docs/run-result.schema.json accepts, whatever its end: a run that succeeds, a run that
/// fails while reading its source, and a run whose definition the source refuses. The schema is read by a JSON Schema
/// validator, not by the types that wrote the file, so a field added, renamed or retyped without the schema fails here.
/// </summary>
public sealed class RunResultSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(RepoFiles.Path("docs/run-result.schema.json")));

    [Fact]
    public void A_run_that_succeeds_writes_a_valid_result_read_back_through_the_same_types()
    {
        using var h = new PipelineHarness(FixtureSource.PipelineYaml());
        FixtureSource.Write(Path.Combine(h.Folder, "source.sqlite"), FixtureSource.Rows);

        RunSummary summary = h.Run();

        AssertValid(summary.RunResultFile);
        RunResult result = RunResultFile.Read(summary.RunResultFile);
        Assert.Equal((RunResult.CurrentSchemaVersion, RunStatuses.Succeeded, summary.Run.RunId), (result.SchemaVersion, result.Status, result.RunId));
        // Every fixture row is read; the declaration is the first record type.
        Assert.Equal(FixtureSource.Rows.Count, result.RowsRead);
        Assert.Equal("declaration", result.Records[0].RecordType);
        Assert.Null(result.Error);
    }

    [Fact]
    public void A_run_that_fails_writes_a_valid_result_saying_why()
    {
        // No source.sqlite: the run fails when it opens its source.
        using var h = new PipelineHarness(FixtureSource.PipelineYaml());

        Assert.ThrowsAny<Exception>(() => h.Run());

        string file = Assert.Single(Directory.GetFiles(Path.Combine(h.Folder, "runs"), "*.json"));
        AssertValid(file);
        RunResult result = RunResultFile.Read(file);
        Assert.Equal(RunStatuses.Failed, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void A_run_whose_definition_the_source_refuses_writes_a_valid_result()
    {
        using var h = new PipelineHarness("""
            name: csv-empty
            source:
              kind: csv
              path: exports
              csv:
                columns:
                  declaration_id: DECL_NO
                  declaration_type: TYPE
                  office_code: OFFICE
            """ + FixtureSource.PipelineTail("[K04]"));
        Directory.CreateDirectory(Path.Combine(h.Folder, "exports"));

        Exception failure = Assert.ThrowsAny<Exception>(() => h.Run());

        string file = Assert.Single(Directory.GetFiles(Path.Combine(h.Folder, "runs"), "*.json"));
        AssertValid(file);
        RunResult result = RunResultFile.Read(file);
        Assert.Equal((RunStatuses.Failed, failure.Message), (result.Status, result.Error));
    }

    [Fact]
    public void A_result_with_a_field_the_schema_does_not_know_is_refused()
    {
        // The check itself can fail: a result that grew a field without the schema does.
        JsonNode node = JsonNode.Parse("""{ "schema_version": 1, "surprise": true }""")!;
        Assert.False(Schema.Evaluate(node).IsValid);
    }

    private static void AssertValid(string file)
    {
        EvaluationResults results = Schema.Evaluate(JsonNode.Parse(File.ReadAllText(file)), new EvaluationOptions { OutputFormat = OutputFormat.List });
        string errors = string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
        Assert.True(results.IsValid, $"{file} is not valid against docs/run-result.schema.json:\n{errors}");
    }
}
