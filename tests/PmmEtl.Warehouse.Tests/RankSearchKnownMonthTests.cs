using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Warehouse.Measure;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// A month (or quarter) whose own percentiles were kept is not searched again: level 2 gets no request for its month groups,
/// and nothing is assembled for them (the kept values stand). Its bins still count in its quarter and year.
/// </summary>
public sealed class RankSearchKnownMonthTests
{
    private static readonly LocalDate January = new(2025, 1, 1);
    private static readonly LocalDate February = new(2025, 2, 1);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_known_months_groups_are_neither_requested_nor_assembled_but_its_bins_count_in_the_quarter(bool knownBeforeItsBins)
    {
        var search = new RankSearch([DurationPart.Total], Interpolation.WeightedEnds);
        if (knownBeforeItsBins)
        {
            search.Known(PeriodType.Month, January);
        }

        // Ten values in one bin of each month, from 1 to 2 minutes: every rank inside a bin, so each group needs level 2.
        search.Add(0, January, -1, null, bin: 300, count: 10, min: 1, max: 2);
        search.Add(0, February, -1, null, bin: 300, count: 10, min: 1, max: 2);
        search.Known(PeriodType.Month, January);

        IReadOnlyList<RankSearch.Request> requests = search.Plan();

        Assert.DoesNotContain(requests, q => q.Group.PeriodType == PeriodType.Month && q.Group.Start == January);
        Assert.Contains(requests, q => q.Group.PeriodType == PeriodType.Month && q.Group.Start == February);
        // The quarter holds both months' twenty values: its median lies between ranks 9 and 10 (0-based) of 20.
        RankSearch.Request quarter = Assert.Single(requests, q => q.Group.PeriodType == PeriodType.Quarter);
        Assert.Contains(9L, quarter.Offsets);
        Assert.Contains(10L, quarter.Offsets);

        foreach (RankSearch.Request q in requests)
        {
            foreach (long offset in q.Offsets)
            {
                search.Found(q.Id, offset, 1 + (offset / 100.0));
            }
        }

        var into = new Dictionary<PercentileKey, (double?, double?)>();
        search.Assemble(into);
        Assert.DoesNotContain(into.Keys, k => k.PeriodType == PeriodType.Month && k.Start == January);
        Assert.Contains(into.Keys, k => k.PeriodType == PeriodType.Month && k.Start == February);
        Assert.Equal(3, into.Count);
    }

    [Fact]
    public void A_known_quarter_is_neither_requested_nor_assembled_but_its_months_bins_count_in_the_year()
    {
        var search = new RankSearch([DurationPart.Total], Interpolation.WeightedEnds);
        search.Known(PeriodType.Quarter, January);
        search.Known(PeriodType.Month, January);
        search.Known(PeriodType.Month, February);
        search.Add(0, January, -1, null, bin: 300, count: 10, min: 1, max: 2);
        search.Add(0, February, -1, null, bin: 300, count: 10, min: 1, max: 2);
        search.Add(0, new LocalDate(2025, 4, 1), -1, null, bin: 300, count: 10, min: 1, max: 2);

        IReadOnlyList<RankSearch.Request> requests = search.Plan();

        // April's month and quarter, and the year; nothing of the first quarter or its months.
        Assert.Equal(
            [(PeriodType.Month, new LocalDate(2025, 4, 1)), (PeriodType.Quarter, new LocalDate(2025, 4, 1)), (PeriodType.Year, January)],
            requests.Select(q => (q.Group.PeriodType, q.Group.Start)).Order());
        // The year holds all thirty values: its median lies between ranks 14 and 15 (0-based).
        RankSearch.Request year = Assert.Single(requests, q => q.Group.PeriodType == PeriodType.Year);
        Assert.Contains(14L, year.Offsets);
        Assert.Contains(15L, year.Offsets);
    }
}
