using NodaTime;

namespace PmmEtl.DemoSource.Tests;

public sealed class DstTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    [Fact]
    public void Skipped_and_repeated_local_times_exist_and_match_the_summary()
    {
        (int gap, int fold) = CountDstTimes(source.Content);

        Assert.True(gap > 0, "no local time in a spring-forward gap");
        Assert.True(fold > 0, "no local time in a fall-back fold");
        Assert.Equal(source.Summary.DstGapTimes, gap);
        Assert.Equal(source.Summary.DstFoldTimes, fold);
        Assert.True(source.Summary.SpanningDst > 0);
    }

    [Fact]
    public void Gap_times_fall_on_the_spring_change_and_fold_times_on_the_autumn_change()
    {
        foreach ((EventRow e, DeclarationRow d, LocalDateTime local, int count) in DstTimes(source.Content))
        {
            Assert.Equal(count == 0 ? 3 : 11, local.Month);
            Assert.NotEqual("USHNL5", d.OfficeCode);
            Assert.NotNull(e.EventLocalTime);
        }
    }

    [Fact]
    public void Milestones_of_some_declarations_span_a_DST_change()
    {
        // Resolved as the pipeline's default policy would (gap: shift forward, fold: earlier); what matters is
        // that first and last milestone lie on either side of the change instant.
        int spanning = 0;
        Instant start = Instant.FromUtc(2025, 1, 1, 0, 0);
        Instant end = Instant.FromUtc(2026, 1, 1, 0, 0);
        foreach (DeclarationRow d in source.Content.Declarations)
        {
            DateTimeZone? zone = ExpectedOffices.ZoneOf(d.OfficeCode);
            if (zone is null)
            {
                continue;
            }

            var instants = source.Content.EventsOf[d.RowId]
                .Select(e => SourceContent.ParseLocal(e.EventLocalTime))
                .OfType<LocalDateTime>()
                .Select(l => zone.AtLeniently(l).ToInstant())
                .ToList();
            if (instants.Count < 2)
            {
                continue;
            }

            Instant first = instants.Min();
            Instant last = instants.Max();
            spanning += zone.GetZoneIntervals(start, end).Skip(1).Any(i => first < i.Start && i.Start <= last) ? 1 : 0;
        }

        Assert.True(spanning >= 6, $"only {spanning} declarations span a DST change");
    }

    [Fact]
    public void A_200_declaration_source_still_has_gap_and_fold_times()
    {
        using var folder = new TempFolder();
        string path = folder.File("small.sqlite");
        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(path, 200));

        (int gap, int fold) = CountDstTimes(SourceContent.Load(path));
        Assert.True(gap > 0 && fold > 0);
        Assert.Equal((summary.DstGapTimes, summary.DstFoldTimes), (gap, fold));
    }

    private static (int Gap, int Fold) CountDstTimes(SourceContent content)
    {
        var cases = DstTimes(content).ToList();
        return (cases.Count(c => c.Count == 0), cases.Count(c => c.Count == 2));
    }

    /// <summary>Every well-formed event time of a known office that does not map to exactly one instant.</summary>
    private static IEnumerable<(EventRow Event, DeclarationRow Declaration, LocalDateTime Local, int Count)> DstTimes(SourceContent content)
    {
        foreach (DeclarationRow d in content.Declarations)
        {
            DateTimeZone? zone = ExpectedOffices.ZoneOf(d.OfficeCode);
            if (zone is null)
            {
                continue;
            }

            foreach (EventRow e in content.EventsOf[d.RowId])
            {
                if (SourceContent.ParseLocal(e.EventLocalTime) is { } local && zone.MapLocal(local).Count is var count && count != 1)
                {
                    yield return (e, d, local, count);
                }
            }
        }
    }
}
