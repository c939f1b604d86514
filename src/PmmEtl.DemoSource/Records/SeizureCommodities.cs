using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// A national commodity code of seized goods. <see cref="Trend"/> is only the generator's: the PMM category the
/// item mostly counts in, used to make year t − 1 differ per category. Which category an item counts in is the
/// pipeline's business (pipelines/demo-inputs/seizure-categories.csv), not the source's.
/// </summary>
internal sealed record Commodity(string Code, string Description, string Unit, double QuantityMedian, double ValueMedianUsd, string Trend)
{
    /// <summary>The firearms borderline items: whether Customs is mandated to control them is recorded per item.</summary>
    public bool Borderline => Code is "ARM-REPLICA" or "ARM-KNIFE" or "ARM-MASK" or "ARM-TASER" or "ARM-ANTIQUE";
}

/// <summary>Where a seizure was made, which decides the mix of what is found.</summary>
internal enum SeizureSetting
{
    /// <summary>Cargo under a goods declaration (containers, trucks, rail wagons, air freight).</summary>
    Cargo,
    /// <summary>An e-commerce parcel or postal item.</summary>
    Parcel,
    /// <summary>A passenger's baggage or person at the airport.</summary>
    Passenger,
}

/// <summary>
/// The commodity codes of the demo's seizure items: exactly the codes of pipelines/demo-inputs/seizure-categories.csv
/// (a test checks it), with mixes per setting: cigarettes and counterfeit cigarettes, but also cigars, raw tobacco and
/// e-cigarettes (which are not cigarettes); firearms borderline items; currency next to gems and jewellery at
/// passenger controls (only currency is a financial instrument).
/// </summary>
internal static class SeizureCommodities
{
    public static IReadOnlyList<Commodity> All { get; } =
    [
        new("ALC-SPIRIT", "Spirits", "l", 60, 900, "ALCOHOL"),
        new("ALC-WINE", "Wine", "l", 90, 700, "ALCOHOL"),
        new("ALC-BEER", "Beer", "l", 300, 500, "ALCOHOL"),
        new("ALC-ETH", "Undenatured ethyl alcohol", "l", 1000, 2500, "ALCOHOL"),
        new("TOB-CIG", "Cigarettes", "sticks", 4000, 1200, "CIGARETTES"),
        new("TOB-CIG-CF", "Counterfeit cigarettes", "sticks", 20000, 5000, "CIGARETTES"),
        new("TOB-CGR", "Cigars", "pieces", 100, 1500, "TOBACCO_OTHER"),
        new("TOB-RAW", "Raw tobacco", "kg", 400, 2000, "TOBACCO_OTHER"),
        new("TOB-ECIG", "E-cigarettes and refills", "pieces", 200, 1800, "TOBACCO_OTHER"),
        new("CUL-ARCH", "Archaeological objects", "pieces", 3, 25000, "CULTURAL_GOODS"),
        new("CUL-ART", "Works of art", "pieces", 2, 40000, "CULTURAL_GOODS"),
        new("CUL-MSS", "Manuscripts and rare books", "pieces", 4, 12000, "CULTURAL_GOODS"),
        new("FOOD-MEAT", "Meat products", "kg", 15, 150, "FOODSTUFFS_CONSUMER_GOODS"),
        new("FOOD-GEN", "Other foodstuffs", "kg", 40, 300, "FOODSTUFFS_CONSUMER_GOODS"),
        new("CON-MED", "Unauthorised medicines", "pieces", 120, 1500, "FOODSTUFFS_CONSUMER_GOODS"),
        new("CON-TOY", "Unsafe toys", "pieces", 300, 2000, "FOODSTUFFS_CONSUMER_GOODS"),
        new("CON-COSM", "Unsafe cosmetics", "pieces", 150, 1200, "FOODSTUFFS_CONSUMER_GOODS"),
        new("IPR-GOODS", "Counterfeit goods", "pieces", 250, 6000, "IPR"),
        new("IPR-PIRACY", "Pirated media", "pieces", 200, 2500, "IPR"),
        new("DRG-CANN", "Cannabis", "kg", 8, 16000, "DRUGS"),
        new("DRG-COC", "Cocaine", "kg", 3, 90000, "DRUGS"),
        new("DRG-HER", "Heroin", "kg", 1.5, 75000, "DRUGS"),
        new("DRG-SYN", "Synthetic drugs", "kg", 0.5, 30000, "DRUGS"),
        new("ENV-WILD", "Wildlife specimens (CITES)", "pieces", 10, 8000, "ENVIRONMENTALLY_SENSITIVE"),
        new("ENV-HWASTE", "Hazardous waste", "kg", 8000, 3000, "ENVIRONMENTALLY_SENSITIVE"),
        new("ENV-ODS", "Ozone depleting substances", "kg", 300, 6000, "ENVIRONMENTALLY_SENSITIVE"),
        new("ENV-HFC", "Hydrofluorocarbons", "kg", 500, 7000, "ENVIRONMENTALLY_SENSITIVE"),
        new("ENV-CHEM", "Hazardous chemicals and pesticides", "kg", 600, 5000, "ENVIRONMENTALLY_SENSITIVE"),
        new("ENV-POP", "Persistent organic pollutants", "kg", 200, 4000, "ENVIRONMENTALLY_SENSITIVE"),
        new("ARM-FIREARM", "Firearms", "pieces", 2, 3000, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-PART", "Essential components of firearms", "pieces", 5, 1200, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-AMMO", "Ammunition", "rounds", 500, 600, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-EXPL", "Explosives", "kg", 5, 2000, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-REPLICA", "Replica firearms", "pieces", 3, 300, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-KNIFE", "Knives and daggers", "pieces", 4, 200, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-MASK", "Protective masks", "pieces", 20, 400, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-TASER", "Tasers and batons", "pieces", 3, 250, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("ARM-ANTIQUE", "Antique firearms", "pieces", 1, 5000, "FIREARMS_AMMUNITION_EXPLOSIVES"),
        new("FIN-CASH", "Currency", "USD", 25000, 25000, "FINANCIAL_INSTRUMENTS"),
        new("FIN-BNI", "Travellers cheques and other bearer instruments", "USD", 15000, 15000, "FINANCIAL_INSTRUMENTS"),
        new("VAL-GEM", "Precious stones", "pieces", 12, 20000, "VALUABLES"),
        new("VAL-JEWEL", "Jewellery", "pieces", 6, 15000, "VALUABLES"),
        new("VAL-ANTIQUE", "Antiques", "pieces", 2, 8000, "VALUABLES"),
    ];

    private static readonly Dictionary<string, Commodity> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    private static readonly WeightedChoice<Commodity> Cargo = Mix(
        ("TOB-CIG", 10), ("TOB-CIG-CF", 5), ("TOB-CGR", 2), ("TOB-RAW", 3), ("TOB-ECIG", 3), ("ALC-SPIRIT", 6), ("ALC-WINE", 3),
        ("ALC-BEER", 2), ("ALC-ETH", 2), ("CUL-ARCH", 1.2), ("CUL-ART", 1.2), ("CUL-MSS", 0.6), ("FOOD-MEAT", 4), ("FOOD-GEN", 4),
        ("CON-MED", 3), ("CON-TOY", 4), ("CON-COSM", 3), ("IPR-GOODS", 12), ("IPR-PIRACY", 3), ("DRG-CANN", 5), ("DRG-COC", 6),
        ("DRG-HER", 2), ("DRG-SYN", 4), ("ENV-WILD", 2), ("ENV-HWASTE", 2), ("ENV-ODS", 1.5), ("ENV-HFC", 1.5), ("ENV-CHEM", 1.5),
        ("ENV-POP", 0.5), ("ARM-FIREARM", 1.5), ("ARM-PART", 1.5), ("ARM-AMMO", 1.5), ("ARM-EXPL", 0.5), ("ARM-REPLICA", 1),
        ("ARM-KNIFE", 1), ("ARM-MASK", 0.5), ("ARM-TASER", 0.5), ("ARM-ANTIQUE", 0.5), ("FIN-CASH", 1), ("VAL-GEM", 0.3));

    private static readonly WeightedChoice<Commodity> Parcel = Mix(
        ("IPR-GOODS", 25), ("IPR-PIRACY", 5), ("DRG-SYN", 8), ("DRG-CANN", 4), ("CON-MED", 8), ("CON-TOY", 6), ("CON-COSM", 6),
        ("TOB-ECIG", 6), ("TOB-CIG", 2), ("TOB-CIG-CF", 1), ("ENV-WILD", 2), ("ARM-PART", 3), ("ARM-KNIFE", 3), ("ARM-TASER", 2),
        ("ARM-REPLICA", 2), ("ALC-SPIRIT", 2), ("FOOD-GEN", 3), ("CUL-MSS", 1), ("CUL-ART", 0.5), ("VAL-JEWEL", 2));

    private static readonly WeightedChoice<Commodity> Passenger = Mix(
        ("FIN-CASH", 14), ("FIN-BNI", 3), ("VAL-GEM", 3), ("VAL-JEWEL", 5), ("VAL-ANTIQUE", 1), ("TOB-CIG", 8), ("TOB-CGR", 4),
        ("ALC-SPIRIT", 6), ("FOOD-MEAT", 8), ("FOOD-GEN", 5), ("DRG-COC", 4), ("DRG-CANN", 4), ("DRG-SYN", 2), ("IPR-GOODS", 5),
        ("CUL-ARCH", 1), ("CUL-ART", 0.5), ("ENV-WILD", 3), ("ARM-KNIFE", 3), ("ARM-ANTIQUE", 1), ("ARM-TASER", 1), ("CON-MED", 3));

    /// <summary>
    /// Seizures in t − 1 per seizure in t, by the first item's trend category: cigarettes, cultural and environmental
    /// seizures rose in t, alcohol and drugs fell, so every variation KPI has a value with a sign of its own.
    /// </summary>
    private static readonly Dictionary<string, double> PriorYearPerSeizure = new(StringComparer.Ordinal)
    {
        ["ALCOHOL"] = 1.12, ["CIGARETTES"] = 0.85, ["TOBACCO_OTHER"] = 1.0, ["CULTURAL_GOODS"] = 0.8, ["FOODSTUFFS_CONSUMER_GOODS"] = 1.05,
        ["IPR"] = 0.9, ["DRUGS"] = 1.15, ["ENVIRONMENTALLY_SENSITIVE"] = 0.78, ["FIREARMS_AMMUNITION_EXPLOSIVES"] = 0.95,
        ["FINANCIAL_INSTRUMENTS"] = 0.88, ["VALUABLES"] = 1.0,
    };

    public static Commodity Get(string code) => ByCode[code];

    public static Commodity Pick(Random rng, SeizureSetting setting) => setting switch
    {
        SeizureSetting.Cargo => Cargo.Pick(rng),
        SeizureSetting.Parcel => Parcel.Pick(rng),
        _ => Passenger.Pick(rng),
    };

    public static double PriorYearRate(Commodity first) => PriorYearPerSeizure[first.Trend];

    private static WeightedChoice<Commodity> Mix(params (string Code, double Weight)[] weights) =>
        new(weights.Select(w => (ByCode[w.Code], w.Weight)).ToArray());
}
