using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>Versions are immutable; equal values are not published twice; changed values get the next version.</summary>
public sealed class VersioningTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();
    private readonly ParquetSnapshotPublisher _publisher = new();

    private string YearFolder => _temp.YearFolder(SampleRows.Pipeline, SampleRows.Year);

    [Fact]
    public void Publishing_the_same_rows_again_from_another_run_is_unchanged_and_keeps_only_v1()
    {
        PublishedSnapshot first = _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        var v1 = YearFolderAssert.Fingerprint(first.Folder);

        // A later run recomputes identical values: only run_id and computed_at differ.
        const string laterRun = "run-2024-03-02";
        Instant later = SampleRows.ComputedAt.Plus(Duration.FromDays(1));
        var reader = new FakeKpiValueReader(
            SampleRows.Values.Select(v => v with { RunId = laterRun, ComputedAt = later }),
            SampleRows.Exclusions.Select(e => e with { RunId = laterRun }),
            SampleRows.Distribution.Select(b => b with { RunId = laterRun }));
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output, runId: laterRun), reader);

        Assert.True(second.Unchanged);
        Assert.Equal(1, second.Version);
        Assert.Equal(first.Folder, second.Folder);
        Assert.Equal(first.RowCounts, second.RowCounts);
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder));
        Assert.Empty(YearFolderAssert.TempFolders(YearFolder));
        Assert.Equal(v1, YearFolderAssert.Fingerprint(first.Folder));
    }

    [Fact]
    public void Rows_returned_in_another_order_are_unchanged()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        var reader = new FakeKpiValueReader(SampleRows.Values.Reverse(), SampleRows.Exclusions.Reverse(), SampleRows.Distribution.Reverse());
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output), reader);

        Assert.True(second.Unchanged);
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder));
    }

    [Fact]
    public void A_changed_value_is_published_as_v2_superseding_v1_and_v1_is_untouched()
    {
        PublishedSnapshot first = _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        var v1 = YearFolderAssert.Fingerprint(first.Folder);

        KpiValue[] changed = [.. SampleRows.Values.Select((v, i) => i == 1 ? v with { Value = 87.6 } : v)];
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"), new FakeKpiValueReader(changed, SampleRows.Exclusions));

        Assert.False(second.Unchanged);
        Assert.Equal(2, second.Version);
        Assert.Equal(Path.Combine(YearFolder, "v2"), second.Folder);
        Assert.Equal("v1", ManifestTests.Supersedes(second.Folder));
        Assert.Equal(2, ManifestTests.Version(second.Folder));
        Assert.NotEqual(ManifestTests.ContentHash(first.Folder), ManifestTests.ContentHash(second.Folder));
        Assert.Equal(["v1", "v2"], YearFolderAssert.Versions(YearFolder));
        Assert.Equal(v1, YearFolderAssert.Fingerprint(first.Folder));
        Assert.Equal(changed, ParquetContentTests.ReadValues(Path.Combine(second.Folder, ParquetSnapshotPublisher.ValuesFileName)));
        Assert.Equal(SampleRows.Values, ParquetContentTests.ReadValues(Path.Combine(first.Folder, ParquetSnapshotPublisher.ValuesFileName)));
    }

    [Fact]
    public void A_changed_exclusion_alone_makes_a_new_version()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        var reader = new FakeKpiValueReader(SampleRows.Values, [.. SampleRows.Exclusions.Select(e => e with { Count = e.Count + 1 })]);
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output), reader);

        Assert.False(second.Unchanged);
        Assert.Equal(2, second.Version);
    }

    [Fact]
    public void A_null_becoming_zero_is_a_change()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        KpiValue[] changed = [.. SampleRows.Values.Select(v => v.Value is null ? v with { Value = 0 } : v)];
        PublishedSnapshot second = _publisher.Publish(SampleRows.Request(_temp.Output), new FakeKpiValueReader(changed, SampleRows.Exclusions));

        Assert.False(second.Unchanged);
    }

    [Fact]
    public void Reverting_to_older_values_is_compared_with_the_latest_version_only()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        KpiValue[] changed = [.. SampleRows.Values.Skip(1)];
        _publisher.Publish(SampleRows.Request(_temp.Output), new FakeKpiValueReader(changed, SampleRows.Exclusions));

        PublishedSnapshot third = _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.False(third.Unchanged);
        Assert.Equal(3, third.Version);
        Assert.Equal("v2", ManifestTests.Supersedes(third.Folder));
        Assert.Equal(ManifestTests.ContentHash(Path.Combine(YearFolder, "v1")), ManifestTests.ContentHash(third.Folder));
    }

    [Fact]
    public void Another_year_or_pipeline_is_versioned_on_its_own()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        PublishedSnapshot otherYear = _publisher.Publish(SampleRows.Request(_temp.Output) with { Year = 2025 }, SampleRows.Reader());

        Assert.Equal(1, otherYear.Version);
        Assert.Equal(Path.Combine(_temp.YearFolder(SampleRows.Pipeline, 2025), "v1"), otherYear.Folder);
    }

    public void Dispose() => _temp.Dispose();
}
