namespace PmmEtl.Core.Time;

/// <summary>What to do with a local time that occurs twice (the repeated hour when clocks go back).</summary>
public enum AmbiguousTimePolicy
{
    /// <summary>Take the earlier of the two instants (NodaTime's lenient default; summer time).</summary>
    Earlier,
    /// <summary>Take the later of the two instants (what DuckDB's ICU functions do).</summary>
    Later,
    /// <summary>Refuse the row: it goes to quarantine.</summary>
    Reject,
}

/// <summary>What to do with a local time that never occurs (the gap when clocks go forward).</summary>
public enum SkippedTimePolicy
{
    /// <summary>Shift forward by the length of the gap: 02:30 in a one-hour gap becomes 03:30 (NodaTime lenient).</summary>
    ShiftForward,
    /// <summary>Use the first instant after the gap (03:00 for any time in a 02:00–03:00 gap).</summary>
    EndOfGap,
    /// <summary>Refuse the row: it goes to quarantine.</summary>
    Reject,
}

/// <summary>
/// The one explicit rule for DST-ambiguous and skipped local times. Recorded with every run and
/// every snapshot so that a value can always be traced back to how its instants were resolved.
/// </summary>
public sealed record DstPolicy(AmbiguousTimePolicy Ambiguous, SkippedTimePolicy Skipped)
{
    public static DstPolicy Default { get; } = new(AmbiguousTimePolicy.Earlier, SkippedTimePolicy.ShiftForward);

    public static DstPolicy Strict { get; } = new(AmbiguousTimePolicy.Reject, SkippedTimePolicy.Reject);

    /// <summary>Stable text form, e.g. <c>ambiguous=earlier;skipped=shift_forward</c>.</summary>
    public override string ToString() =>
        $"ambiguous={ToSnake(Ambiguous.ToString())};skipped={ToSnake(Skipped.ToString())}";

    private static string ToSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
