using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// A WCO DM folder as a customs authority publishes its samples (issue 13), run from pipeline YAML alone: one
/// sub-folder per scenario, an upper-case extension, notifications in another folder than their declaration, an
/// import message that names no office (the pipeline's default_office), notification and arrival times without the
/// formatCode attribute, Rec. 19 modes 6 (multimodal) and 9 (unknown), and a truncated declaration.
/// K04 by hand: A arrived 13:00Z, released 15:30Z → 150; B arrived 08:00Z, released 10:00Z → 120; mean 135.00, N 2.
/// </summary>
public sealed class WcoPublishedFolderPipelineTests : IDisposable
{
    private readonly PipelineHarness _h = new("""
        name: wco-published
        source:
          kind: wco-xml
          path: published
          wco:
            default_office: NYC
        """ + FixtureSource.PipelineTail("[K04]"));

    public WcoPublishedFolderPipelineTests()
    {
        Write("scenario-01/IM_A.XML", Declaration("A", office: null, mode: "6", arrival: "<ArrivalDateTime><DateTimeString>20250110130000Z</DateTimeString></ArrivalDateTime>"));
        Write("scenario-01/RES_A.xml", Notifications(("01", "20250110140000Z", "MRN-A", "A"), ("08", "20250110153000Z", "MRN-A", null)));
        Write("scenario-02/IM_B.xml", Declaration("B", office: "NYC", mode: "9",
            arrival: "<ArrivalDateTime><DateTimeString formatCode=\"304\">20250111080000Z</DateTimeString></ArrivalDateTime>"));
        Write("responses/2025/RES_B.XML", Notifications(("01", "20250111090000Z", "MRN-B", "B"), ("08", "20250111100000Z", "MRN-B", null)));
        string cut = Declaration("D", office: "NYC", mode: "1", arrival: "");
        Write("scenario-03/IM_D.xml", cut[..cut.IndexOf("<GoodsShipment>", StringComparison.Ordinal)]);
        Write("scenario-03/RES_D.xml", Notifications(("01", "20250112090000Z", "MRN-D", "D")));
    }

    public void Dispose() => _h.Dispose();

    private void Write(string relative, string text)
    {
        string file = Path.Combine(_h.Folder, "published", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    private static string Declaration(string lrn, string? office, string mode, string arrival) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
          <FunctionCode>9</FunctionCode>
          <FunctionalReferenceID>{lrn}</FunctionalReferenceID>
          <TypeCode>IMZ</TypeCode>
          <BorderTransportMeans><ModeCode>{mode}</ModeCode>{arrival}</BorderTransportMeans>
          <GoodsShipment><Importer><ID>T-{lrn}</ID></Importer></GoodsShipment>
          {(office is null ? "" : $"<PresentationOffice><ID>{office}</ID></PresentationOffice>")}
        </Declaration>
        """;

    /// <summary>Responses with their IssueDateTime in the 304 shape but no formatCode attribute.</summary>
    private static string Notifications(params (string Code, string Time, string Mrn, string? Lrn)[] responses) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <MetaData xmlns="urn:wco:datamodel:WCO:RES-DMS:2">
        {string.Concat(responses.Select(r => $"<Response><FunctionCode>{r.Code}</FunctionCode><IssueDateTime><DateTimeString>{r.Time}</DateTimeString></IssueDateTime><Declaration>{(r.Lrn is null ? "" : $"<FunctionalReferenceID>{r.Lrn}</FunctionalReferenceID>")}<ID>{r.Mrn}</ID></Declaration></Response>\n"))}
        </MetaData>
        """;

    [Fact]
    public void The_published_folder_loads_from_yaml_alone_and_the_truncated_declaration_is_quarantined_once()
    {
        RunSummary s = _h.Run();

        Assert.Equal((3L, 2L, 1L), (s.Run.RowsRead, s.Run.RowsLoaded, s.Run.RowsQuarantined));
        object?[] q = Assert.Single(_h.Query("SELECT source_key, field, reason FROM dq_quarantine"));
        Assert.Equal(("MRN-D", "message"), ((string)q[0]!, (string)q[1]!));
        Assert.Contains("IM_D.xml line 7: malformed XML", (string)q[2]!, StringComparison.Ordinal);

        Assert.Equal([("MRN-A", "NYC", "MULTIMODAL"), ("MRN-B", "NYC", "UNKNOWN")],
            _h.Query("SELECT declaration_id, office_code, mode_of_transport FROM fact_declaration ORDER BY declaration_id")
                .Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)));
        Assert.Equal((135.00, 2L), (_h.Kpi("K04", "2025").Value, _h.Kpi("K04", "2025").N));
        Assert.Equal(150.00, _h.Kpi("K04", "2025", "mode_of_transport", "MULTIMODAL").Value);
        Assert.Equal(120.00, _h.Kpi("K04", "2025", "mode_of_transport", "UNKNOWN").Value);
    }
}
