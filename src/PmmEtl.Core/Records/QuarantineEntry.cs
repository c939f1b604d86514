namespace PmmEtl.Core.Records;

/// <summary>
/// A source row refused by a stage, with enough to find and fix it at the source: where it came from,
/// its key if it had one, the first field at fault, every reason (each prefixed by its field), and the raw text of that field.
/// </summary>
public sealed record QuarantineEntry(
    string RecordType,
    string SourceName,
    long RowNumber,
    string? SourceKey,
    string? BusinessDateRaw,
    string Field,
    string Reason,
    string? RawValue)
{
    /// <summary>The message a person reads: source and row first; the reason names each field at fault.</summary>
    public override string ToString() =>
        $"{SourceName}: row {RowNumber}{(SourceKey is null ? "" : $" ({SourceKey})")}: {Reason}";
}
