using PmmEtl.EndToEnd.Tests.Kpis;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests.Coverage;

/// <summary>
/// A period that had not ended at the run's data cut-off is published with the provisional flag and a note; an
/// ended period whose data reaches its last month is final. K10 (electronic declarations) is read by month, quarter
/// and year from declarations dated January to May 2025 only.
/// </summary>
public sealed class ProvisionalPeriodTests
{
    [Fact]
    public void A_year_whose_data_stops_in_May_is_provisional_and_its_ended_quarter_is_final()
    {
        using PipelineHarness h = new RegisterFixture()
            .Declarations(
                new FixtureRow("P1", "IMPORT", "NYC", "2025-01-15", Lod: "2025-01-15 10:00:00"),
                new FixtureRow("P2", "IMPORT", "NYC", "2025-02-15", Sub: "EMAIL", Lod: "2025-02-15 10:00:00"),
                new FixtureRow("P3", "EXPORT", "NYC", "2025-03-15", Lod: "2025-03-15 10:00:00"),
                new FixtureRow("P4", "EXPORT", "NYC", "2025-05-20", Lod: "2025-05-20 10:00:00"))
            .Build("K10");
        RunSummary run = h.Run();
        Assert.True(run.Run.RowsLoaded == 4, $"{run.Run.Status}: {run.Run.RowsLoaded} loaded, {run.Run.RowsQuarantined} quarantined; {run.Run.Error}");

        List<object?[]> rows = h.Query("""
            SELECT period_label, value, provisional, note FROM fact_kpi_value
            WHERE kpi_code = 'K10' AND variant = 'pmm' AND breakdown = 'total' AND period_label IN ('2025', '2025-Q1', '2025-Q2', '2025-05')
            ORDER BY period_label
            """);
        var byPeriod = rows.ToDictionary(r => (string)r[0]!);

        // 2025: 3 of 4 electronic, but the data stops at 2025-05, before the year ends (the run is after 2025).
        Assert.Equal(75.0, byPeriod["2025"][1]);
        Assert.Equal(true, byPeriod["2025"][2]);
        Assert.EndsWith("provisional: the data loaded stops at 2025-05, before 2025 ends", (string)byPeriod["2025"][3]!, StringComparison.Ordinal);
        // Q1 (P1 P2 P3: 2 of 3) ended and the data reaches past it: final, no note.
        Assert.Equal((66.67, false), ((double?)byPeriod["2025-Q1"][1], (bool)byPeriod["2025-Q1"][2]!));
        Assert.Null(byPeriod["2025-Q1"][3]);
        // Q2 ends in June, after the data's last month; May itself is final.
        Assert.Equal(true, byPeriod["2025-Q2"][2]);
        Assert.Equal(false, byPeriod["2025-05"][2]);
    }
}
