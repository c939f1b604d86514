using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// An office with what the generator needs to draw its declarations: zone, share of the traffic,
/// transport-mode mix, e-commerce share, and the year's DST changes.
/// </summary>
internal sealed record OfficeProfile(
    DemoOffice Office,
    DateTimeZone Zone,
    double Weight,
    WeightedChoice<int> Modes,
    double EcommerceShare,
    IReadOnlyList<DstTransition> Transitions)
{
    public string Code => Office.Code;

    /// <summary>Ports, airports, border crossings and mail hubs receive goods at any hour; inland depots keep office hours.</summary>
    public bool ReceivesAroundTheClock => Office.OfficeType is "SEAPORT" or "AIRPORT" or "LAND_BORDER" or "POSTAL_HUB";

    /// <summary>
    /// Shares: NYC 25%, JFK 20%, LRD 20%, CHI 10%, DEN 8%, LAX 12%, HNL 5%. E-commerce shares apply to
    /// imports and exports only (80% of declarations) and are set so that about 20% of all declarations are
    /// e-commerce, most of them at the LAX mail hub and JFK.
    /// </summary>
    public static IReadOnlyList<OfficeProfile> ForYear(int year)
    {
        (double Weight, WeightedChoice<int> Modes, double Ecommerce) Mix(string code) => code switch
        {
            "USNYC1" => (25, new((1, 85), (3, 10), (2, 5)), 0.06),
            "USJFK1" => (20, new((4, 90), (5, 10)), 0.50),
            "USLRD1" => (20, new((3, 85), (2, 15)), 0.06),
            "USCHI2" => (10, new((2, 80), (3, 20)), 0.06),
            "USDEN3" => (8, new((3, 70), (2, 20), (4, 10)), 0.06),
            "USLAX4" => (12, new((5, 60), (4, 40)), 0.85),
            "USHNL5" => (5, new((1, 90), (4, 10)), 0.06),
            _ => throw new InvalidOperationException($"No traffic mix for office {code}."),
        };

        return DemoOffices.All.Select(office =>
        {
            DateTimeZone zone = DateTimeZoneProviders.Tzdb[office.ZoneId];
            var (weight, modes, ecommerce) = Mix(office.Code);
            return new OfficeProfile(office, zone, weight, modes, ecommerce, DstTransition.InYear(zone, year));
        }).ToList();
    }
}
