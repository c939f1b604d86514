using System.Text.Json;
using System.Text.RegularExpressions;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The defects issue 13 found bringing in real national exports, each from pipeline YAML alone: a CSV export whose
/// time columns hold dates only (refused at validation unless declared date precision, and then K04 says why it has no
/// value while the date-level K10 is measured), fields the export does not have (null, and "not measurable", never an
/// invented constant), a register exported with its own headers and codes, notes that name the pipeline's own source
/// kind and keys, and a WCO folder whose times lack formatCode, counted in the run result, with a mode left out.
/// </summary>
public sealed partial class NationalExportDefectTests : IDisposable
{
    private readonly List<PipelineHarness> _harnesses = [];

    public void Dispose() => _harnesses.ForEach(h => h.Dispose());

    private PipelineHarness Harness(string yaml)
    {
        var h = new PipelineHarness(yaml);
        _harnesses.Add(h);
        return h;
    }

    private static void Write(PipelineHarness h, string relative, string text)
    {
        string file = Path.Combine(h.Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    private static string Note(PipelineHarness h, string kpi, string variant = "pmm", string breakdown = "total") =>
        (string)h.Query($"SELECT note FROM fact_kpi_value WHERE kpi_code = '{kpi}' AND period_label = '2025' AND breakdown = '{breakdown}' AND variant = '{variant}' LIMIT 1")[0][0]!;

    /// <summary>A national export with a date and no time of day in every time column (the shape of the issue's synthetic CSV).</summary>
    private const string DateOnlyExport = """
        DECL;TYPE;OFFICE;SUB;ARR;LODGED;REL
        X1;IM;NYC;EDI;10/01/2025;10/01/2025;10/01/2025
        X2;IM;NYC;PAP;11/01/2025;12/01/2025;12/01/2025
        X3;IM;ORD;WEB;13/01/2025;13/01/2025;14/01/2025
        X4;EX;NYC;EDI;15/01/2025;15/01/2025;16/01/2025
        """;

    private static string DateOnlyPipeline(string times) => $"""
        name: date-only
        source:
          kind: csv
          path: exports
          csv:
            delimiter: ";"
            time_format: "dd/MM/uuuu"
            columns:
              declaration_id: DECL
              declaration_type: {"{"} column: TYPE, map: {"{"} IM: IMPORT, EX: EXPORT {"}"} {"}"}
              office_code: OFFICE
              submission_channel: {"{"} column: SUB, map: {"{"} PAP: PAPER {"}"} {"}"}
        {times}
        """ + FixtureSource.PipelineTail("[K04, K10]");

    [Fact]
    public void A_date_only_format_for_time_fields_is_refused_at_validation_naming_each_line_and_key()
    {
        string yaml = DateOnlyPipeline("""
                  arrival_local: ARR
                  lodged_local: LODGED
                  released_local: REL
            """);
        PipelineHarness h = Harness(yaml);

        PipelineDefinitionException e = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(h.DefinitionPath));

        string[] lines = yaml.Split('\n');
        string Line(string key) => $"line {Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) + 1}: source.csv.columns.{key}: "
            + $"the format 'dd/MM/uuuu' has no time of day: {key} is a time; if the export keeps only the date, declare {{ precision: date }} (durations that need the time are then not measured)";
        Assert.Equal([Line("arrival_local"), Line("lodged_local"), Line("released_local")], e.Problems.Where(p => p.Contains("no time of day", StringComparison.Ordinal)));
    }

    /// <remarks>
    /// The time_format stays the date-only one validation refused: declaring the fields date-precision, as its message
    /// says, is enough (before, the fields were then read as ISO dates and every row was quarantined).
    /// </remarks>
    [Fact]
    public void Time_fields_declared_date_precision_leave_k04_not_measurable_with_its_reason_and_k10_measured()
    {
        PipelineHarness h = Harness(DateOnlyPipeline("""
                  arrival_local: { column: ARR, precision: date }
                  lodged_local: { column: LODGED, precision: date }
                  released_local: { column: REL, precision: date }
            """));
        Write(h, "exports/declarations.csv", DateOnlyExport);

        RunSummary s = h.Run();

        Assert.Equal((4L, 4L, 0L), (s.Run.RowsRead, s.Run.RowsLoaded, s.Run.RowsQuarantined));
        // The dates still place each declaration: its business date is the date of its first milestone.
        Assert.Equal(["2025-01-10", "2025-01-11", "2025-01-13", "2025-01-15"],
            h.Query("SELECT strftime(business_date, '%Y-%m-%d') FROM fact_declaration ORDER BY declaration_id").Select(r => (string)r[0]!));
        // No time of day: no instant is stored, so no duration is midnight minus midnight.
        Assert.Equal(0L, h.Scalar<long>("SELECT count(*) FROM fact_declaration WHERE arrival_utc IS NOT NULL OR released_utc IS NOT NULL OR arrival_to_release_min IS NOT NULL"));
        // K04 has no value anywhere (never the 0.00 of the defect), and its note says why.
        Assert.Equal(0L, h.Scalar<long>("SELECT count(*) FROM fact_kpi_value WHERE kpi_code = 'K04' AND value IS NOT NULL"));
        Assert.StartsWith("not measurable: the csv source gives no arrival_local with its time of day (it gives a date only, column ARR)", Note(h, "K04"), StringComparison.Ordinal);
        // K10 rests on dates only: X1 EDI, X2 paper, X3 web, X4 EDI → 3 electronic of 4 = 75.00.
        Assert.Equal((75.00, 4L), (h.Kpi("K10", "2025").Value, h.Kpi("K10", "2025").N));
    }

    [Fact]
    public void Fields_the_export_does_not_have_are_absent_null_and_not_measurable_never_invented()
    {
        PipelineHarness h = Harness("""
            name: absent-fields
            source:
              kind: csv
              path: exports
              csv:
                delimiter: ";"
                time_format: "dd/MM/uuuu HH:mm"
                columns:
                  declaration_id: DECL
                  declaration_type: { column: TYPE, map: { IM: IMPORT } }
                  office_code: OFFICE
                  arrival_local: absent
                  aeo: absent
                  ecommerce: absent
                  control_channel: { absent: true }
                  lodged_local: LODGED
                  released_local: REL
            """ + FixtureSource.PipelineTail("[K04]"));
        // Lodgement → release by hand: A1 09:00 → 10:30 = 90, A2 08:00 → 11:30 = 210; mean 150.00, N 2.
        Write(h, "exports/declarations.csv", """
            DECL;TYPE;OFFICE;LODGED;REL
            A1;IM;NYC;10/01/2025 09:00;10/01/2025 10:30
            A2;IM;NYC;11/01/2025 08:00;11/01/2025 11:30
            """);

        h.Run();

        Assert.Equal(0L, h.Scalar<long>("SELECT count(*) FROM fact_declaration WHERE is_aeo IS NOT NULL OR is_ecommerce IS NOT NULL OR control_channel IS NOT NULL OR arrival_utc IS NOT NULL"));
        Assert.Null(h.Kpi("K04", "2025").Value);
        // The note names the field and where this pipeline maps it, then the exclusions with their reasons.
        Assert.StartsWith("not measurable: the csv source gives no arrival_local (absent) (source.csv.columns)", Note(h, "K04"), StringComparison.Ordinal);
        Assert.StartsWith("not measurable: the csv source gives no aeo (absent) (source.csv.columns)", Note(h, "K04", variant: "lodgement_to_release", breakdown: "aeo"), StringComparison.Ordinal);
        // The segment that needs no arrival time is measured and labelled (its AEO breakdown above is not: no aeo flag).
        // Its business date is the lodgement's, the first milestone there is: before, an export with neither a
        // registration date nor an arrival time had every declaration KPI "not measurable" for want of a business date.
        Assert.Equal((150.00, 2L), (h.Kpi("K04", "2025", variant: "lodgement_to_release").Value, h.Kpi("K04", "2025", variant: "lodgement_to_release").N));
    }

    private const string SmallDeclarationExport = """
        DECL;TYPE;OFFICE;LODGED;REL
        A1;IM;NYC;10/01/2025 09:00;10/01/2025 10:30
        """;

    private static string CsvWithRegister(string records) => $"""
        name: csv-register
        source:
          kind: csv
          path: exports/declarations
          csv:
            delimiter: ";"
            time_format: "dd/MM/uuuu HH:mm"
            columns:
              declaration_id: DECL
              declaration_type: {"{"} column: TYPE, map: {"{"} IM: IMPORT {"}"} {"}"}
              office_code: OFFICE
              lodged_local: LODGED
              released_local: REL
        {records}
        """ + FixtureSource.PipelineTail("[K21]");

    [Fact]
    public void An_inspection_register_with_its_own_headers_codes_and_constants_is_read_from_yaml_alone()
    {
        PipelineHarness h = Harness(CsvWithRegister("""
                records:
                  inspection:
                    path: exports/controls
                    files: "controls*.csv"
                    delimiter: ","
                    date_format: "dd.MM.uuuu"
                    columns:
                      inspection_id: CTRL_NO
                      inspection_date: CTRL_DATE
                      office_code: OFFICE
                      object_type: { constant: GOODS }
                      inspection_type: { column: KIND, map: { PHY: PHYSICAL, RX: NII, DOC: DOCUMENTARY } }
                      performed_by: { constant: CUSTOMS }
                      selection_source: { column: REASON, map: { "PROF*": RISK_PROFILE, ALEA: RANDOM, AGT: OFFICER } }
            """));
        Write(h, "exports/declarations/declarations.csv", SmallDeclarationExport);
        // K21 by hand: risk profiles C1, C3, C5 (A = 3) against random C2 and officer C4 (B = 2) → 3/5 = 60.00; C6's code
        // XX is no selection source the map knows, so C6 is quarantined naming it.
        Write(h, "exports/controls/controls_2025.csv", """
            CTRL_NO,CTRL_DATE,OFFICE,KIND,REASON
            C1,11.01.2025,NYC,PHY,PROF-07
            C2,13.01.2025,NYC,DOC,ALEA
            C3,16.03.2025,ORD,RX,PROF-12
            C4,04.05.2025,NYC,PHY,AGT
            C5,08.08.2025,NYC,DOC,PROF-07
            C6,09.09.2025,NYC,PHY,XX
            """);

        RunSummary s = h.Run();

        Assert.Equal((5L, 1L), (s.Run.RecordsLoaded, s.Run.RecordsQuarantined));
        Assert.Equal([("C1", "GOODS", "PHYSICAL", "CUSTOMS", "RISK_PROFILE"), ("C2", "GOODS", "DOCUMENTARY", "CUSTOMS", "RANDOM")],
            h.Query("SELECT inspection_id, object_type, inspection_type, performed_by, selection_source FROM fact_inspection WHERE inspection_id IN ('C1', 'C2') ORDER BY 1")
                .Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, (string)r[4]!)));
        Assert.Contains("selection_source: unknown code 'XX'", h.Scalar<string>("SELECT reason FROM dq_quarantine WHERE record_type = 'inspection'"), StringComparison.Ordinal);
        Assert.Equal(60.00, h.Kpi("K21", "2025").Value);
        // A breakdown the export does not give is said to be missing where this pipeline would map it.
        // (The export's last month is August, so 2025 is also flagged provisional after the reason.)
        Assert.StartsWith("not measurable: the csv source gives no direction (not mapped) (source.csv.records.inspection.columns); provisional: the data loaded stops at 2025-08",
            Note(h, "K21", breakdown: "direction"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_register_a_csv_pipeline_does_not_give_is_named_by_its_csv_keys_never_source_queries()
    {
        PipelineHarness h = Harness(CsvWithRegister(""));
        Write(h, "exports/declarations/declarations.csv", SmallDeclarationExport);

        h.Run();

        string note = Note(h, "K21");
        Assert.StartsWith("not measurable: the csv source gives no inspection records (no source.csv.records.inspection section nor inspection.csv in source.csv.registers)", note, StringComparison.Ordinal);
        Assert.DoesNotContain("source.queries", h.Scalar<string>("SELECT string_agg(coalesce(note, ''), ' ') FROM fact_kpi_value"), StringComparison.Ordinal);
    }

    [Fact]
    public void Wco_times_without_format_code_and_the_default_office_are_counted_in_the_run_result_and_a_missing_mode_stays_unknown()
    {
        PipelineHarness h = Harness("""
            name: wco-counts
            source:
              kind: wco-xml
              path: messages
              wco:
                default_office: NYC
            """ + FixtureSource.PipelineTail("[K04]"));
        Write(h, "messages/day-1/DEC_A.XML", """
            <Declaration><FunctionCode>9</FunctionCode><FunctionalReferenceID>A</FunctionalReferenceID><TypeCode>IMZ</TypeCode>
              <BorderTransportMeans><ArrivalDateTime><DateTimeString>20250110130000Z</DateTimeString></ArrivalDateTime></BorderTransportMeans></Declaration>
            """);
        Write(h, "messages/day-2/res/RES_A.xml", """
            <MetaData>
              <Response><FunctionCode>01</FunctionCode><IssueDateTime><DateTimeString>20250110140000Z</DateTimeString></IssueDateTime><Declaration><FunctionalReferenceID>A</FunctionalReferenceID><ID>MRN-A</ID></Declaration></Response>
              <Response><FunctionCode>08</FunctionCode><IssueDateTime><DateTimeString formatCode="304">20250110153000Z</DateTimeString></IssueDateTime><Declaration><ID>MRN-A</ID></Declaration></Response>
            </MetaData>
            """);
        int withoutFormatCode = Directory.GetFiles(Path.Combine(h.Folder, "messages"), "*", SearchOption.AllDirectories)
            .Sum(f => Regex.Count(File.ReadAllText(f), "<DateTimeString>"));

        RunSummary s = h.Run();

        Assert.Equal((1L, 1L), (s.Run.RowsRead, s.Run.RowsLoaded));
        Assert.Equal(("NYC", null), ((string)h.Query("SELECT office_code FROM fact_declaration")[0][0]!, h.Query("SELECT mode_of_transport FROM fact_declaration")[0][0]));
        JsonElement counts = JsonDocument.Parse(File.ReadAllText(s.RunResultFile)).RootElement.GetProperty("records")[0].GetProperty("source_counts");
        Assert.Equal((2, withoutFormatCode, 1), (withoutFormatCode, counts.GetProperty("times_without_format_code").GetInt32(), counts.GetProperty("default_office_used").GetInt32()));
        // Arrival 13:00Z → release 15:30Z = 150 minutes.
        Assert.Equal(150.00, h.Kpi("K04", "2025").Value);
    }
}
