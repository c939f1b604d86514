namespace PmmEtl.Core.Records;

/// <summary>
/// One declaration exactly as a source gave it: every field is text, because national systems keep
/// local wall-clock times with no offset, flags as 1/0, Y/N or true/false, and sometimes garbage.
/// Only the normaliser interprets these values.
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
    public string? ArrivalLocal { get; set; }
    public string? LodgedLocal { get; set; }
    public string? OgaPermitLocal { get; set; }
    public string? InspectionStartLocal { get; set; }
    public string? InspectionEndLocal { get; set; }
    public string? ClearedLocal { get; set; }
    public string? ReleasedLocal { get; set; }
    public string? LoadedLocal { get; set; }
}
