using System.Globalization;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// Release-time KPIs from a folder of WCO Data Model messages through a pipeline definition alone. The imports are
/// the fixture's I1–I9 (<see cref="FixturePipelineTests"/>) as a declaration system would send them: times as UTC
/// instants (formatCode 304), so no DST policy applies, lodgement from the receipt/acceptance notifications, release
/// from DMSROG (08) (I1 is lodged at its receipt, 02, five minutes before its acceptance), control (05) making I2 red and documents required (06) making I3 yellow, national office codes
/// mapped in the YAML. K04 arrival → release: I1 13:00Z→15:30Z 150 · I2 11:00Z→17:00Z 360 · I3 16:00Z→20:30Z 270 ·
/// I4 06:30Z→08:00Z 90 · I5 05:30Z→08:00Z 150 · I6 05:00Z→10:00Z 300 → Σ 1320, N 6, mean 220.00; excluded I7 (LAX),
/// I8 (not released), I9 (no arrival). E1 is an export lodged 1 Apr 12:00Z that exited 2 Apr 13:00Z: K05 1500.
/// </summary>
public sealed class WcoMessagesPipelineTests : IDisposable
{
    private readonly PipelineHarness _h = new(PipelineYaml);

    public WcoMessagesPipelineTests()
    {
        var m = new WcoMessageFolder(Path.Combine(_h.Folder, "messages"));
        m.Declaration("I1", "IMZ", "US000NYC", "1", "20250110130000Z");
        m.Declaration("I2", "IMD", "US000NYC", "1", "20250110110000Z", aeo: true);
        m.Declaration("I3", "IMZ", "US000ORD", "3", "20250203160000Z");
        m.Declaration("I4", "IMZ", "US000NYC", "4", "20250309063000Z");
        m.Declaration("I5", "IMZ", "US000NYC", "1", "20251102053000Z");
        m.Declaration("I6", "IMZ", "US000ORD", "3", "20250309050000Z");
        m.Declaration("I7", "IMZ", "US000LAX", "4", "20250115160000Z");
        m.Declaration("I8", "IMZ", "US000NYC", "1", "20251230150000Z");
        m.Declaration("I9", "IMZ", "US000NYC", "1");
        m.Declaration("E1", "EXA", "US000NYC", "1", "20250401180000Z", officeElement: "ExitOffice");
        m.Declaration("R1", "IMZ", "US000NYC", "1", "20250110130000Z");
        m.Declaration("V1", "IMZ", "US000NYC", "1", "20250110130000Z");
        m.Declaration("U1", "IMZ", "US000NYC", "1", "20250110130000Z");
        File.WriteAllText(Path.Combine(m.Path, "T1_DEC.xml"), "<?xml version=\"1.0\"?>\n<MetaData><Declaration><FunctionalReferenceID>T1</FunctionalReferenceID>\n<TypeCode>IM");
        m.Notifications("0001",
            ("02", "20250110135500", "MRN-I1", "I1"), ("01", "20250110140000", "MRN-I1", null), ("08", "20250110153000", "MRN-I1", null),
            ("01", "20250110010000", "MRN-I2", "I2"), ("05", "20250110120000", "MRN-I2", null), ("08", "20250110170000", "MRN-I2", null),
            ("01", "20250203170000", "MRN-I3", "I3"), ("06", "20250203173000", "MRN-I3", null), ("08", "20250203203000", "MRN-I3", null), ("09", "20250204090000", "MRN-I3", null));
        m.Notifications("0002",
            ("01", "20250309073000", "MRN-I4", "I4"), ("08", "20250309080000", "MRN-I4", null),
            ("01", "20251102054500", "MRN-I5", "I5"), ("08", "20251102080000", "MRN-I5", null),
            ("01", "20250309060000", "MRN-I6", "I6"), ("08", "20250309100000", "MRN-I6", null),
            ("01", "20250115170000", "MRN-I7", "I7"), ("08", "20250115180000", "MRN-I7", null),
            ("01", "20251230160000", "MRN-I8", "I8"),
            ("01", "20250601140000", "MRN-I9", "I9"), ("08", "20250601160000", "MRN-I9", null));
        m.Notifications("0003",
            ("01", "20250401120000", "MRN-E1", "E1"), ("08", "20250401190000", "MRN-E1", null), ("16", "20250402130000", "MRN-E1", null),
            ("02", "20250110140000", "MRN-R1", "R1"), ("03", "20250110140500", "MRN-R1", null),
            ("01", "20250110140000", "MRN-V1", "V1"), ("08", "20250110150000", "MRN-V1", null), ("10", "20250111090000", "MRN-V1", null),
            ("01", "20250110140000", "MRN-U1", "U1"), ("99", "20250110150000", "MRN-U1", null),
            ("01", "20250110140000", "MRN-GONE", "GONE"));
    }

    public void Dispose() => _h.Dispose();

    private static string PipelineYaml => """
        name: wco-messages
        source:
          kind: wco-xml
          path: messages
          wco:
            declaration_files: "*_DEC.xml"
            notification_files: "*_RES.xml"
            fields:
              office_code:
                path: [PresentationOffice/ID, ExitOffice/ID]
                map: { US000NYC: NYC, US000ORD: ORD, US000LAX: LAX }
        """ + FixtureSource.PipelineTail("[K04, K05, K06]");

