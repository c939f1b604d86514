using NodaTime;
using NodaTime.TimeZones;
using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Whether two wall times of an office, read as the demo pipeline reads them (dst: ambiguous earlier, skipped
/// shift_forward, which is NodaTime's lenient resolver), come out in the opposite order: a clearance written in the
/// second pass of the autumn fold after a lodgement in the first one. Such rows are true to the source but the
/// pipeline quarantines them, so the summary counts them with the deliberate ones.
/// </summary>
internal static class DstOrder
{
    public static bool Inverted(OfficeProfile office, LocalDateTime? earlier, LocalDateTime? later)
    {
        if (earlier is not { } first || later is not { } second || !NearChange(office, first))
        {
            return false;
        }

        return office.Zone.ResolveLocal(second, Resolvers.LenientResolver).ToInstant() < office.Zone.ResolveLocal(first, Resolvers.LenientResolver).ToInstant();
    }

    /// <summary>Only the dates of a change can hold such times; resolving every pair would cost time for nothing.</summary>
    private static bool NearChange(OfficeProfile office, LocalDateTime first)
    {
        foreach (DstTransition change in office.Transitions)
        {
            if (change.TouchesDate(first.Date) || change.TouchesDate(first.Date.PlusDays(1)))
            {
                return true;
            }
        }

        return false;
    }
}
