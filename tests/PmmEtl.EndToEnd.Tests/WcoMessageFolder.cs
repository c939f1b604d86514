namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// Writes WCO Data Model messages shaped like the UK CDS ones into a folder: one declaration (DEC-DMS, prefixed
/// namespace, inside MetaData) per <c>*_DEC.xml</c> file and notifications (RES-DMS, default namespace, Response_DS
/// date-times with formatCode 304) per <c>*_RES.xml</c> file.
/// </summary>
public sealed class WcoMessageFolder(string path)
{
    public string Path { get; } = path;

    public void Declaration(string lrn, string type, string office, string mode, string? arrivalUtc = null, bool aeo = false, string officeElement = "PresentationOffice")
    {
        Directory.CreateDirectory(Path);
        string arrival = arrivalUtc is null ? "" : $"<dec:ArrivalDateTime><dec:DateTimeString formatCode=\"304\">{arrivalUtc}</dec:DateTimeString></dec:ArrivalDateTime>";
        string holder = aeo ? "<dec:AuthorisationHolder><dec:ID>US-TRADER</dec:ID><dec:CategoryCode>AEOF</dec:CategoryCode></dec:AuthorisationHolder>" : "";
        File.WriteAllText(System.IO.Path.Combine(Path, $"{lrn}_DEC.xml"), $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns:dec="urn:wco:datamodel:WCO:DEC-DMS:2">
              <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
              <md:WCOTypeName>DEC</md:WCOTypeName>
              <dec:Declaration>
                <dec:FunctionCode>9</dec:FunctionCode>
                <dec:FunctionalReferenceID>{lrn}</dec:FunctionalReferenceID>
                <dec:TypeCode>{type}</dec:TypeCode>
                {holder}
                <dec:BorderTransportMeans><dec:ModeCode>{mode}</dec:ModeCode>{arrival}</dec:BorderTransportMeans>
                <dec:GoodsShipment><dec:Importer><dec:ID>T-{lrn}</dec:ID></dec:Importer></dec:GoodsShipment>
                <dec:{officeElement}><dec:ID>{office}</dec:ID></dec:{officeElement}>
              </dec:Declaration>
            </md:MetaData>
            """);
    }

    /// <summary>A notification file: each entry is (function code, UTC time yyyyMMddHHmmss, MRN, LRN or null).</summary>
    public void Notifications(string name, params (string Code, string Utc, string Mrn, string? Lrn)[] responses)
    {
        Directory.CreateDirectory(Path);
        string body = string.Concat(responses.Select(r => $"""

              <Response>
                <FunctionCode>{r.Code}</FunctionCode>
                <IssueDateTime><ds:DateTimeString formatCode="304">{r.Utc}Z</ds:DateTimeString></IssueDateTime>
                <Declaration>{(r.Lrn is null ? "" : $"<FunctionalReferenceID>{r.Lrn}</FunctionalReferenceID>")}<ID>{r.Mrn}</ID></Declaration>
              </Response>
            """));
        File.WriteAllText(System.IO.Path.Combine(Path, $"{name}_RES.xml"), $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <MetaData xmlns="urn:wco:datamodel:WCO:RES-DMS:2" xmlns:ds="urn:wco:datamodel:WCO:Response_DS:DMS:2">
              <WCOTypeName>RES</WCOTypeName>{body}
            </MetaData>
            """);
    }
}
