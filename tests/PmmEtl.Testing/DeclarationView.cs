using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Testing;

/// <summary>
/// A normalised declaration read back from its typed row, property by property, for assertions; two views are equal
/// when every value is (lineage included).
/// </summary>
public sealed record DeclarationView
{
    public DeclarationView(RecordRow row)
    {
        RecordSchema t = row.Schema;
        string? T(string f) => row.Text(t.IndexOf(f));
        bool? B(string f) => row.Bool(t.IndexOf(f));
        Instant? I(string f) => row.Instant(t.IndexOf(f));
        double? N(string f) => row.Number(t.IndexOf(f));
        ActorSplit? Split(string stem) => N(stem + "_min") is { } total
            ? new ActorSplit(total, N(stem + "_business_min") ?? double.NaN, N(stem + "_oga_min") ?? double.NaN, N(stem + "_customs_min") ?? double.NaN)
            : null;
        SourceName = row.SourceName;
        SourceRow = row.SourceRow;
        DeclarationId = T("declaration_id");
        DeclarationType = T("declaration_type");
        Direction = T("direction");
        OfficeCode = T("office_code");
        BusinessDate = row.BusinessDate;
        ModeOfTransport = T("mode_of_transport");
        ControlChannel = T("control_channel");
        TraderId = T("trader_id");
        Aeo = B("aeo");
        PreArrival = B("pre_arrival");
        Ecommerce = B("ecommerce");
        RiskLevel = T("risk_level");
        LowRisk = B("is_low_risk");
        SubmissionChannel = T("submission_channel");
        Electronic = B("is_electronic");
        ImmediateRelease = B("immediate_release");
        ArrivalAt = I("arrival_local");
        LodgedAt = I("lodged_local");
        OgaPermitAt = I("oga_permit_local");
        InspectionStartAt = I("inspection_start_local");
        InspectionEndAt = I("inspection_end_local");
        ClearedAt = I("cleared_local");
        ReleasedAt = I("released_local");
        LoadedAt = I("loaded_local");
        ArrivalToRelease = Split("arrival_to_release");
        LodgementToLoading = Split("lodgement_to_loading");
        ArrivalToLoading = Split("arrival_to_loading");
        LodgementToClearanceMinutes = N("lodgement_to_clearance_min");
        LodgementToReleaseMinutes = N("lodgement_to_release_min");
    }

    public string SourceName { get; }
    public long SourceRow { get; }
    public string? DeclarationId { get; }
    public string? DeclarationType { get; }
    public string? Direction { get; }
    public string? OfficeCode { get; }
    public LocalDate? BusinessDate { get; }
    public string? ModeOfTransport { get; }
    public string? ControlChannel { get; }
    public string? TraderId { get; }
    public bool? Aeo { get; }
    public bool? PreArrival { get; }
    public bool? Ecommerce { get; }
    public string? RiskLevel { get; }
    public bool? LowRisk { get; }
    public string? SubmissionChannel { get; }
    public bool? Electronic { get; }
    public bool? ImmediateRelease { get; }
    public Instant? ArrivalAt { get; }
    public Instant? LodgedAt { get; }
    public Instant? OgaPermitAt { get; }
    public Instant? InspectionStartAt { get; }
    public Instant? InspectionEndAt { get; }
    public Instant? ClearedAt { get; }
    public Instant? ReleasedAt { get; }
    public Instant? LoadedAt { get; }
    public ActorSplit? ArrivalToRelease { get; }
    public ActorSplit? LodgementToLoading { get; }
    public ActorSplit? ArrivalToLoading { get; }
    public double? LodgementToClearanceMinutes { get; }
    public double? LodgementToReleaseMinutes { get; }
}

/// <summary>Reads a normalise result as a declaration.</summary>
public static class DeclarationResults
{
    extension(NormaliseResult result)
    {
        /// <summary>The normalised declaration as a view, or null when the record was refused.</summary>
        public DeclarationView? Declaration => result.Record is { } row ? new DeclarationView(row) : null;
    }
}
