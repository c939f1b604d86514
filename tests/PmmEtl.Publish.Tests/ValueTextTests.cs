using System.Text.Json;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Reading;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// value_text (schema 3): a text answer or a level's label travels with its row into every file, counts as a change of
/// the value when it changes, and goes with the number when a cell is suppressed.
/// </summary>
public sealed class ValueTextTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    private PublishedSnapshot Publish(IEnumerable<KpiValue> values, string runId = SampleRows.RunId, int? suppressBelow = null) =>
        new ParquetSnapshotPublisher().Publish(
            SampleRows.Request(_temp.Output, runId) with { SuppressBelow = suppressBelow }, new FakeKpiValueReader(values, [], []));

    [Fact]
    public async Task A_text_value_reads_back_from_the_values_file_and_the_history_and_numbers_have_none()
    {
        PublishedSnapshot published = Publish([SampleRows.MeanDuration, SampleRows.TextAnswer]);

        // DuckDB, the independent reader: the text as written, null beside a number, and no number beside the text.
        List<object?[]> rows = DuckDb.Query(
            $"SELECT kpi_code, value, value_text FROM read_parquet({DuckDb.Literal(Archive.Values(published.Folder))}) ORDER BY kpi_code");
        Assert.Equal([["FOS-2.B", null, "WCO DM 3.10 – données « e-commerce »"], ["K04", 123.46, null]], rows);
        Assert.Equal([SampleRows.MeanDuration, SampleRows.TextAnswer], ParquetContentTests.ReadValues(Archive.Values(published.Folder)));

        // The program's own reader, which the history, the documents and the next version's comparison use.
        List<PublishedValue> read = await PublishedValuesReader.ReadAsync(Archive.Values(published.Folder), TestContext.Current.CancellationToken);
        Assert.Equal([null, "WCO DM 3.10 – données « e-commerce »"], read.Select(r => r.Value.ValueText));

        string history = DuckDb.Literal(Archive.History(_temp.PipelineFolder("demo")));
        Assert.Equal("WCO DM 3.10 – données « e-commerce »",
            DuckDb.Query($"SELECT value_text FROM read_parquet({history}) WHERE kpi_code = 'FOS-2.B'").Single()[0]);
    }

    [Fact]
    public void A_changed_text_is_a_changed_value_listed_with_old_and_new_text()
    {
        Publish([SampleRows.MeanDuration, SampleRows.TextAnswer]);
        PublishedSnapshot second = Publish([SampleRows.MeanDuration, SampleRows.TextAnswer with { ValueText = "WCO DM 4.0" }], runId: "run-2");

        Assert.Equal(2, second.Version);
        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        JsonElement changes = manifest.RootElement.GetProperty("changes");
        Assert.Equal((0, 0, 1), (changes.GetProperty("values_added").GetInt32(), changes.GetProperty("values_removed").GetInt32(), changes.GetProperty("values_changed").GetInt32()));
        JsonElement change = changes.GetProperty("values").EnumerateArray().Single();
        Assert.Equal("FOS-2.B", change.GetProperty("kpi_code").GetString());
        Assert.Equal(["value_text"], change.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("WCO DM 3.10 – données « e-commerce »", change.GetProperty("old_value_text").GetString());
        Assert.Equal("WCO DM 4.0", change.GetProperty("new_value_text").GetString());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("old_value").ValueKind);
    }

    [Fact]
    public void A_numeric_change_lists_no_text_keys()
    {
        Publish([SampleRows.MeanDuration]);
        PublishedSnapshot second = Publish([SampleRows.MeanDuration with { Value = 124.0 }], runId: "run-2");

        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        JsonElement change = manifest.RootElement.GetProperty("changes").GetProperty("values").EnumerateArray().Single();
        Assert.Equal(["value"], change.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.False(change.TryGetProperty("old_value_text", out _));
        Assert.False(change.TryGetProperty("new_value_text", out _));
    }

    [Fact]
    public void A_suppressed_cell_publishes_neither_its_number_nor_its_text()
    {
        // K10 quarter: a ratio with B = 8, under the minimum of 10 in the public and WCO trees. The text stands for any
        // text a counted value carries (an officer's entered answer); it would reveal what the number hides.
        KpiValue withText = SampleRows.Ratio with { ValueText = "7 of 8 declarations electronic" };

        PublishedSnapshot published = Publish([withText], suppressBelow: 10);

        object?[] wco = DuckDb.Query(
            $"SELECT value, value_text, numerator, suppressed FROM read_parquet({DuckDb.Literal(Archive.Values(AudienceTests.Folder(published, "wco")))})").Single();
        Assert.Equal([null, null, null, true], wco);
        object?[] national = DuckDb.Query(
            $"SELECT value, value_text, numerator, suppressed FROM read_parquet({DuckDb.Literal(Archive.Values(AudienceTests.Folder(published, "national")))})").Single();
        Assert.Equal([87.5, "7 of 8 declarations electronic", 7L, false], national);

        // Nor do the documents: the workbook and the report are built from the suppressed rows.
        string report = File.ReadAllText(Path.Combine(AudienceTests.Folder(published, "wco"), ParquetSnapshotPublisher.ReportFileName));
        Assert.DoesNotContain("7 of 8 declarations electronic", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Questionnaire_answers_count_no_declarations_and_are_never_suppressed()
    {
        KpiDefinition[] questionnaire = [.. KpiCatalogue.All.Where(k => k.Input == InputKind.Questionnaire)];
        if (questionnaire.Length == 0)
        {
            Assert.Skip("the catalogue of this branch has no questionnaire KPI yet");
        }

        // A checklist of 9 criteria, 6 answered yes: N = 9, A = 6, B = 9, all under a minimum of 10. Nothing to protect.
        KpiValue[] answers = [.. questionnaire.Select(k => SampleRows.TextAnswer with
        {
            KpiCode = k.Code, KpiId = k.Id, Value = 66.67, ValueText = "level 4", N = 9, Numerator = 6, Denominator = 9, Disclosure = "public",
        })];

        PublishedSnapshot published = Publish(answers, suppressBelow: 10);

        List<object?[]> rows = DuckDb.Query(
            $"SELECT value, value_text, suppressed FROM read_parquet({DuckDb.Literal(Archive.Values(AudienceTests.Folder(published, "public")))})");
        Assert.Equal(questionnaire.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal([66.67, "level 4", false], r));
    }

    public void Dispose() => _temp.Dispose();
}
