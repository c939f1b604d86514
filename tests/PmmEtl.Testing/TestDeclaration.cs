using PmmEtl.Core.Records;
using static PmmEtl.Core.Records.DeclarationFields;

namespace PmmEtl.Testing;

/// <summary>
/// A declaration as a source would give it, written field by field in tests (every field text; times as text or as a
/// value a source read itself), turned into the raw record the normaliser reads with <see cref="ToRaw"/>.
/// </summary>
public sealed class TestDeclaration
{
    public string SourceName { get; init; } = "test";
    public long RowNumber { get; init; } = 1;
    public string? SourceError { get; set; }
    public string? SourceErrorField { get; set; }
    public string? DeclarationId { get; set; }
    public string? DeclarationType { get; set; }
    public string? Direction { get; set; }
    public string? OfficeCode { get; set; }
    public string? BusinessDate { get; set; }
    public string? ModeOfTransport { get; set; }
    public string? ControlChannel { get; set; }
    public string? TraderId { get; set; }
    public string? Aeo { get; set; }
    public string? PreArrival { get; set; }
    public string? Ecommerce { get; set; }
    public string? RiskLevel { get; set; }
    public string? SubmissionChannel { get; set; }
    public string? ImmediateRelease { get; set; }
    public RawValue ArrivalLocalTime { get; set; }
    public RawValue LodgedLocalTime { get; set; }
    public RawValue OgaPermitLocalTime { get; set; }
    public RawValue InspectionStartLocalTime { get; set; }
    public RawValue InspectionEndLocalTime { get; set; }
    public RawValue ClearedLocalTime { get; set; }
    public RawValue ReleasedLocalTime { get; set; }
    public RawValue LoadedLocalTime { get; set; }

    public string? ArrivalLocal { get => ArrivalLocalTime.Text; set => ArrivalLocalTime = value; }
    public string? LodgedLocal { get => LodgedLocalTime.Text; set => LodgedLocalTime = value; }
    public string? OgaPermitLocal { get => OgaPermitLocalTime.Text; set => OgaPermitLocalTime = value; }
    public string? InspectionStartLocal { get => InspectionStartLocalTime.Text; set => InspectionStartLocalTime = value; }
    public string? InspectionEndLocal { get => InspectionEndLocalTime.Text; set => InspectionEndLocalTime = value; }
    public string? ClearedLocal { get => ClearedLocalTime.Text; set => ClearedLocalTime = value; }
    public string? ReleasedLocal { get => ReleasedLocalTime.Text; set => ReleasedLocalTime = value; }
    public string? LoadedLocal { get => LoadedLocalTime.Text; set => LoadedLocalTime = value; }

    public RawRecord ToRaw()
    {
        var raw = new RawRecord(RecordTypes.Declaration, SourceName, RowNumber) { SourceError = SourceError, SourceErrorField = SourceErrorField };
        Set(raw, DeclarationFields.DeclarationId, DeclarationId);
        Set(raw, DeclarationFields.DeclarationType, DeclarationType);
        Set(raw, DeclarationFields.Direction, Direction);
        Set(raw, DeclarationFields.OfficeCode, OfficeCode);
        Set(raw, DeclarationFields.BusinessDate, BusinessDate);
        Set(raw, DeclarationFields.ModeOfTransport, ModeOfTransport);
        Set(raw, DeclarationFields.ControlChannel, ControlChannel);
        Set(raw, DeclarationFields.TraderId, TraderId);
        Set(raw, DeclarationFields.Aeo, Aeo);
        Set(raw, DeclarationFields.PreArrival, PreArrival);
        Set(raw, DeclarationFields.Ecommerce, Ecommerce);
        Set(raw, DeclarationFields.RiskLevel, RiskLevel);
        Set(raw, DeclarationFields.SubmissionChannel, SubmissionChannel);
        Set(raw, DeclarationFields.ImmediateRelease, ImmediateRelease);
        raw[RecordTypes.Declaration.IndexOf(ArrivalLocal_)] = ArrivalLocalTime;
        raw[RecordTypes.Declaration.IndexOf(LodgedLocal_)] = LodgedLocalTime;
        raw[RecordTypes.Declaration.IndexOf(OgaPermitLocal_)] = OgaPermitLocalTime;
        raw[RecordTypes.Declaration.IndexOf(InspectionStartLocal_)] = InspectionStartLocalTime;
        raw[RecordTypes.Declaration.IndexOf(InspectionEndLocal_)] = InspectionEndLocalTime;
        raw[RecordTypes.Declaration.IndexOf(ClearedLocal_)] = ClearedLocalTime;
        raw[RecordTypes.Declaration.IndexOf(ReleasedLocal_)] = ReleasedLocalTime;
        raw[RecordTypes.Declaration.IndexOf(LoadedLocal_)] = LoadedLocalTime;
        return raw;
    }

