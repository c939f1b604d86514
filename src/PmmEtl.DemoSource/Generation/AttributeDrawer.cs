namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Draws the non-time columns of a declaration with the brief's shares: types 50/30/8/12, channels about
/// 70/20/10 (less red for AEO traders), 40% pre-arrival imports, e-commerce mostly low risk, OGA permits for
/// 15% of imports and 10% of exports.
/// </summary>
internal sealed class AttributeDrawer
{
    private static readonly WeightedChoice<string> Types = new(("IM", 50), ("EX", 30), ("TR", 8), ("CG", 12));
    private static readonly WeightedChoice<string> Submissions = new(
        ("EDI", 60), ("WEB", 20), ("SW", 12), ("EMAIL", 3), ("SCAN", 3), ("PAPER", 2));

    private static readonly WeightedChoice<char> RiskOfTrade = new(('L', 60), ('M', 30), ('H', 10));
    private static readonly WeightedChoice<char> RiskOfEcommerce = new(('L', 80), ('M', 15), ('H', 5));

    // Channel given risk. Averaged over RiskOfTrade, and after the AEO waiver below, this gives about
    // green 70%, yellow 20%, red 10%.
    private static readonly WeightedChoice<char> ChannelLowRisk = new(('G', 82), ('Y', 14), ('R', 4));
    private static readonly WeightedChoice<char> ChannelMediumRisk = new(('G', 58), ('Y', 28), ('R', 14));
    private static readonly WeightedChoice<char> ChannelHighRisk = new(('G', 20), ('Y', 30), ('R', 50));

    private readonly Random _rng;
    private readonly IReadOnlyList<OfficeProfile> _offices;
    private readonly WeightedChoice<OfficeProfile> _officeChoice;
    private readonly TraderPool _traders;

    public AttributeDrawer(Random rng, IReadOnlyList<OfficeProfile> offices, TraderPool traders)
    {
        _rng = rng;
        _offices = offices;
        _officeChoice = new WeightedChoice<OfficeProfile>(offices.Select(o => (o, o.Weight)).ToArray());
        _traders = traders;
    }

    public OfficeProfile PickOffice() => _officeChoice.Pick(_rng);

    public bool AnyOffice(Func<OfficeProfile, bool> allowed) => _offices.Any(allowed);

    /// <summary>Picks among the given offices with their usual weights (e.g. only those with DST).</summary>
    public OfficeProfile PickOffice(Func<OfficeProfile, bool> allowed) =>
        new WeightedChoice<OfficeProfile>(_offices.Where(allowed).Select(o => (o, o.Weight)).ToArray()).Pick(_rng);

    /// <param name="office">The office; drawn by weight when null.</param>
    /// <param name="type">The declaration type; drawn when null.</param>
    /// <param name="trader">The trader; drawn when null.</param>
    /// <param name="arrivalFirst">Forces an import with arrival before lodgement (for a release-before-arrival row).</param>
    public DeclarationAttributes Draw(OfficeProfile? office = null, string? type = null, Trader? trader = null, bool arrivalFirst = false)
    {
        office ??= PickOffice();
        type = arrivalFirst ? "IM" : type ?? Types.Pick(_rng);
        trader ??= _traders.Pick(_rng);
        string? cargoDirection = type == "CG" ? (_rng.Chance(0.55) ? "I" : "O") : null;
        int mode = office.Modes.Pick(_rng);
        bool ecommerce = type is "IM" or "EX" && _rng.Chance(office.EcommerceShare);
        char risk = (ecommerce ? RiskOfEcommerce : RiskOfTrade).Pick(_rng);
        char channel = DrawChannel(risk, trader.IsAeo);
        bool preArrival = type == "IM" && !arrivalFirst && _rng.Chance(0.40);
        bool hasOga = type switch
        {
            "IM" => _rng.Chance(0.15),
            "EX" => _rng.Chance(0.10),
            _ => false,
        };
        string submission = Submissions.Pick(_rng);
        bool immediate = DrawImmediateRelease(ecommerce, risk, channel, trader.IsAeo);
        return new DeclarationAttributes(office, type, cargoDirection, mode, trader, ecommerce, risk, channel, preArrival, hasOga, submission, immediate);
    }

    private char DrawChannel(char risk, bool aeo)
    {
        char channel = risk switch
        {
            'L' => ChannelLowRisk.Pick(_rng),
            'M' => ChannelMediumRisk.Pick(_rng),
            _ => ChannelHighRisk.Pick(_rng),
        };

        // AEO status is a trust signal: 40% of the red selections of AEO traders are waived to green.
        return channel == 'R' && aeo && _rng.Chance(0.4) ? 'G' : channel;
    }

    /// <summary>Red (controlled) goods are never released immediately.</summary>
    private bool DrawImmediateRelease(bool ecommerce, char risk, char channel, bool aeo)
    {
        if (channel != 'G' || risk != 'L')
        {
            return false;
        }

        // Mostly low-value e-commerce consignments; a few AEO shipments too.
        return ecommerce ? _rng.Chance(0.90) : aeo && _rng.Chance(0.10);
    }
}
