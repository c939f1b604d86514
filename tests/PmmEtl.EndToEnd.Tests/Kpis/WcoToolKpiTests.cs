using static PmmEtl.EndToEnd.Tests.Kpis.Area4FosRows;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>K50 and K51 (Catalogue/Areas/WcoToolsArea.cs): means of the WCO-tool answers, over all tools and per PMM dimension.</summary>
public sealed class WcoToolKpiTests
{
    [Fact]
    public void K50_and_K51_are_means_per_PMM_dimension_and_over_all_tools_answered()
    {
        // One request dated 2024 only so that 2024 is measured too: a year without WCO-tool answers.
        using PipelineHarness h = new RegisterFixture()
            .Add("information_request", ("query_id", "Q1"), ("received_on", "2024-05-01"), ("channel", "PHONE"))
            .Assessment("""
                year: 2025
                wco_tools:
                  - { tool: Revised Kyoto Convention, dimension: I, awareness: 1, use: 2 }
                  - { tool: Time Release Study Guide, dimension: I, awareness: 1, use: 1 }
                  - { tool: Istanbul Convention, dimension: I, awareness: 0, use: 0 }
                  - { tool: Harmonized System Convention, dimension: II, awareness: 1, use: 2 }
                  - { tool: Nairobi Convention, dimension: III, awareness: 0, use: 0 }
                  - { tool: SAFE Framework of Standards, dimension: III, awareness: 1, use: 1 }
                """)
            .Build("K50", "K51");
        h.Run();

        // K50 awareness over the 6 tools: (1 + 1 + 0 + 1 + 0 + 1) / 6 = 4 / 6 = 0.67. WCO.
        PublishedCell awareness = Cell(h, "K50", "2025");
        Assert.Equal((0.67, 6L, 4L, 6L, "wco"), (awareness.Value, awareness.N, awareness.Numerator, awareness.Denominator, awareness.Disclosure));
        // K51 use: (2 + 1 + 0 + 2 + 0 + 1) / 6 = 6 / 6 = 1.
        PublishedCell use = Cell(h, "K51", "2025");
        Assert.Equal((1.0, 6L, 6L, 6L, "wco"), (use.Value, use.N, use.Numerator, use.Denominator, use.Disclosure));

        // Per dimension (IV has no tool answered, so no row): I awareness 2 / 3 = 0.67, use 3 / 3 = 1;
        // II awareness 1 / 1 = 1, use 2 / 1 = 2; III awareness 1 / 2 = 0.5, use 1 / 2 = 0.5.
        Assert.Equal(["I", "II", "III"], BreakdownValues(h, "K50", "2025", "pmm_dimension"));
        Assert.Equal(["I", "II", "III"], BreakdownValues(h, "K51", "2025", "pmm_dimension"));
        PublishedCell k50I = Cell(h, "K50", "2025", "pmm_dimension", "I");
        Assert.Equal((0.67, 3L, "wco"), (k50I.Value, k50I.N, k50I.Disclosure));
        Assert.Equal(1.0, Cell(h, "K51", "2025", "pmm_dimension", "I").Value);
        Assert.Equal(1.0, Cell(h, "K50", "2025", "pmm_dimension", "II").Value);
        Assert.Equal(2.0, Cell(h, "K51", "2025", "pmm_dimension", "II").Value);
        Assert.Equal(0.5, Cell(h, "K50", "2025", "pmm_dimension", "III").Value);
        PublishedCell k51III = Cell(h, "K51", "2025", "pmm_dimension", "III");
        Assert.Equal((0.5, 2L, 1L, 2L), (k51III.Value, k51III.N, k51III.Numerator, k51III.Denominator));

        // 2024 has no answers: no value, with the reason, and no dimension rows.
        foreach (string code in (string[])["K50", "K51"])
        {
            PublishedCell none = Cell(h, code, "2024");
            Assert.Null(none.Value);
            Assert.Equal("not measurable: no WCO-tool answers for 2024 (inputs.assessments, wco_tools)", none.Note);
            Assert.Empty(BreakdownValues(h, code, "2024", "pmm_dimension"));
        }
    }
}
