using Xunit;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>The register fixture end to end: a register KPI and a self-assessment KPI through a real run on DuckDB.</summary>
public sealed class HarnessSmokeTests
{
    [Fact]
    public void Gender_balance_counts_staff_on_board_on_31_december()
    {
        // On 31 Dec 2025: F1 (officer) is on board, F2 left on 30 Jun; M1 and M3 (officers) are on board, M2 joins in 2026.
        // A = 1 female, B = 2 males → 1 / 2 × 100 = 50. By grade, OFFICER: 1 / 2 → 50.
        using PipelineHarness h = new RegisterFixture()
            .Add("staff", ("staff_id", "F1"), ("gender", "FEMALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2019-03-01"))
            .Add("staff", ("staff_id", "F2"), ("gender", "FEMALE"), ("grade", "SENIOR"), ("frontline_inspection", 0), ("employment_start", "2010-01-01"), ("employment_end", "2025-06-30"))
            .Add("staff", ("staff_id", "M1"), ("gender", "MALE"), ("grade", "OFFICER"), ("frontline_inspection", 1), ("employment_start", "2020-01-01"))
            .Add("staff", ("staff_id", "M2"), ("gender", "MALE"), ("grade", "MIDDLE"), ("frontline_inspection", 0), ("employment_start", "2026-01-01"))
            .Add("staff", ("staff_id", "M3"), ("gender", "MALE"), ("grade", "OFFICER"), ("frontline_inspection", 0), ("employment_start", "2025-12-31"))
            .Assessment("""
                year: 2025
                checklists:
                  K46: { A: yes, B: no, C: yes }
                """)
            .Build("K44", "K46");
        h.Run();

        Assert.Equal(50, h.Kpi("K44", "2025").Value);
        Assert.Equal(50, h.Kpi("K44", "2025", "job_grade", "OFFICER").Value);
        // 2 of 3 criteria: 66.67
        Assert.Equal(66.67, h.Kpi("K46", "2025").Value);
    }
}