    /// <summary>The same declaration as a source reads it back from a raw record (every field as text, times kept as read).</summary>
    public static TestDeclaration From(RawRecord raw)
    {
        RecordSchema t = RecordTypes.Declaration;
        return new TestDeclaration
        {
            SourceName = raw.SourceName, RowNumber = raw.RowNumber, SourceError = raw.SourceError, SourceErrorField = raw.SourceErrorField,
            DeclarationId = raw[DeclarationFields.DeclarationId], DeclarationType = raw[DeclarationFields.DeclarationType], Direction = raw[DeclarationFields.Direction],
            OfficeCode = raw[DeclarationFields.OfficeCode], BusinessDate = raw[DeclarationFields.BusinessDate], ModeOfTransport = raw[DeclarationFields.ModeOfTransport],
            ControlChannel = raw[DeclarationFields.ControlChannel], TraderId = raw[DeclarationFields.TraderId], Aeo = raw[DeclarationFields.Aeo],
            PreArrival = raw[DeclarationFields.PreArrival], Ecommerce = raw[DeclarationFields.Ecommerce], RiskLevel = raw[DeclarationFields.RiskLevel],
            SubmissionChannel = raw[DeclarationFields.SubmissionChannel], ImmediateRelease = raw[DeclarationFields.ImmediateRelease],
            ArrivalLocalTime = raw[t.IndexOf(ArrivalLocal_)], LodgedLocalTime = raw[t.IndexOf(LodgedLocal_)], OgaPermitLocalTime = raw[t.IndexOf(OgaPermitLocal_)],
            InspectionStartLocalTime = raw[t.IndexOf(InspectionStartLocal_)], InspectionEndLocalTime = raw[t.IndexOf(InspectionEndLocal_)],
            ClearedLocalTime = raw[t.IndexOf(ClearedLocal_)], ReleasedLocalTime = raw[t.IndexOf(ReleasedLocal_)], LoadedLocalTime = raw[t.IndexOf(LoadedLocal_)],
        };
    }

    private const string ArrivalLocal_ = DeclarationFields.ArrivalLocal;
    private const string LodgedLocal_ = DeclarationFields.LodgedLocal;
    private const string OgaPermitLocal_ = DeclarationFields.OgaPermitLocal;
    private const string InspectionStartLocal_ = DeclarationFields.InspectionStartLocal;
    private const string InspectionEndLocal_ = DeclarationFields.InspectionEndLocal;
    private const string ClearedLocal_ = DeclarationFields.ClearedLocal;
    private const string ReleasedLocal_ = DeclarationFields.ReleasedLocal;
    private const string LoadedLocal_ = DeclarationFields.LoadedLocal;

    private static void Set(RawRecord raw, string field, string? text)
    {
        if (text is not null)
        {
            raw[field] = text;
        }
    }
}

/// <summary>Normalises a test declaration with any normaliser.</summary>
public static class TestDeclarationNormalising
{
    public static PmmEtl.Core.Stages.NormaliseResult Normalise(this PmmEtl.Core.Stages.IRecordNormaliser normaliser, TestDeclaration declaration) =>
        normaliser.Normalise(declaration.ToRaw());
}
