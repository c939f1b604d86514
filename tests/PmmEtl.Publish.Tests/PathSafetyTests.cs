using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>Nothing is ever written outside the output folder, whatever the pipeline is called.</summary>
public sealed class PathSafetyTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    [Theory]
    [InlineData("../escaped")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/../../escaped")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..\\escaped")]
    [InlineData("/tmp/escaped")]
    [InlineData("C:escaped")]
    [InlineData("demo..")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("tab\there")]
    public void A_pipeline_name_that_is_not_one_plain_folder_name_is_refused(string pipeline)
    {
        var reader = SampleRows.Reader();

        var error = Assert.Throws<ArgumentException>(() =>
            new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output, pipeline: pipeline), reader));

        Assert.Contains($"'{pipeline}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("request", error.ParamName);
        Assert.Empty(reader.ValueReads);
        Assert.Equal([_temp.Output], Directory.GetFileSystemEntries(_temp.Root));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Output));
    }

    [Fact]
    public void An_ordinary_pipeline_name_with_dots_dashes_and_accents_is_accepted()
    {
        const string pipeline = "bureau-genève_2.0";
        var reader = new FakeKpiValueReader(
            SampleRows.Values.Select(v => v with { Pipeline = pipeline }),
            SampleRows.Exclusions.Select(e => e with { Pipeline = pipeline }));

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output, pipeline: pipeline), reader);

        Assert.Equal(Path.Combine(_temp.Output, "national", pipeline, "2024", "v1"), published.Folder);
    }

    [Fact]
    public void A_run_id_with_separators_cannot_move_the_temp_folder()
    {
        var reader = new FakeKpiValueReader(SampleRows.Values, SampleRows.Exclusions)
        {
            BeforeValueRow = _ => Assert.Equal([".tmp-______escape"], YearFolderAssert.TempFolders(_temp.YearFolder("demo", 2024))),
        };

        new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output, runId: "../../escape"), reader);

        Assert.Equal([_temp.Output], Directory.GetFileSystemEntries(_temp.Root));
        Assert.Equal(
            [Path.Combine(_temp.Output, "national"), Path.Combine(_temp.Output, "public"), Path.Combine(_temp.Output, "wco")],
            Directory.GetFileSystemEntries(_temp.Output).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFileSystemEntries(_temp.Output), audience =>
            Assert.Equal([Path.Combine(audience, "demo")], Directory.GetFileSystemEntries(audience)));
    }

    public void Dispose() => _temp.Dispose();
}
