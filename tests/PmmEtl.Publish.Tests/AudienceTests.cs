using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// Each audience's tree holds exactly the rows its audience may see. SampleRows: K04 month (public), K10 quarter and
/// K10 month (wco), the Zürich office row (national), K04 as_printed (public).
/// </summary>
public sealed class AudienceTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    private const string K04Month = "K04|pmm|2024-01|ALL";
    private const string K04Printed = "K04|as_printed|2024|ALL";
    private const string K10Quarter = "K10|pmm|2024-Q1|ALL";
    private const string K10Month = "K10|pmm|2024-02|ALL";
    private const string K04Office = "K04|pmm|2024-01|Zürich – Flughafen 東京 ✈";

    [Fact]
    public void Public_sees_public_rows_wco_adds_wco_rows_national_sees_everything()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.Equal(["public", "wco", "national"], published.Audiences.Select(a => a.Audience));
        Assert.Equal([K04Printed, K04Month], Archive.Keys(Archive.Values(Folder(published, "public"))).Order(StringComparer.Ordinal));
        Assert.Equal([K04Printed, K04Month, K10Month, K10Quarter], Archive.Keys(Archive.Values(Folder(published, "wco"))).Order(StringComparer.Ordinal));
        Assert.Equal([K04Printed, K04Month, K04Office, K10Month, K10Quarter], Archive.Keys(Archive.Values(Folder(published, "national"))).Order(StringComparer.Ordinal));
        Assert.Equal(Folder(published, "national"), published.Folder);
    }

    [Fact]
    public void Exclusion_counts_are_published_to_the_national_audience_only()
    {
        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        Assert.False(File.Exists(Path.Combine(Folder(published, "public"), ParquetSnapshotPublisher.ExclusionsFileName)));
        Assert.False(File.Exists(Path.Combine(Folder(published, "wco"), ParquetSnapshotPublisher.ExclusionsFileName)));
        string national = DuckDb.Literal(Path.Combine(Folder(published, "national"), ParquetSnapshotPublisher.ExclusionsFileName));
        Assert.Equal(2L, DuckDb.Query($"SELECT count(*) FROM read_parquet({national})").Single()[0]);
    }

    [Fact]
    public void A_histogram_follows_its_KPIs_level_and_an_unknown_KPI_stays_national()
    {
        KpiDistributionBin unknown = new(SampleRows.Pipeline, "K99", SampleRows.Year, 0, 0, 15, 12, SampleRows.RunId);
        var reader = new FakeKpiValueReader(SampleRows.Values, SampleRows.Exclusions, [.. SampleRows.Distribution, unknown]);

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), reader);

        string Codes(string audience) => string.Join(",", DuckDb.Query(
            $"SELECT kpi_code || ':' || disclosure FROM read_parquet({DuckDb.Literal(Path.Combine(Folder(published, audience), ParquetSnapshotPublisher.DistributionFileName))}) ORDER BY ALL")
            .Select(r => (string)r[0]!));
        Assert.Equal("K04:public,K04:public,K04:public", Codes("public"));
        Assert.Equal("K04:public,K04:public,K04:public", Codes("wco"));
        Assert.Equal("K04:public,K04:public,K04:public,K99:national", Codes("national"));
    }

    [Fact]
    public void A_row_with_an_unknown_disclosure_code_is_published_to_the_national_audience_only()
    {
        KpiValue typo = SampleRows.MeanDuration with { PeriodLabel = "2024-03", Disclosure = "Public " };
        var reader = new FakeKpiValueReader([SampleRows.MeanDuration, typo], [], []);

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), reader);

        Assert.Equal([K04Month], Archive.Keys(Archive.Values(Folder(published, "public"))));
        Assert.Equal([K04Month], Archive.Keys(Archive.Values(Folder(published, "wco"))));
        Assert.Equal([K04Month, "K04|pmm|2024-03|ALL"], Archive.Keys(Archive.Values(Folder(published, "national"))));
    }

    [Fact]
    public void Only_the_audiences_asked_for_are_published()
    {
        SnapshotRequest request = SampleRows.Request(_temp.Output) with { Audiences = [Disclosure.Public] };

        PublishedSnapshot published = new ParquetSnapshotPublisher().Publish(request, SampleRows.Reader());

        Assert.Equal(["public"], Directory.GetDirectories(_temp.Output).Select(Path.GetFileName));
        Assert.Equal(Path.Combine(_temp.YearFolder("demo", 2024, "public"), "v1"), published.Folder);
    }

    [Fact]
    public void Each_audience_has_its_own_history()
    {
        new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

        foreach ((string audience, int rows) in new[] { ("public", 2), ("wco", 4), ("national", 5) })
        {
            string history = DuckDb.Literal(Archive.History(_temp.PipelineFolder("demo", audience)));
            Assert.Equal((long)rows, DuckDb.Query($"SELECT count(*) FROM read_parquet({history})").Single()[0]);
        }
    }

    public void Dispose() => _temp.Dispose();

    internal static string Folder(PublishedSnapshot published, string audience) => published.Audiences.Single(a => a.Audience == audience).Folder;
}
