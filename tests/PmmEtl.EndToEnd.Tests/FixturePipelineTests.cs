using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The whole chain on <see cref="FixtureSource"/>. Every expected value below is worked out by hand from the
/// fixture rows (EST = UTC−5, EDT = UTC−4, CST = UTC−6, CDT = UTC−5; policy: fold → earlier, gap → shift forward):
/// K04 imports measured at main points of entry (NYC, ORD), arrival → release in real minutes:
///   I1 150 · I2 360 (pre-arrival, AEO, red) · I3 270 (ORD, OGA 120) · I4 90 (lodged 02:30 in the gap → 03:30 EDT)
///   · I5 150 (arrival 01:30 and lodgement 01:45 in the fold → EDT) · I6 300 (23:00 CST → 05:00 CDT, not 360)
///   → Σ 1320, N 6, mean 220.00, median 210, p90 330, min 90, max 360.
///   Excluded: I7 and the e-commerce imports C1, C2, C3, C5 (LAX, not a main entry), I8 (not released), I9 (no arrival).
/// </summary>
public sealed class FixturePipelineTests : IDisposable
{
    private readonly PipelineHarness _h;

    public FixturePipelineTests()
    {
        _h = new PipelineHarness(FixtureSource.PipelineYaml());
        FixtureSource.Write(Path.Combine(_h.Folder, "source.sqlite"), FixtureSource.Rows);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Counts_rows_read_loaded_and_quarantined_and_the_dst_cases()
    {
        RunSummary s = _h.Run();
        Assert.Equal(26, s.Run.RowsRead);
        Assert.Equal(21, s.Run.RowsLoaded);
        Assert.Equal(5, s.Run.RowsQuarantined);
        Assert.Equal(3, s.Run.DstAmbiguous);  // I5 arrival and lodgement, E5 arrival
        Assert.Equal(1, s.Run.DstSkipped);    // I4 lodgement
        Assert.Equal(0, s.Run.DstRejected);
        Assert.Equal(21L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        Assert.Equal("succeeded", _h.Scalar<string>($"SELECT status FROM etl_run WHERE run_id = '{s.Run.RunId}'"));
    }

    [Fact]
    public void Each_bad_row_is_in_quarantine_with_its_field_and_the_first_copy_of_a_duplicate_is_kept()
    {
        _h.Run();
        Dictionary<string, (string Field, string Reason)> q = _h.Query("SELECT coalesce(source_key, '?'), field, reason, source_row FROM dq_quarantine")
            .ToDictionary(r => (string)r[0]! + (r[0] as string == "I1" ? "#" + r[3] : ""), r => ((string)r[1]!, (string)r[2]!));
        Assert.Equal(5, q.Count);
        Assert.Equal("released_local", q["B1"].Field);
        Assert.Contains("release before arrival", q["B1"].Reason, StringComparison.Ordinal);
        Assert.Equal("office_code", q["B2"].Field);
        Assert.Equal("lodged_local", q["B3"].Field);
        Assert.Contains("unparsable", q["B3"].Reason, StringComparison.Ordinal);
        Assert.Contains("missing lodgement time", q["B4"].Reason, StringComparison.Ordinal);
        Assert.Equal("declaration_id", q["I1#26"].Field);
        Assert.Contains("row 1 of this source was kept", q["I1#26"].Reason, StringComparison.Ordinal);
        // The kept copy is the first: released 10:30 EST = 15:30 UTC, not the duplicate's 20:00.
        Assert.Equal(new DateTime(2025, 1, 10, 15, 30, 0), _h.Scalar<DateTime>("SELECT released_utc FROM fact_declaration WHERE declaration_id = 'I1'"));
    }

    [Fact]
    public void K04_year_total_and_distribution()
    {
        _h.Run();
        Assert.Equal((220.00, 6L, 7L, "public"), _h.Kpi("K04", "2025"));
        object?[] row = _h.Query("SELECT median, p90, min, max, sum_minutes FROM fact_kpi_value WHERE kpi_code = 'K04' AND period_label = '2025' AND breakdown = 'total'")[0];
        Assert.Equal([210.0, 330.0, 90.0, 360.0, 1320.0], row.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Dictionary<string, long> exclusions = _h.Query("SELECT reason, count FROM fact_kpi_exclusion WHERE kpi_code = 'K04' AND period_label = '2025'")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, long> { ["outside_main_entry"] = 5, ["no_arrival"] = 1, ["not_released"] = 1 }, exclusions);
    }

    [Fact]
    public void K04_breakdowns_with_their_disclosure_levels()
    {
        _h.Run();
        // Responsible actor: Business 60+0+60+60+15+60 = 255 → 42.50; OGA 120 → 20.00; Customs 90+360+90+30+135+240 = 945 → 157.50.
        Assert.Equal((42.50, 6L, 7L, "wco"), _h.Kpi("K04", "2025", "responsible_actor", "BUSINESS"));
        Assert.Equal((20.00, 6L, 7L, "wco"), _h.Kpi("K04", "2025", "responsible_actor", "OGA"));
        Assert.Equal((157.50, 6L, 7L, "public"), _h.Kpi("K04", "2025", "responsible_actor", "CUSTOMS"));
        Assert.Equal(360.00, _h.Kpi("K04", "2025", "aeo", "AEO").Value);
        Assert.Equal(192.00, _h.Kpi("K04", "2025", "aeo", "OTHER").Value);
        Assert.Equal("wco", _h.Kpi("K04", "2025", "aeo", "OTHER").Disclosure);
        Assert.Equal(360.00, _h.Kpi("K04", "2025", "pre_arrival", "PRE_ARRIVAL").Value);
        Assert.Equal(192.00, _h.Kpi("K04", "2025", "pre_arrival", "OTHER").Value);
        Assert.Equal(220.00, _h.Kpi("K04", "2025", "mode_of_transport", "SEA").Value);
        Assert.Equal(90.00, _h.Kpi("K04", "2025", "mode_of_transport", "AIR").Value);
        Assert.Equal(285.00, _h.Kpi("K04", "2025", "mode_of_transport", "LAND").Value);
        Assert.Equal((187.50, 4L, 2L, "national"), _h.Kpi("K04", "2025", "office", "NYC")); // I8, I9 excluded
        Assert.Equal(285.00, _h.Kpi("K04", "2025", "office", "ORD").Value);
        Assert.Equal(172.50, _h.Kpi("K04", "2025", "control_channel", "GREEN").Value);
        Assert.Equal(360.00, _h.Kpi("K04", "2025", "control_channel", "RED").Value);
        Assert.Equal(270.00, _h.Kpi("K04", "2025", "control_channel", "YELLOW").Value);
    }

    [Fact]
    public void K04_months_and_quarters_follow_the_office_local_business_date()
    {
        _h.Run();
        Assert.Equal(255.00, _h.Kpi("K04", "2025-01").Value); // I1 150, I2 360 (registered 9 Jan)
        Assert.Equal(270.00, _h.Kpi("K04", "2025-02").Value);
        Assert.Equal(195.00, _h.Kpi("K04", "2025-03").Value); // I4 90 (9 Mar), I6 300 (8 Mar local, 9 Mar UTC)
        Assert.Equal(150.00, _h.Kpi("K04", "2025-11").Value);
        Assert.Equal(234.00, _h.Kpi("K04", "2025-Q1").Value); // (150+360+270+90+300) / 5
    }

    [Fact]
    public void The_release_time_histogram_counts_each_measured_declaration_in_its_bin()
    {
        _h.Run();
        // K04 durations 150, 360, 270, 90, 150, 300 minutes: bins [60,120) 1, [120,240) 2, [240,480) 3.
        Dictionary<double, long> bins = _h.Query("SELECT lower_min, count FROM fact_kpi_distribution WHERE kpi_code = 'K04' AND count > 0")
            .ToDictionary(r => Convert.ToDouble(r[0], System.Globalization.CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<double, long> { [60] = 1, [120] = 2, [240] = 3 }, bins);
        Assert.Equal(13L, _h.Scalar<long>("SELECT count(*) FROM fact_kpi_distribution WHERE kpi_code = 'K04'"));
    }

    [Fact]
    public void K05_and_K06_export_release_times()
    {
        _h.Run();
        // K05 lodgement → loading: E1 1500, E2 210, E5 390 (22:00 EDT → 03:30 EST) → 2100 / 3; E3 and C4 at LAX, E4 not loaded.
        Assert.Equal((700.00, 3L, 3L, "public"), _h.Kpi("K05", "2025"));
        Assert.Equal(1278.00, _h.Scalar<double>("SELECT p90 FROM fact_kpi_value WHERE kpi_code='K05' AND period_label='2025' AND breakdown='total'"));
        // Business: E1 360 + 1080, E2 30, E5 210 + 60 → 1740 / 3 = 580; OGA: E2 120 → 40; Customs: 60 + 60 + 120 → 80.
        Assert.Equal(580.00, _h.Kpi("K05", "2025", "responsible_actor", "BUSINESS").Value);
        Assert.Equal(40.00, _h.Kpi("K05", "2025", "responsible_actor", "OGA").Value);
        Assert.Equal(80.00, _h.Kpi("K05", "2025", "responsible_actor", "CUSTOMS").Value);
        // K06 arrival → loading: E1 1140, E2 270, E5 180 (01:30 EDT → 03:30 EST) → 1590 / 3.
        Assert.Equal((530.00, 3L, 3L, "public"), _h.Kpi("K06", "2025"));
    }

    [Fact]
    public void Ratio_kpis_K10_K12_K14()
    {
        _h.Run();
        // K10: 21 declarations of all four types; I3 e-mail, E3 scan, T1 paper are not electronic → 18 / 21.
        Assert.Equal((85.71, 21L, 0L, "public"), _h.Kpi("K10", "2025"));
        Assert.Equal(92.86, _h.Kpi("K10", "2025", "direction", "IMPORT").Value); // 13 / 14 (cargo G1 counts as import)
        Assert.Equal(83.33, _h.Kpi("K10", "2025", "direction", "EXPORT").Value); // 5 / 6
        Assert.Equal(0.00, _h.Kpi("K10", "2025", "direction", "TRANSIT").Value);
        // K12: C1 and C4 immediate; C2 flagged but red (physical examination) does not count → 2 / 5.
        Assert.Equal((40.00, 5L, 0L, "public"), _h.Kpi("K12", "2025"));
        Assert.Equal(25.00, _h.Kpi("K12", "2025", "direction", "IMPORT").Value);
        Assert.Equal(100.00, _h.Kpi("K12", "2025", "direction", "EXPORT").Value);
        // K14: 5 e-commerce of 19 import and export declarations (transit and cargo left out).
        Assert.Equal((26.32, 19L, 0L, "public"), _h.Kpi("K14", "2025"));
        Assert.Equal(30.77, _h.Kpi("K14", "2025", "direction", "IMPORT").Value); // 4 / 13
        Assert.Equal(16.67, _h.Kpi("K14", "2025", "direction", "EXPORT").Value); // 1 / 6

        // The fixture gives no shipment register: K12 and K14 are counted on declarations and their notes say so, the
        // declarations variant carries the same numbers, and with no inspection register either, K12 says what it rests on.
        foreach (string code in new[] { "K12", "K14" })
        {
            object?[] pmm = _h.Query($"SELECT value, note FROM fact_kpi_value WHERE kpi_code = '{code}' AND variant = 'pmm' AND period_label = '2025' AND breakdown = 'total'").Single();
            object?[] onDeclarations = _h.Query($"SELECT value FROM fact_kpi_value WHERE kpi_code = '{code}' AND variant = 'declarations' AND period_label = '2025' AND breakdown = 'total'").Single();
            Assert.Equal(pmm[0], onDeclarations[0]);
            Assert.StartsWith("counted on declarations, not shipments: the", (string)pmm[1]!, StringComparison.Ordinal);
        }

        Assert.Contains("the source gives no inspections: only what the declarations themselves record rules one out",
            (string)_h.Query("SELECT note FROM fact_kpi_value WHERE kpi_code = 'K12' AND variant = 'pmm' AND period_label = '2025' AND breakdown = 'total'").Single()[0]!,
            StringComparison.Ordinal);
    }

    [Fact]
    public void K13_uses_low_risk_declarations_as_N_and_publishes_the_printed_reading_beside_it()
    {
        _h.Run();
        // C1 20, C2 120, C4 45 minutes → 185 / 3 = 61.67; excluded C3 (medium risk) and C5 (not cleared).
        Assert.Equal((61.67, 3L, 2L, "public"), _h.Kpi("K13", "2025"));
        // As printed: the same sum over all 5 e-commerce declarations → 37.00.
        Assert.Equal(37.00, _h.Kpi("K13", "2025", variant: "as_printed").Value);
    }

    [Fact]
    public void Running_the_same_window_twice_changes_nothing_and_duplicates_nothing()
    {
        _h.Run();
        List<object?[]> before = _h.Query("SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n, excluded FROM fact_kpi_value ORDER BY ALL");
        long facts = _h.Scalar<long>("SELECT count(*) FROM fact_declaration");

        RunSummary second = _h.Run();

        Assert.Equal(facts, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM (SELECT declaration_id FROM fact_declaration GROUP BY 1 HAVING count(*) > 1)"));
        Assert.Equal(5L, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine"));
        Assert.Equal(before, _h.Query("SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n, excluded FROM fact_kpi_value ORDER BY ALL"));
        Assert.Equal(21, second.Run.RowsReplaced);
        Assert.All(second.Snapshots, s => Assert.True(s.Unchanged));
        Assert.Equal(["v1"], Directory.GetDirectories(Path.Combine(_h.Folder, "snapshots", "national", "fixture", "2025")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_release_recorded_later_updates_its_declaration_and_the_kpi()
    {
        _h.Run();
        FixtureRow[] later = FixtureSource.Rows.Select(r => r.Id == "I8" ? r with { Rel = "2025-12-31 09:00:00" } : r).ToArray();
        FixtureSource.Write(Path.Combine(_h.Folder, "source.sqlite"), later);

        RunSummary second = _h.Run(new ExtractWindow(new NodaTime.LocalDate(2025, 12, 24), new NodaTime.LocalDate(2026, 1, 1)));

        Assert.Equal(21L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        // I8: 10:00 on 30 Dec → 09:00 on 31 Dec = 1380 minutes; (1320 + 1380) / 7 = 385.71.
        Assert.Equal((385.71, 7L, 6L, "public"), _h.Kpi("K04", "2025"));
        Assert.Equal(2, second.Snapshots[0].Version);
    }

    [Fact]
    public void Under_the_strict_dst_policy_gap_and_fold_times_are_quarantined_and_counted()
    {
        File.WriteAllText(_h.DefinitionPath, FixtureSource.PipelineYaml("ambiguous: reject\n  skipped: reject"));
        RunSummary s = _h.Run();
        Assert.Equal(18, s.Run.RowsLoaded);   // I4, I5, E5 refused
        Assert.Equal(8, s.Run.RowsQuarantined);
        Assert.Equal(4, s.Run.DstRejected);
        Assert.Equal((270.00, 4L, 7L, "public"), _h.Kpi("K04", "2025")); // (150 + 360 + 270 + 300) / 4
    }
}
