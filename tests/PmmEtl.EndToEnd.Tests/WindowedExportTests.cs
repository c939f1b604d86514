using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// A night that re-reads a whole export (as a file source always does) publishes what a full run of the same export
/// publishes, also for a declaration the export holds twice on both sides of the window's edge: through the record
/// stage, which hands the load every record dated outside the window, and the merge. K04 is worked out by hand:
/// arrival → release D1 150 min (10 March; its copy of 12 March, 90 min, is refused as a later copy), D2 240 (11
/// March), D3 180 (12 March) → March: N 3, mean 570 / 3 = 190.00. Had the night taken D1's copy for a move, March
/// would read (240 + 90 + 180) / 3 = 170.00.
/// </summary>
public sealed class WindowedExportTests : IDisposable
{
    private readonly PipelineHarness _h = new(PipelineYaml);

    public WindowedExportTests()
    {
        Export(
            "D1;IM;NYC;10/03/2025;10;G;N;0;EDI;10/03/2025 08:00;10/03/2025 09:00;;;;10/03/2025 10:30",
            "D2;IM;NYC;11/03/2025;10;G;N;0;EDI;11/03/2025 08:00;11/03/2025 09:00;;;;11/03/2025 12:00",
            "D1;IM;NYC;12/03/2025;10;G;N;0;EDI;12/03/2025 08:00;12/03/2025 09:00;;;;12/03/2025 09:30",
            "D3;IM;NYC;12/03/2025;10;G;N;0;EDI;12/03/2025 08:00;12/03/2025 09:00;;;;12/03/2025 11:00");
    }

    private static LocalDate March12 { get; } = new(2025, 3, 12);

    /// <summary>The export folder's one file (in a sub-folder, as national exports come), rewritten whole.</summary>
    private void Export(params string[] rows)
    {
        string exports = Path.Combine(_h.Folder, "exports", "2025");
        Directory.CreateDirectory(exports);
        File.WriteAllText(Path.Combine(exports, "declarations_03.csv"), string.Join("\n", [NationalCsvExport.Header, .. rows]) + "\n");
    }

    public void Dispose() => _h.Dispose();

    private static string PipelineYaml => NationalCsvExport.PipelineYaml("windowed-export", "2025/declarations_*.csv", "[K04]");

    [Fact]
    public void A_night_over_the_whole_export_publishes_the_full_runs_values_for_a_key_on_both_sides_of_its_edge()
    {
        _h.Run();
        List<string> full = Facts();
        Assert.Equal(["D1 2 2025-03-10", "D2 3 2025-03-11", "D3 5 2025-03-12"], full);
        Assert.Equal((190.00, 3L), Month());

        RunSummary night = _h.Run(new ExtractWindow(March12, March12.PlusDays(1)));

        Assert.Equal(RunStatuses.Succeeded, night.Run.Status);
        Assert.Equal(full, Facts());
        Assert.Equal((190.00, 3L), Month());
        // The copy is refused naming the row the warehouse keeps, as the full run refused it.
        Assert.Equal(["4 duplicate declaration key (declaration_id): the row 2 of this source was kept"],
            _h.Query("SELECT CONCAT(CAST(source_row AS VARCHAR), ' ', reason) FROM dq_quarantine").Select(r => (string)r[0]!).ToList());
    }

    [Fact]
    public void A_night_over_a_corrected_export_moves_a_declaration_whose_earlier_day_the_export_no_longer_holds()
    {
        // The first export dates D4 on 10 March; the corrected one on 12 March, with no copy left on the 10th.
        Export(
            "D1;IM;NYC;10/03/2025;10;G;N;0;EDI;10/03/2025 08:00;10/03/2025 09:00;;;;10/03/2025 10:30",
            "D4;IM;NYC;10/03/2025;10;G;N;0;EDI;10/03/2025 08:00;10/03/2025 09:00;;;;10/03/2025 10:00",
            "D2;IM;NYC;11/03/2025;10;G;N;0;EDI;11/03/2025 08:00;11/03/2025 09:00;;;;11/03/2025 12:00");
        _h.Run();
        Export(
            "D1;IM;NYC;10/03/2025;10;G;N;0;EDI;10/03/2025 08:00;10/03/2025 09:00;;;;10/03/2025 10:30",
            "D2;IM;NYC;11/03/2025;10;G;N;0;EDI;11/03/2025 08:00;11/03/2025 09:00;;;;11/03/2025 12:00",
            "D4;IM;NYC;12/03/2025;10;G;N;0;EDI;12/03/2025 08:00;12/03/2025 09:00;;;;12/03/2025 11:00");

        RunSummary night = _h.Run(new ExtractWindow(March12, March12.PlusDays(1)));

        // The export shows 10 and 11 March (handed over as outside the window) and holds D4 on neither: it moved, as a
        // full run of the corrected export has it. K04 March: D1 150, D2 240, D4 180 → 570 / 3 = 190.00. D2 lies
        // outside the window: the night leaves its row as the first load wrote it (row 4 of the first export).
        Assert.Equal(RunStatuses.Succeeded, night.Run.Status);
        Assert.Equal(["D1 2 2025-03-10", "D2 4 2025-03-11", "D4 4 2025-03-12"], Facts());
        Assert.Equal((190.00, 3L), Month());
        Assert.Empty(_h.Query("SELECT * FROM dq_quarantine"));
    }

    private List<string> Facts() => _h.Query(
            "SELECT CONCAT(declaration_id, ' ', CAST(source_row AS VARCHAR), ' ', strftime(business_date, '%Y-%m-%d')) FROM fact_declaration ORDER BY 1")
        .Select(r => (string)r[0]!).ToList();

    private (double?, long) Month()
    {
        (double? value, long n, _, _) = _h.Kpi("K04", "2025-03");
        return (value, n);
    }
}
