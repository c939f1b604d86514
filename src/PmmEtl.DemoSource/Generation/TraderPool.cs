using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// About 5,000 traders, 15% of them AEO. AEO traders are few but large, so they are picked for ~35%
/// of declarations; within each group a skewed pick makes some traders much busier than others.
/// </summary>
internal sealed class TraderPool
{
    public const int DefaultCount = 5_000;
    private const double AeoTraderShare = 0.15;
    private const double AeoDeclarationShare = 0.35;

    private static readonly string[] Firsts =
    [
        "Atlantic", "Pacific", "Summit", "Liberty", "Gulf", "Pioneer", "Great Lakes", "Evergreen", "Keystone", "Harbor",
        "Frontier", "Golden State", "Lone Star", "Empire", "Cascade", "Blue Ridge", "Prairie", "Coastal", "Midwest", "Sierra",
    ];

    private static readonly string[] Trades =
    [
        "Freight", "Trading", "Logistics", "Imports", "Exports", "Supply", "Distribution", "Foods", "Textiles", "Machinery",
        "Electronics", "Auto Parts", "Pharma", "Chemicals", "Furniture", "Toys", "Apparel", "Steel", "Produce", "Timber",
    ];

    private static readonly string[] Suffixes = ["Inc.", "LLC", "Corp.", "Co.", "Ltd.", "Group", "Holdings", "& Sons"];

    private readonly Trader[] _aeo;
    private readonly Trader[] _other;

    private TraderPool(IReadOnlyList<Trader> all)
    {
        All = all;
        _aeo = all.Where(t => t.IsAeo).ToArray();
        _other = all.Where(t => !t.IsAeo).ToArray();
    }

    public IReadOnlyList<Trader> All { get; }

    public static TraderPool Create(Random rng, int year, int count = DefaultCount)
    {
        var usedNumbers = new HashSet<int>();
        var traders = new List<Trader>(count);
        for (int i = 0; i < count; i++)
        {
            int number;
            do
            {
                number = rng.Next(100_000_000, 1_000_000_000);
            }
            while (!usedNumbers.Add(number));

            string name = $"{Firsts[rng.Next(Firsts.Length)]} {Trades[rng.Next(Trades.Length)]} {Suffixes[rng.Next(Suffixes.Length)]}";
            string? status = null;
            LocalDate? validFrom = null;
            if (rng.Chance(AeoTraderShare))
            {
                status = rng.Chance(0.65) ? "AEOF" : "AEOS";
                // Some certificates start during the year, so "AEO at the time of the declaration" matters.
                validFrom = rng.Chance(0.15)
                    ? new LocalDate(year, 1, 1).PlusDays(rng.Next(0, 330))
                    : new LocalDate(year - 12, 1, 1).PlusDays(rng.Next(0, 11 * 365));
            }

            traders.Add(new Trader($"US{number}", name, status, validFrom));
        }

        return new TraderPool(traders);
    }

    public Trader Pick(Random rng)
    {
        Trader[] group = _aeo.Length > 0 && (_other.Length == 0 || rng.Chance(AeoDeclarationShare)) ? _aeo : _other;
        // u^2.5 concentrates picks on the first traders of the group: a few large lodgers, a long tail.
        int index = (int)(Math.Pow(rng.NextDouble(), 2.5) * group.Length);
        return group[Math.Min(index, group.Length - 1)];
    }
}
