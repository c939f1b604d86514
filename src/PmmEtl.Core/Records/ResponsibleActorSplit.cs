using NodaTime;

namespace PmmEtl.Core.Records;

/// <summary>
/// Splits one measured interval [start, end) between Business, Other Government Agencies and Customs,
/// following the PMM disaggregation text (catalogue §3.2):
/// <list type="bullet">
/// <item>Business: until both the declaration is lodged and the goods have arrived (arrival → lodgement on
/// import; lodgement → arrival at the office of exit on export), and after release (loading on board).</item>
/// <item>OGA: from that point until the OGA permit is issued, if one was needed.</item>
/// <item>Customs: the rest up to release (documentary assessment, physical examination).</item>
/// </list>
/// Where OGA and Customs work in parallel the PMM gives no rule; here the OGA takes the overlapping time, so
/// the three parts never double-count and always add up to the end-to-end time. Each milestone is clamped
/// into the interval, so a pre-arrival lodgement gives zero Business time rather than a negative one.
/// </summary>
public static class ResponsibleActorSplit
{
    public static ActorSplit Compute(Instant start, Instant end, Instant? arrival, Instant lodged, Instant? ogaPermit, Instant? release)
    {
        Instant ready = Clamp(Max(arrival ?? start, lodged), start, end);
        Instant released = Clamp(release ?? end, ready, end);
        Instant ogaDone = ogaPermit is { } permit ? Clamp(permit, ready, released) : ready;

        double business = Minutes(start, ready) + Minutes(released, end);
        double oga = Minutes(ready, ogaDone);
        double customs = Minutes(ogaDone, released);
        return new ActorSplit(Minutes(start, end), business, oga, customs);
    }

    public static double Minutes(Instant from, Instant to) => (to - from).TotalMinutes;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Clamp(Instant value, Instant low, Instant high) => value < low ? low : value > high ? high : value;
}

/// <summary>
/// One measured interval in minutes and its attribution to the responsible actors. The three parts
/// always add up to the total (see <see cref="ResponsibleActorSplit"/>).
/// </summary>
public readonly record struct ActorSplit(double TotalMinutes, double BusinessMinutes, double OgaMinutes, double CustomsMinutes);
