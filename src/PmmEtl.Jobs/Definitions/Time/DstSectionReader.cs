using PmmEtl.Core.Time;
using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Time;

/// <summary>
/// Reads <c>dst:</c>, the one policy for local times a clock change makes ambiguous (<c>earlier</c>, <c>later</c>,
/// <c>reject</c>) or skips (<c>shift_forward</c>, <c>end_of_gap</c>, <c>reject</c>). The record is Core's: the normaliser applies it.
/// </summary>
internal static class DstSectionReader
{
    public static DstPolicy Read(YamlNodeReader? d)
    {
        if (d is null)
        {
            return DstPolicy.Default;
        }

        d.OnlyKeys("ambiguous", "skipped");
        string ambiguous = d.String("ambiguous", required: false) ?? "earlier";
        string skipped = d.String("skipped", required: false) ?? "shift_forward";
        AmbiguousTimePolicy a = ambiguous switch
        {
            "earlier" => AmbiguousTimePolicy.Earlier,
            "later" => AmbiguousTimePolicy.Later,
            "reject" => AmbiguousTimePolicy.Reject,
            _ => d.UnknownPolicy("ambiguous", ambiguous, "earlier, later or reject", AmbiguousTimePolicy.Earlier),
        };
        SkippedTimePolicy s = skipped switch
        {
            "shift_forward" => SkippedTimePolicy.ShiftForward,
            "end_of_gap" => SkippedTimePolicy.EndOfGap,
            "reject" => SkippedTimePolicy.Reject,
            _ => d.UnknownPolicy("skipped", skipped, "shift_forward, end_of_gap or reject", SkippedTimePolicy.ShiftForward),
        };
        return new DstPolicy(a, s);
    }
}
