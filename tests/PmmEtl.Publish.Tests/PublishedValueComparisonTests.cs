using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Publish.Changes;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// Two published values files compared as the benchmark compares a night with a full re-run, and PostgreSQL with
/// DuckDB: the same values from another run are identical; a changed column, an added and a removed value are each
/// counted and named.
/// </summary>
public sealed class PublishedValueComparisonTests : IDisposable
{
    private readonly SnapshotFolder _first = new();
    private readonly SnapshotFolder _second = new();

    private static string Publish(SnapshotFolder folder, IEnumerable<KpiValue> values, string runId) =>
        Archive.Values(new ParquetSnapshotPublisher().Publish(SampleRows.Request(folder.Output, runId), new FakeKpiValueReader(values, [], [])).Folder);

    [Fact]
    public async Task The_same_values_from_another_run_are_identical()
    {
        string before = Publish(_first, [SampleRows.Ratio, SampleRows.MeanDuration], "run-1");
        string after = Publish(_second, [SampleRows.Ratio with { RunId = "run-2" }, SampleRows.MeanDuration with { RunId = "run-2" }], "run-2");

        ValueFileDifference difference = await PublishedValueComparison.CompareAsync(before, after, TestContext.Current.CancellationToken);

        Assert.True(difference.Identical, difference.ToString());
        Assert.Equal("identical (2 values)", difference.ToString());
    }

    [Fact]
    public async Task A_changed_column_an_added_and_a_removed_value_are_counted_and_named()
    {
        string before = Publish(_first, [SampleRows.Ratio, SampleRows.MeanDuration], "run-1");
        string after = Publish(_second, [SampleRows.Ratio with { Excluded = SampleRows.Ratio.Excluded + 1 }, SampleRows.NotMeasurableRatio], "run-2");

        ValueFileDifference difference = await PublishedValueComparison.CompareAsync(before, after, TestContext.Current.CancellationToken);

        Assert.False(difference.Identical);
        Assert.Equal((2, 1, 1, 1), (difference.Values, difference.Added, difference.Removed, difference.Changed));
        Assert.Equal(1, difference.Fields["excluded"]);
        Assert.StartsWith("1 changed, 1 added, 1 removed of 2 (columns: excluded 1; first: ", difference.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }
}
