using System.Globalization;
using System.Text;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// Release-time KPIs from a folder of CSV exports through a pipeline definition alone: national codes, day-first
/// local times, a registration date, and bad rows of every kind. The imports are the fixture's I1–I9
/// (<see cref="FixturePipelineTests"/>), so K04 is worked out the same way: arrival → release in real minutes
/// I1 150 · I2 360 · I3 270 (ORD, OGA permit 120) · I4 90 (lodged in the spring-forward gap) · I5 150 (fold) ·
/// I6 300 (ORD, across the change) → Σ 1320, N 6, mean 220.00; excluded I7 (LAX, not a main entry), I8 (not
/// released), I9 (no arrival). The second export file holds one refused row per kind of fault.
/// </summary>
public sealed class CsvExportPipelineTests : IDisposable
{
    private const string Header = NationalCsvExport.Header;

    private readonly PipelineHarness _h = new(PipelineYaml);

    public CsvExportPipelineTests()
    {
        string exports = Path.Combine(_h.Folder, "exports");
        Directory.CreateDirectory(exports);
        File.WriteAllText(Path.Combine(exports, "declarations_2025_a.csv"), string.Join("\r\n",
            Header,
            "I1;IM;NYC;10/01/2025;10;G;N;0;EDI;10/01/2025 08:00;10/01/2025 09:00;;;;10/01/2025 10:30",
            "I2;IM;NYC;09/01/2025;10;R;J;1;EDI;10/01/2025 06:00;09/01/2025 20:00;;10/01/2025 07:00;10/01/2025 09:00;10/01/2025 12:00",
            "I3;IM;ORD;03/02/2025;30;Y;N;0;MAIL;03/02/2025 10:00;03/02/2025 11:00;03/02/2025 13:00;;;03/02/2025 14:30",
            "I4;IM;NYC;09/03/2025;40;G;N;0;WEB;09/03/2025 01:30;09/03/2025 02:30;;;;09/03/2025 04:00",
            "I5;IM;NYC;02/11/2025;10;G;N;0;SW;02/11/2025 01:30;02/11/2025 01:45;;;;02/11/2025 03:00",
            "I6;IM;ORD;08/03/2025;30;G;N;0;EDI;08/03/2025 23:00;09/03/2025 00:00;;;;09/03/2025 05:00",
            "I7;IM;LAX;15/01/2025;40;G;N;0;EDI;15/01/2025 08:00;15/01/2025 09:00;;;;15/01/2025 10:00",
            "I8;IM;NYC;30/12/2025;10;G;N;0;EDI;30/12/2025 10:00;30/12/2025 11:00;;;;",
            "I9;IM;NYC;01/06/2025;10;G;N;0;EDI;;01/06/2025 10:00;;;;01/06/2025 12:00") + "\r\n");
        byte[] bad = Encoding.UTF8.GetBytes(string.Join("\n",
            Header,
            "B1;IM;NYC;01/02/2025;10;G;N;0;EDI;01/02/2025 10:00",
            "B2;IM;NYC;02/02/2025;10;G;N;0;EDI;2025-02-02 10:00;02/02/2025 11:00;;;;02/02/2025 12:00",
            "B3;IM;N"));
        byte[] latin1Office = [0xC9, .. Encoding.UTF8.GetBytes("YC;03/02/2025;10;G;N;0;EDI;03/02/2025 10:00;03/02/2025 11:00;;;;03/02/2025 12:00\n")];
        byte[] unknownMode = Encoding.UTF8.GetBytes("B4;IM;NYC;04/02/2025;99;G;N;0;EDI;04/02/2025 10:00;04/02/2025 11:00;;;;04/02/2025 12:00\n");
        File.WriteAllBytes(Path.Combine(exports, "declarations_2025_b.csv"), [.. bad, .. latin1Office, .. unknownMode]);
        File.WriteAllText(Path.Combine(exports, "README.txt"), "not an export");
    }

    public void Dispose() => _h.Dispose();

    private static string PipelineYaml => NationalCsvExport.PipelineYaml("csv-export", "declarations_*.csv", "[K04, K05, K10]");