    [Fact]
    public void The_messages_load_as_declarations_and_what_is_not_a_clearance_is_quarantined_with_its_reason()
    {
        RunSummary s = _h.Run();

        // 14 declaration messages (one truncated) and one set of notifications without its declaration.
        Assert.Equal((15L, 10L, 5L), (s.Run.RowsRead, s.Run.RowsLoaded, s.Run.RowsQuarantined));
        Assert.Equal((0L, 0L), (s.Run.DstAmbiguous, s.Run.DstSkipped)); // instants with offsets: no local time to resolve
        Dictionary<string, (string Source, string Field, string Reason)> q = _h.Query("SELECT source_key, source_name, field, reason FROM dq_quarantine")
            .ToDictionary(r => (string)r[0]!, r => (Path.GetFileName((string)r[1]!), (string)r[2]!, (string)r[3]!));
        Assert.Equal(5, q.Count);
        Assert.Equal(("R1_DEC.xml", "notification"), (q["MRN-R1"].Source, q["MRN-R1"].Field));
        Assert.Contains("rejected by customs at 2025-01-10T14:05:00Z and never accepted", q["MRN-R1"].Reason, StringComparison.Ordinal);
        Assert.Contains("invalidated by customs at 2025-01-11T09:00:00Z", q["MRN-V1"].Reason, StringComparison.Ordinal);
        Assert.Equal("notification: U1_DEC.xml line 5: notification: 0003_RES.xml line 49: unknown notification function code '99' (map it in source.wco.function_codes)", q["MRN-U1"].Reason);
        Assert.Equal(("T1_DEC.xml", "message"), (q["T1"].Source, q["T1"].Field));
        Assert.Contains("T1_DEC.xml line 3: malformed XML", q["T1"].Reason, StringComparison.Ordinal);
        Assert.Equal("0003_RES.xml", q["MRN-GONE"].Source);
        Assert.Contains("no declaration message for it", q["MRN-GONE"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void K04_from_the_messages_equals_the_hand_worked_value()
    {
        _h.Run();

        Assert.Equal((220.00, 6L, 3L, "public"), _h.Kpi("K04", "2025"));
        object?[] row = _h.Query("SELECT median, p90, min, max, sum_minutes FROM fact_kpi_value WHERE kpi_code = 'K04' AND period_label = '2025' AND breakdown = 'total'")[0];
        Assert.Equal([210.0, 330.0, 90.0, 360.0, 1320.0], row.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray());
        Dictionary<string, long> exclusions = _h.Query("SELECT reason, count FROM fact_kpi_exclusion WHERE kpi_code = 'K04' AND period_label = '2025'")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, long> { ["outside_main_entry"] = 1, ["no_arrival"] = 1, ["not_released"] = 1 }, exclusions);
        // Channels from the notifications: I2 controlled (05) → RED, I3 documents required (06) → YELLOW, the rest GREEN.
        Assert.Equal(172.50, _h.Kpi("K04", "2025", "control_channel", "GREEN").Value);
        Assert.Equal(360.00, _h.Kpi("K04", "2025", "control_channel", "RED").Value);
        Assert.Equal(270.00, _h.Kpi("K04", "2025", "control_channel", "YELLOW").Value);
        Assert.Equal(360.00, _h.Kpi("K04", "2025", "aeo", "AEO").Value);
        Assert.Equal(220.00, _h.Kpi("K04", "2025", "mode_of_transport", "SEA").Value);
        Assert.Equal(285.00, _h.Kpi("K04", "2025", "mode_of_transport", "LAND").Value);
        // Business 55 (I1 lodged at its receipt, 13:55Z) + 0 + 60 + 60 + 15 + 60 = 250 → 41.67. The messages carry no OGA
        // permit, so the other 1070 minutes cannot be told apart between OGA and Customs: neither part is published as a
        // number (a Customs share with OGA time in it would be wrong in public), and both say why.
        Assert.Equal(41.67, _h.Kpi("K04", "2025", "responsible_actor", "BUSINESS").Value);
        Assert.Null(_h.Kpi("K04", "2025", "responsible_actor", "CUSTOMS").Value);
        Assert.Null(_h.Kpi("K04", "2025", "responsible_actor", "OGA").Value);
        string customsNote = (string)_h.Query("SELECT note FROM fact_kpi_value WHERE kpi_code = 'K04' AND period_label = '2025' AND breakdown_value = 'CUSTOMS' AND variant = 'pmm'")[0][0]!;
        Assert.StartsWith("not measurable: the wco-xml source gives no oga_permit_local", customsNote, StringComparison.Ordinal);
        // The business date is the office's local date of the first milestone: I2 was lodged on 9 January, New York time.
        Assert.Equal(255.00, _h.Kpi("K04", "2025-01").Value);
        Assert.Equal(195.00, _h.Kpi("K04", "2025-03").Value);
    }

    [Fact]
    public void Export_release_times_come_from_the_exit_notification()
    {
        _h.Run();

        // E1: lodged 12:00Z 1 Apr → exited 13:00Z 2 Apr = 1500; arrival 18:00Z 1 Apr → exit = 1140.
        Assert.Equal((1500.00, 1L), (_h.Kpi("K05", "2025").Value, _h.Kpi("K05", "2025").N));
        Assert.Equal(1140.00, _h.Kpi("K06", "2025").Value);
    }
}
