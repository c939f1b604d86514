namespace PmmEtl.Core.Records;

/// <summary>
/// The names of the declaration's fields (<see cref="RecordTypes.Declaration"/>), for the code that has rules of its
/// own about declarations: the declaration rules of the normaliser, and the WCO DM message reader.
/// </summary>
public static class DeclarationFields
{
    public const string DeclarationId = "declaration_id";
    public const string DeclarationType = "declaration_type";
    public const string Direction = "direction";
    public const string OfficeCode = "office_code";
    public const string BusinessDate = "business_date";
    public const string ModeOfTransport = "mode_of_transport";
    public const string ControlChannel = "control_channel";
    public const string TraderId = "trader_id";
    public const string Aeo = "aeo";
    public const string PreArrival = "pre_arrival";
    public const string Ecommerce = "ecommerce";
    public const string RiskLevel = "risk_level";
    public const string SubmissionChannel = "submission_channel";
    public const string ImmediateRelease = "immediate_release";
    public const string ArrivalLocal = "arrival_local";
    public const string LodgedLocal = "lodged_local";
    public const string OgaPermitLocal = "oga_permit_local";
    public const string InspectionStartLocal = "inspection_start_local";
    public const string InspectionEndLocal = "inspection_end_local";
    public const string ClearedLocal = "cleared_local";
    public const string ReleasedLocal = "released_local";
    public const string LoadedLocal = "loaded_local";
}
