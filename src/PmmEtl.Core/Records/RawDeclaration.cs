using PmmEtl.Core.Time;

namespace PmmEtl.Core.Records;

/// <summary>
/// One declaration exactly as a source gave it: every field is text, because national systems keep
/// local wall-clock times with no offset, flags as 1/0, Y/N or true/false, and sometimes garbage.
/// Only the normaliser interprets these values. The one exception is a local time in the fixed-width ISO shape,
/// which a source may hand over already read (<see cref="LocalTimeText"/>): it stands for its text exactly.
/// </summary>
public sealed class RawDeclaration
{
    /// <summary>Where the row came from (the pipeline's record type and source name, or a file path).</summary>
    public required string SourceName { get; init; }

    /// <summary>1-based position of the row in its source stream, for error messages and quarantine.</summary>
    public required long RowNumber { get; init; }

    /// <summary>
    /// Set by a source that could not read the row at all (a malformed message, a short CSV line): the row goes
    /// straight to quarantine with this reason, naming <see cref="SourceErrorField"/>.
    /// </summary>
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

    // The local times as text, for sources that have text (SQL, WCO XML, tests). Each is a view of the typed field
    // below it: setting the text replaces the field, and reading it gives the text back (rebuilt for a read value).
    public string? ArrivalLocal { get => ArrivalLocalTime.Text; set => ArrivalLocalTime = LocalTimeText.FromText(value); }
    public string? LodgedLocal { get => LodgedLocalTime.Text; set => LodgedLocalTime = LocalTimeText.FromText(value); }
    public string? OgaPermitLocal { get => OgaPermitLocalTime.Text; set => OgaPermitLocalTime = LocalTimeText.FromText(value); }
    public string? InspectionStartLocal { get => InspectionStartLocalTime.Text; set => InspectionStartLocalTime = LocalTimeText.FromText(value); }
    public string? InspectionEndLocal { get => InspectionEndLocalTime.Text; set => InspectionEndLocalTime = LocalTimeText.FromText(value); }
    public string? ClearedLocal { get => ClearedLocalTime.Text; set => ClearedLocalTime = LocalTimeText.FromText(value); }
    public string? ReleasedLocal { get => ReleasedLocalTime.Text; set => ReleasedLocalTime = LocalTimeText.FromText(value); }
    public string? LoadedLocal { get => LoadedLocalTime.Text; set => LoadedLocalTime = LocalTimeText.FromText(value); }

    // The same local times as the source gave them: text, or the value a source read itself (the CSV reader, which
    // thus allocates no string for a well-formed time). The normaliser reads these; the text is built only to quote it.
    public LocalTimeText ArrivalLocalTime { get; set; }
    public LocalTimeText LodgedLocalTime { get; set; }
    public LocalTimeText OgaPermitLocalTime { get; set; }
    public LocalTimeText InspectionStartLocalTime { get; set; }
    public LocalTimeText InspectionEndLocalTime { get; set; }
    public LocalTimeText ClearedLocalTime { get; set; }
    public LocalTimeText ReleasedLocalTime { get; set; }
    public LocalTimeText LoadedLocalTime { get; set; }
}
