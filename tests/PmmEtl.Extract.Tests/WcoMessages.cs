namespace PmmEtl.Extract.Tests;

/// <summary>
/// One notification (a <c>Response</c>): function code, time (formatCode 304 unless said otherwise; a null format
/// leaves the attribute out, as some national systems do), and the declaration it names.
/// </summary>
public sealed record WcoResponse(string Code, string Time, string? Mrn, string? Lrn = null, string? Format = "304");

/// <summary>
/// WCO Data Model messages shaped like the UK CDS ones: a declaration (DEC-DMS) under a prefixed namespace inside
/// MetaData, and notifications (RES-DMS) in the default namespace with Response_DS date-times.
/// </summary>
public static class WcoMessages
{
    /// <summary>A declaration message; a null office, mode or type leaves that element out, a null arrival format its attribute.</summary>
    public static string Declaration(string lrn, string? type = "IMZ", string? office = "NYC", string? mode = "1", string? arrival = "20250110130000Z",
        bool aeo = false, string functionCode = "9", string prefix = "dec", string? mrn = null, string officeElement = "PresentationOffice",
        string? arrivalFormat = "304")
    {
        string p = prefix;
        string format = arrivalFormat is null ? "" : $" formatCode=\"{arrivalFormat}\"";
        string arrivalXml = arrival is null ? "" : $"<{p}:ArrivalDateTime><{p}:DateTimeString{format}>{arrival}</{p}:DateTimeString></{p}:ArrivalDateTime>";
        string aeoXml = aeo ? $"<{p}:AuthorisationHolder><{p}:ID>GB1</{p}:ID><{p}:CategoryCode>AEOC</{p}:CategoryCode></{p}:AuthorisationHolder>" : "";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns:{p}="urn:wco:datamodel:WCO:DEC-DMS:2">
              <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
              <md:WCOTypeName>DEC</md:WCOTypeName>
              <{p}:Declaration>
                <{p}:FunctionCode>{functionCode}</{p}:FunctionCode>
                <{p}:FunctionalReferenceID>{lrn}</{p}:FunctionalReferenceID>
                {(mrn is null ? "" : $"<{p}:ID>{mrn}</{p}:ID>")}
                {(type is null ? "" : $"<{p}:TypeCode>{type}</{p}:TypeCode>")}
                <{p}:AuthorisationHolder><{p}:ID>GB1</{p}:ID><{p}:CategoryCode>CGU</{p}:CategoryCode></{p}:AuthorisationHolder>
                {aeoXml}
                <{p}:BorderTransportMeans>{(mode is null ? "" : $"<{p}:ModeCode>{mode}</{p}:ModeCode>")}{arrivalXml}</{p}:BorderTransportMeans>
                <{p}:Declarant><{p}:ID>GB-DECLARANT</{p}:ID></{p}:Declarant>
                <{p}:GoodsShipment>
                  <{p}:Importer><{p}:ID>GB-IMPORTER-{lrn}</{p}:ID></{p}:Importer>
                  <{p}:GovernmentAgencyGoodsItem><{p}:SequenceNumeric>1</{p}:SequenceNumeric></{p}:GovernmentAgencyGoodsItem>
                </{p}:GoodsShipment>
                {(office is null ? "" : $"<{p}:{officeElement}><{p}:ID>{office}</{p}:ID></{p}:{officeElement}>")}
              </{p}:Declaration>
            </md:MetaData>
            """;
    }

    public static string Notifications(params WcoResponse[] responses)
    {
        string body = string.Concat(responses.Select((r, i) => $"""

              <res:Response>
                <res:FunctionCode>{r.Code}</res:FunctionCode>
                <res:FunctionalReferenceID>conversation-{i}</res:FunctionalReferenceID>
                <res:IssueDateTime><ds:DateTimeString{(r.Format is null ? "" : $" formatCode=\"{r.Format}\"")}>{r.Time}</ds:DateTimeString></res:IssueDateTime>
                <res:Declaration>{(r.Lrn is null ? "" : $"<res:FunctionalReferenceID>{r.Lrn}</res:FunctionalReferenceID>")}{(r.Mrn is null ? "" : $"<res:ID>{r.Mrn}</res:ID>")}<res:VersionID>1</res:VersionID></res:Declaration>
              </res:Response>
            """));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <MetaData xmlns="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns:res="urn:wco:datamodel:WCO:RES-DMS:2" xmlns:ds="urn:wco:datamodel:WCO:Response_DS:DMS:2">
              <WCODataModelVersionCode>3.6</WCODataModelVersionCode>
              <WCOTypeName>RES</WCOTypeName>{body}
            </MetaData>
            """;
    }
}
