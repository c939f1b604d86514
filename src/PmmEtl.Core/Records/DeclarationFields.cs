namespace PmmEtl.Core.Records;

/// <summary>
/// The canonical field names of the declaration record type. A source query aliases its columns to
/// these names; anything else it returns is ignored. Required fields must be present as columns.
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

    /// <summary>Every canonical field with the setter that stores its text on a raw row.</summary>
    public static IReadOnlyList<(string Name, bool Required, Action<RawDeclaration, string?> Set)> All { get; } =
    [
        (DeclarationId, true, (r, v) => r.DeclarationId = v),
        (DeclarationType, true, (r, v) => r.DeclarationType = v),
        (Direction, false, (r, v) => r.Direction = v),
        (OfficeCode, true, (r, v) => r.OfficeCode = v),
        (BusinessDate, false, (r, v) => r.BusinessDate = v),
        (ModeOfTransport, true, (r, v) => r.ModeOfTransport = v),
        (ControlChannel, true, (r, v) => r.ControlChannel = v),
        (TraderId, false, (r, v) => r.TraderId = v),
        (Aeo, true, (r, v) => r.Aeo = v),
        (PreArrival, false, (r, v) => r.PreArrival = v),
        (Ecommerce, true, (r, v) => r.Ecommerce = v),
        (RiskLevel, false, (r, v) => r.RiskLevel = v),
        (SubmissionChannel, true, (r, v) => r.SubmissionChannel = v),
        (ImmediateRelease, false, (r, v) => r.ImmediateRelease = v),
        (ArrivalLocal, true, (r, v) => r.ArrivalLocal = v),
        (LodgedLocal, true, (r, v) => r.LodgedLocal = v),
        (OgaPermitLocal, false, (r, v) => r.OgaPermitLocal = v),
        (InspectionStartLocal, false, (r, v) => r.InspectionStartLocal = v),
        (InspectionEndLocal, false, (r, v) => r.InspectionEndLocal = v),
        (ClearedLocal, false, (r, v) => r.ClearedLocal = v),
        (ReleasedLocal, true, (r, v) => r.ReleasedLocal = v),
        (LoadedLocal, false, (r, v) => r.LoadedLocal = v),
    ];
}