    [Fact]
    public void The_export_loads_its_good_rows_and_quarantines_each_bad_row_with_file_line_and_reason()
    {
        RunSummary s = _h.Run();

        Assert.Equal((13L, 9L, 4L), (s.Run.RowsRead, s.Run.RowsLoaded, s.Run.RowsQuarantined));
        Assert.Equal((2L, 1L), (s.Run.DstAmbiguous, s.Run.DstSkipped)); // I5 arrival and lodgement in the fold, I4 lodgement in the gap
        string b = Path.Combine(_h.Folder, "exports", "declarations_2025_b.csv");
        Dictionary<string, (string Source, long Row, string Field, string Reason)> q = _h.Query("SELECT source_key, source_name, source_row, field, reason FROM dq_quarantine")
            .ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, Convert.ToInt64(r[2], CultureInfo.InvariantCulture), (string)r[3]!, (string)r[4]!));
        // A short line names the first field it has no value for.
        Assert.Equal((b, 2L, "lodged_local"), (q["B1"].Source, q["B1"].Row, q["B1"].Field));
        Assert.StartsWith("lodged_local: declarations_2025_b.csv line 2: lodged_local: 10 fields where the header has 15 (no value for lodged_local", q["B1"].Reason, StringComparison.Ordinal);
        Assert.Equal((b, 3L, "arrival_local"), (q["B2"].Source, q["B2"].Row, q["B2"].Field));
        Assert.Contains("'2025-02-02 10:00' does not match the time format 'dd/MM/uuuu HH:mm'", q["B2"].Reason, StringComparison.Ordinal);
        Assert.Equal((b, 4L, "office_code"), (q["B3"].Source, q["B3"].Row, q["B3"].Field));
        Assert.Contains("bytes that are not valid utf-8", q["B3"].Reason, StringComparison.Ordinal);
        Assert.Equal((b, 5L, "mode_of_transport"), (q["B4"].Source, q["B4"].Row, q["B4"].Field));
        Assert.Contains("unknown code '99'", q["B4"].Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// A full load covers every date of the export: quiet days between two declarations were loaded (with no rows), not
    /// missed. The export's nine loaded declarations run from I2 (9 January) to I8 (30 December): 23 + 28 + 31 + 30 + 31
    /// + 30 + 31 + 31 + 30 + 31 + 30 + 30 = 356 dates × 3 offices, all done, 9 rows among them.
    /// </summary>
    [Fact]
    public void A_sparse_export_loaded_in_full_reports_no_date_as_not_loaded()
    {
        _h.Run();

        PmmEtl.Jobs.Operations.PipelineStatus status = _h.Operations().Status(_h.Definition);

        Assert.Equal(0, status.GapCounts[PmmEtl.Jobs.Operations.Gaps.NotLoaded]);
        Assert.Equal(356L * 3, status.PartitionsByType["declaration"]["done"]);
        Assert.Equal(9L, _h.Scalar<long>("SELECT CAST(sum(rows_loaded) AS BIGINT) FROM etl_partition_type"));
        Assert.Equal(("2025-01-09", "2025-12-30"), (_h.Scalar<string>("SELECT CAST(min(business_date) AS VARCHAR) FROM etl_partition_type"),
            _h.Scalar<string>("SELECT CAST(max(business_date) AS VARCHAR) FROM etl_partition_type")));
        Assert.Equal(["full"], status.LastSuccessByMode.Keys);
    }

    [Fact]
    public void K04_from_the_export_equals_the_hand_worked_value()
    {
        _h.Run();

        Assert.Equal((220.00, 6L, 3L, "public"), _h.Kpi("K04", "2025"));
        object?[] row = _h.Query("SELECT median, p90, min, max, sum_minutes FROM fact_kpi_value WHERE kpi_code = 'K04' AND period_label = '2025' AND breakdown = 'total'")[0];
        Assert.Equal([210.0, 330.0, 90.0, 360.0, 1320.0], row.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray());
        // Business 60+0+60+60+15+60 = 255 → 42.50; OGA I3's 120 → 20.00; Customs 945 → 157.50.
        Assert.Equal(42.50, _h.Kpi("K04", "2025", "responsible_actor", "BUSINESS").Value);
        Assert.Equal(20.00, _h.Kpi("K04", "2025", "responsible_actor", "OGA").Value);
        Assert.Equal(157.50, _h.Kpi("K04", "2025", "responsible_actor", "CUSTOMS").Value);
        Assert.Equal(360.00, _h.Kpi("K04", "2025", "control_channel", "RED").Value);
        Assert.Equal(285.00, _h.Kpi("K04", "2025", "mode_of_transport", "LAND").Value);
        // Months follow the registration date: I2 was registered on 9 January.
        Assert.Equal(255.00, _h.Kpi("K04", "2025-01").Value);
        Assert.Equal(195.00, _h.Kpi("K04", "2025-03").Value);
        Assert.Equal("2025-01-09", _h.Scalar<string>("SELECT strftime(business_date, '%Y-%m-%d') FROM fact_declaration WHERE declaration_id = 'I2'"));
    }

    [Fact]
    public void K10_reads_the_mapped_submission_channels()
    {
        _h.Run();

        // 9 declarations; I3 by e-mail is the only one not electronic → 8 / 9.
        Assert.Equal((88.89, 9L, 0L, "public"), _h.Kpi("K10", "2025"));
    }
}
