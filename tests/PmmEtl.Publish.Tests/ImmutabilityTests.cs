using System.Text.Json;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>A re-publication of a period never changes or removes a published file; a change is a new version naming what changed.</summary>
public sealed class ImmutabilityTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();
    private readonly ParquetSnapshotPublisher _publisher = new();

    [Fact]
    public void A_second_publication_with_changed_values_adds_versions_and_touches_no_published_file()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        var before = Archive.VersionFiles(_temp.Output);
        Thread.Sleep(20); // so a rewritten file would show a new write time even on coarse clocks

        // The wco-level K10 quarter changes: the public tree does not show it and keeps its v1.
        KpiValue[] changed = [.. SampleRows.Values.Select(v => v.PeriodLabel == "2024-Q1" ? v with { Value = 87.6 } : v)];
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"),
            new FakeKpiValueReader(changed, SampleRows.Exclusions, SampleRows.Distribution));

        Assert.Equal([("public", 1, true), ("wco", 2, false), ("national", 2, false)], second.Audiences.Select(a => (a.Audience, a.Version, a.Unchanged)));
        var after = Archive.VersionFiles(_temp.Output);
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
        string v2 = $"{Path.DirectorySeparatorChar}v2{Path.DirectorySeparatorChar}";
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Where(k => !k.Contains(v2, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["national", "wco"], after.Keys.Where(k => k.Contains(v2, StringComparison.Ordinal)).Select(k => k.Split(Path.DirectorySeparatorChar)[0]).Distinct().Order());
        Assert.Equal(["v1"], YearFolderAssert.Versions(_temp.YearFolder("demo", 2024, "public")));
        Assert.Equal(["v1", "v2"], YearFolderAssert.Versions(_temp.YearFolder("demo", 2024, "wco")));
    }

    [Fact]
    public void The_superseding_manifest_lists_the_added_removed_and_changed_values_with_old_and_new()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        // Changed: K10 2024-Q1 87.5 → 87.6. Removed: the Zürich office row. Added: K04 2024-02.
        KpiValue added = SampleRows.MeanDuration with
        {
            PeriodLabel = "2024-02", PeriodStart = new NodaTime.LocalDate(2024, 2, 1), PeriodEnd = new NodaTime.LocalDate(2024, 3, 1), Value = 99.5, N = 40,
        };
        KpiValue[] next = [SampleRows.MeanDuration, SampleRows.Ratio with { Value = 87.6 }, SampleRows.NotMeasurableRatio, SampleRows.PrintedVariant, added];
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"),
            new FakeKpiValueReader(next, SampleRows.Exclusions, SampleRows.Distribution));

        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        JsonElement changes = manifest.RootElement.GetProperty("changes");
        Assert.Equal("v1", changes.GetProperty("against").GetString());
        Assert.Equal((1, 1, 1), (changes.GetProperty("values_added").GetInt32(), changes.GetProperty("values_removed").GetInt32(), changes.GetProperty("values_changed").GetInt32()));
        Assert.Empty(changes.GetProperty("other_files_changed").EnumerateArray());
        string[] listed = [.. changes.GetProperty("values").EnumerateArray().Select(c =>
            $"{c.GetProperty("change").GetString()} {c.GetProperty("kpi_code").GetString()} {c.GetProperty("period_label").GetString()} " +
            $"{c.GetProperty("breakdown_value").GetString()} {Text(c.GetProperty("old_value"))}→{Text(c.GetProperty("new_value"))} " +
            $"n {Text(c.GetProperty("old_n"))}→{Text(c.GetProperty("new_n"))} [{string.Join(",", c.GetProperty("fields").EnumerateArray().Select(f => f.GetString()))}]")];
        Assert.Equal(
        [
            // In key order: KPI, variant, period type, period, breakdown, breakdown value.
            "removed K04 2024-01 Zürich – Flughafen 東京 ✈ 0.30000000000000004→null n 100→null []",
            "added K04 2024-02 ALL null→99.5 n null→40 []",
            "changed K10 2024-Q1 ALL 87.5→87.6 n 8→8 [value]",
        ], listed);
    }

    [Fact]
    public void A_change_in_another_table_is_named_in_the_manifest()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"),
            new FakeKpiValueReader(SampleRows.Values, [.. SampleRows.Exclusions.Select(e => e with { Count = e.Count + 1 })], SampleRows.Distribution));

        Assert.Equal([("public", true), ("wco", true), ("national", false)], second.Audiences.Select(a => (a.Audience, a.Unchanged)));
        using JsonDocument manifest = ManifestTests.ReadManifest(second.Folder);
        JsonElement changes = manifest.RootElement.GetProperty("changes");
        Assert.Equal([ParquetSnapshotPublisher.ExclusionsFileName], changes.GetProperty("other_files_changed").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, changes.GetProperty("values_changed").GetInt32());
    }

    [Fact]
    public void The_history_holds_the_latest_version_of_every_year_and_says_which()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        _publisher.Publish(SampleRows.Request(_temp.Output) with { Year = 2025 }, SampleRows.Reader());
        KpiValue[] changed = [.. SampleRows.Values.Select(v => v with { Excluded = v.Excluded + 1 })];
        _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-3"), new FakeKpiValueReader(changed, SampleRows.Exclusions, SampleRows.Distribution));

        string history = DuckDb.Literal(Archive.History(_temp.PipelineFolder("demo")));
        List<object?[]> years = DuckDb.Query($"SELECT snapshot_year, snapshot_version, count(*), sum(excluded)::BIGINT FROM read_parquet({history}) GROUP BY ALL ORDER BY ALL");
        // 2024 from v2 (excluded 3+0+0+3+3 plus one each = 14), 2025 from v1 (9).
        Assert.Equal([[2024L, 2L, 5L, 14L], [2025L, 1L, 5L, 9L]], years);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Archive.History(_temp.PipelineFolder("demo")))!, ".tmp-*"));
    }

    public void Dispose() => _temp.Dispose();

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "null" : e.GetRawText();
}
