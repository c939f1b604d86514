using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// Small-count suppression below N = 10 in the public and WCO trees. The count is N for a mean duration (K04) and
/// the denominator B for a ratio (K10). SampleRows' K10 quarter has B = 8 and A = 7: suppressed. K04 has N = 100: kept.
/// </summary>
public sealed class SuppressionTests : IDisposable
{
    private readonly SnapshotFolder _temp = new();

    private PublishedSnapshot Publish(IKpiValueReader reader, int? below = 10) =>
        new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output) with { SuppressBelow = below }, reader);

    private static object?[] Row(PublishedSnapshot published, string audience, string where) => DuckDb.Query(
            "SELECT value, numerator, denominator, n, median, sum_minutes, suppressed, note FROM read_parquet(" +
            DuckDb.Literal(Archive.Values(AudienceTests.Folder(published, audience))) + ") WHERE " + where)
        .Single();

    [Fact]
    public void A_ratio_whose_denominator_is_under_the_threshold_keeps_its_row_and_counts_but_loses_value_and_numerator()
    {
        PublishedSnapshot published = Publish(SampleRows.Reader());

        object?[] wco = Row(published, "wco", "kpi_code = 'K10' AND period_label = '2024-Q1'");
        Assert.Equal([null, null, 8L, 8L, null, null, true, "suppressed: counts 8 declarations, fewer than the publication minimum of 10"], wco);

        // The national tree is the administration's full record: never suppressed.
        object?[] national = Row(published, "national", "kpi_code = 'K10' AND period_label = '2024-Q1'");
        Assert.Equal([87.5, 7L, 8L, 8L, null, null, false, null], national);
    }

    [Fact]
    public void A_record_ratio_whose_denominator_is_an_amount_is_counted_by_its_records()
    {
        // K03: B = 2,500,000 USD of trade value, but only 4 declarations behind it: the cell counts 4, under 10.
        KpiValue trade = SampleRows.Ratio with { KpiCode = "K03", KpiId = "aeo_trade_share", PeriodType = "year", PeriodLabel = "2024", Value = 40, N = 4, Numerator = 1_000_000, Denominator = 2_500_000 };
        PublishedSnapshot published = Publish(new FakeKpiValueReader([trade], [], []));

        object?[] wco = Row(published, "wco", "kpi_code = 'K03'");
        Assert.Null(wco[0]);
        Assert.Equal(true, wco[6]);
    }

    [Fact]
    public void A_mean_duration_is_counted_by_N_not_by_its_variants_denominator()
    {
        // N = 5 measured out of a population of 103: the cell counts 5, under 10.
        KpiValue small = SampleRows.PrintedVariant with { N = 5 };
        PublishedSnapshot published = Publish(new FakeKpiValueReader([SampleRows.MeanDuration, small], [], []));

        object?[] printed = Row(published, "public", "variant = 'as_printed'");
        Assert.Equal([null, null, 103L, 5L, null, null, true, "suppressed: counts 5 declarations, fewer than the publication minimum of 10; Σ T_i / population"], printed);
        object?[] kept = Row(published, "public", "variant = 'pmm'");
        Assert.Equal([123.46, null, null, 100L, 100.5, 12345.678901, false, null], kept);
    }

    [Fact]
    public void An_empty_cell_is_not_measurable_rather_than_suppressed()
    {
        PublishedSnapshot published = Publish(SampleRows.Reader());

        object?[] empty = Row(published, "wco", "kpi_code = 'K10' AND period_label = '2024-02'");
        Assert.Equal([null, 0L, 0L, 0L, null, null, false, "not measurable: no declarations in scope (B = 0)"], empty);
    }

    [Fact]
    public void Small_histogram_bins_lose_their_count_in_the_public_tree()
    {
        PublishedSnapshot published = Publish(SampleRows.Reader());

        List<object?[]> bins = DuckDb.Query("SELECT bin, count, suppressed FROM read_parquet(" +
            DuckDb.Literal(Path.Combine(AudienceTests.Folder(published, "public"), ParquetSnapshotPublisher.DistributionFileName)) + ") ORDER BY bin");
        Assert.Equal([[0L, 40L, false], [1L, null, true], [2L, null, true]], bins);
    }

    [Fact]
    public void The_threshold_is_in_the_manifest_and_changing_it_makes_new_public_and_wco_versions_only()
    {
        PublishedSnapshot first = Publish(SampleRows.Reader(), below: null);
        PublishedSnapshot second = Publish(SampleRows.Reader(), below: 10);

        Assert.Equal([("public", 2, false), ("wco", 2, false), ("national", 1, true)], second.Audiences.Select(a => (a.Audience, a.Version, a.Unchanged)));
        using var manifest = ManifestTests.ReadManifest(AudienceTests.Folder(second, "public"));
        Assert.Equal(10, manifest.RootElement.GetProperty("suppress_below").GetInt32());
        Assert.True(first.Audiences.All(a => !a.Unchanged));
    }

    public void Dispose() => _temp.Dispose();
}
