using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>A reader of the output folder sees whole versions or nothing, whatever happens to a publication.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();
    private readonly ParquetSnapshotPublisher _publisher = new();

    private string YearFolder => _temp.YearFolder(SampleRows.Pipeline, SampleRows.Year);

    [Fact]
    public void A_temp_folder_left_by_a_crashed_run_is_removed_and_never_becomes_a_version()
    {
        string leftover = Path.Combine(YearFolder, ".tmp-x");
        Directory.CreateDirectory(leftover);
        File.WriteAllBytes(Path.Combine(leftover, ParquetSnapshotPublisher.ValuesFileName), [0x50, 0x41, 0x52, 0x31, 0, 0]);

        PublishedSnapshot published = _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.False(Directory.Exists(leftover));
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder));
        Assert.Equal(SampleRows.Values, ParquetContentTests.ReadValues(Path.Combine(published.Folder, ParquetSnapshotPublisher.ValuesFileName)));
        YearFolderAssert.EveryVersionIsComplete(YearFolder);
    }

    [Fact]
    public void A_temp_folder_left_beside_a_published_version_is_removed_when_nothing_changed()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        Directory.CreateDirectory(Path.Combine(YearFolder, ".tmp-crashed-run"));

        PublishedSnapshot again = _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.True(again.Unchanged);
        Assert.Empty(YearFolderAssert.TempFolders(YearFolder));
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder));
    }

    [Fact]
    public void Other_entries_of_the_year_folder_are_left_alone()
    {
        string notes = Path.Combine(YearFolder, "notes");
        Directory.CreateDirectory(notes);

        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.True(Directory.Exists(notes));
    }

    [Fact]
    public void While_rows_are_being_written_no_version_folder_exists_yet()
    {
        var seen = new List<string[]>();
        var reader = new FakeKpiValueReader(SampleRows.Values, SampleRows.Exclusions)
        {
            BeforeValueRow = i =>
            {
                YearFolderAssert.EveryVersionIsComplete(YearFolder);
                seen.Add(YearFolderAssert.Versions(YearFolder));
                Assert.Single(YearFolderAssert.TempFolders(YearFolder));
            },
        };

        _publisher.Publish(SampleRows.Request(_temp.Output), reader);

        Assert.All(seen, Assert.Empty);
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder));
        YearFolderAssert.EveryVersionIsComplete(YearFolder);
    }

    [Fact]
    public void A_reader_failing_mid_stream_leaves_no_version_and_no_temp_folder()
    {
        _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());
        var v1 = YearFolderAssert.Fingerprint(Path.Combine(YearFolder, "v1"));
        KpiValue[] changed = [.. SampleRows.Values.Select(v => v with { N = v.N + 1 })];
        var failing = new FakeKpiValueReader(changed, SampleRows.Exclusions)
        {
            BeforeValueRow = i => { if (i == 3) { throw new TimeoutException("warehouse connection lost"); } },
        };

        var error = Assert.Throws<TimeoutException>(() => _publisher.Publish(SampleRows.Request(_temp.Output, runId: "run-2"), failing));

        Assert.Equal("warehouse connection lost", error.Message);
        Assert.Equal(["v1"], YearFolderAssert.Versions(YearFolder));
        Assert.Empty(YearFolderAssert.TempFolders(YearFolder));
        Assert.Equal(v1, YearFolderAssert.Fingerprint(Path.Combine(YearFolder, "v1")));
    }

    [Fact]
    public void A_null_in_a_required_column_fails_the_publication_instead_of_writing_a_corrupt_file()
    {
        KpiValue broken = SampleRows.Ratio with { Unit = null! };
        var reader = new FakeKpiValueReader([SampleRows.MeanDuration, broken], SampleRows.Exclusions);

        var error = Assert.Throws<InvalidDataException>(() => _publisher.Publish(SampleRows.Request(_temp.Output), reader));

        Assert.Contains("'unit'", error.Message, StringComparison.Ordinal);
        Assert.Empty(YearFolderAssert.Versions(YearFolder));
        Assert.Empty(YearFolderAssert.TempFolders(YearFolder));
    }

    [Fact]
    public void Rows_of_another_pipeline_are_refused()
    {
        var reader = new FakeKpiValueReader([SampleRows.MeanDuration, SampleRows.Ratio with { Pipeline = "other" }], SampleRows.Exclusions);

        var error = Assert.Throws<InvalidDataException>(() => _publisher.Publish(SampleRows.Request(_temp.Output), reader));

        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
        Assert.Empty(YearFolderAssert.Versions(YearFolder));
    }

    [Fact]
    public void A_publication_already_running_for_the_same_year_is_not_raced()
    {
        Directory.CreateDirectory(YearFolder);
        using var otherPublisher = new FileStream(Path.Combine(YearFolder, ".publish.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        string theirTemp = Path.Combine(YearFolder, ".tmp-their-run");
        Directory.CreateDirectory(theirTemp);

        Assert.Throws<IOException>(() => _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader()));

        Assert.True(Directory.Exists(theirTemp));
        Assert.Empty(YearFolderAssert.Versions(YearFolder));
    }

    [Fact]
    public void A_version_folder_without_a_manifest_is_reported_not_guessed_at()
    {
        Directory.CreateDirectory(Path.Combine(YearFolder, "v1"));

        Assert.Throws<InvalidDataException>(() => _publisher.Publish(SampleRows.Request(_temp.Output), SampleRows.Reader()));

        Assert.Empty(YearFolderAssert.TempFolders(YearFolder));
        Assert.False(Directory.Exists(Path.Combine(YearFolder, "v2")));
    }

    public void Dispose() => _temp.Dispose();
}
