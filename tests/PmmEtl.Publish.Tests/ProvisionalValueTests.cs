using System.Text.Json;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// provisional (schema 5): a value of an unfinished period is published with the flag, and a later version may change
/// it quietly; a value published as final is never changed silently: the manifest counts and marks the revision, and
/// the publication reports it.
/// </summary>
public sealed class ProvisionalValueTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    private PublishedSnapshot Publish(IEnumerable<KpiValue> values, string runId) =>
        new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output, runId), new FakeKpiValueReader(values, [], []));

    private static KpiValue Final => SampleRows.Ratio;

    private static KpiValue Unfinished => SampleRows.MeanDuration with { Provisional = true, Note = "provisional: the data behind it stops at 2024-02" };

    [Fact]
    public void The_flag_is_a_column_of_the_values_file_and_the_history()
    {
        PublishedSnapshot published = Publish([Final, Unfinished], "run-1");

        // DuckDB, the independent reader.
        Assert.Equal([["K04", true], ["K10", false]],
            DuckDb.Query($"SELECT kpi_code, provisional FROM read_parquet({DuckDb.Literal(Archive.Values(published.Folder))}) ORDER BY kpi_code"));
        Assert.Equal([["K04", true], ["K10", false]],
            DuckDb.Query($"SELECT kpi_code, provisional FROM read_parquet({DuckDb.Literal(Archive.History(_temp.PipelineFolder("demo")))}) ORDER BY kpi_code"));
    }

    [Fact]
    public void A_changed_final_value_is_counted_marked_and_reported()
    {
        Publish([Final, Unfinished], "run-1");
        PublishedSnapshot second = Publish([Final with { Value = 42.0 }, Unfinished], "run-2");

        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        JsonElement changes = manifest.RootElement.GetProperty("changes");
        Assert.Equal(1, changes.GetProperty("final_values_revised").GetInt32());
        JsonElement change = changes.GetProperty("values").EnumerateArray().Single();
        Assert.Equal(("K10", "revised_final"), (change.GetProperty("kpi_code").GetString(), change.GetProperty("revision").GetString()));

        PublishedAudience national = Assert.Single(second.Audiences, a => a.Audience == "national");
        Assert.Contains(national.Findings, f => f.StartsWith("1 value(s) published as final in v1 are revised in v2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provisional_value_may_change_and_become_final_without_a_revision()
    {
        Publish([Final, Unfinished], "run-1");
        PublishedSnapshot changed = Publish([Final, Unfinished with { Value = 130.0 }], "run-2");
        PublishedSnapshot finalised = Publish([Final, Unfinished with { Value = 131.0, Provisional = false, Note = null }], "run-3");

        using JsonDocument second = ManifestTests.ReadManifest(changed.Folder);
        using JsonDocument third = ManifestTests.ReadManifest(finalised.Folder);
        Assert.Equal(0, second.RootElement.GetProperty("changes").GetProperty("final_values_revised").GetInt32());
        Assert.Equal("provisional", second.RootElement.GetProperty("changes").GetProperty("values")[0].GetProperty("revision").GetString());
        Assert.Equal(0, third.RootElement.GetProperty("changes").GetProperty("final_values_revised").GetInt32());
        Assert.Equal("finalised", third.RootElement.GetProperty("changes").GetProperty("values")[0].GetProperty("revision").GetString());
        Assert.All(finalised.Audiences, a => Assert.DoesNotContain(a.Findings, f => f.Contains("revised", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_removed_final_value_is_a_revision()
    {
        Publish([Final, Unfinished], "run-1");
        PublishedSnapshot second = Publish([Unfinished], "run-2");

        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        Assert.Equal(1, manifest.RootElement.GetProperty("changes").GetProperty("final_values_revised").GetInt32());
    }

    public void Dispose() => _temp.Dispose();
}
