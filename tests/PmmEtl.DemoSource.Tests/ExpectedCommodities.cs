namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// The seizure commodity codes and the PMM categories each counts in, copied by hand from
/// pipelines/demo-inputs/seizure-categories.csv (rules with counts = yes). Cigars, raw tobacco, e-cigarettes, gems,
/// jewellery and antiques count in none; counterfeit cigarettes in two; currency only through passenger controls (a
/// filter of K39, applied by <see cref="Categories"/>' callers).
/// </summary>
public static class ExpectedCommodities
{
    public const string CategoriesFile = "pipelines/demo-inputs/seizure-categories.csv";

    public static IReadOnlyDictionary<string, string[]> Categories { get; } = new Dictionary<string, string[]>
    {
        ["ALC-SPIRIT"] = ["ALCOHOL"], ["ALC-WINE"] = ["ALCOHOL"], ["ALC-BEER"] = ["ALCOHOL"], ["ALC-ETH"] = ["ALCOHOL"],
        ["TOB-CIG"] = ["CIGARETTES"], ["TOB-CIG-CF"] = ["CIGARETTES", "IPR"], ["TOB-CGR"] = [], ["TOB-RAW"] = [], ["TOB-ECIG"] = [],
        ["CUL-ARCH"] = ["CULTURAL_GOODS"], ["CUL-ART"] = ["CULTURAL_GOODS"], ["CUL-MSS"] = ["CULTURAL_GOODS"],
        ["FOOD-MEAT"] = ["FOODSTUFFS_CONSUMER_GOODS"], ["FOOD-GEN"] = ["FOODSTUFFS_CONSUMER_GOODS"], ["CON-MED"] = ["FOODSTUFFS_CONSUMER_GOODS"],
        ["CON-TOY"] = ["FOODSTUFFS_CONSUMER_GOODS"], ["CON-COSM"] = ["FOODSTUFFS_CONSUMER_GOODS"],
        ["IPR-GOODS"] = ["IPR"], ["IPR-PIRACY"] = ["IPR"],
        ["DRG-CANN"] = ["DRUGS"], ["DRG-COC"] = ["DRUGS"], ["DRG-HER"] = ["DRUGS"], ["DRG-SYN"] = ["DRUGS"],
        ["ENV-WILD"] = ["ENVIRONMENTALLY_SENSITIVE"], ["ENV-HWASTE"] = ["ENVIRONMENTALLY_SENSITIVE"], ["ENV-ODS"] = ["ENVIRONMENTALLY_SENSITIVE"],
        ["ENV-HFC"] = ["ENVIRONMENTALLY_SENSITIVE"], ["ENV-CHEM"] = ["ENVIRONMENTALLY_SENSITIVE"], ["ENV-POP"] = ["ENVIRONMENTALLY_SENSITIVE"],
        ["ARM-FIREARM"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"], ["ARM-PART"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"],
        ["ARM-AMMO"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"], ["ARM-EXPL"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"],
        ["ARM-REPLICA"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"], ["ARM-KNIFE"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"],
        ["ARM-MASK"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"], ["ARM-TASER"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"],
        ["ARM-ANTIQUE"] = ["FIREARMS_AMMUNITION_EXPLOSIVES"],
        ["FIN-CASH"] = ["FINANCIAL_INSTRUMENTS"], ["FIN-BNI"] = ["FINANCIAL_INSTRUMENTS"], ["VAL-GEM"] = [], ["VAL-JEWEL"] = [], ["VAL-ANTIQUE"] = [],
    };

    public static IReadOnlyList<string> PmmCategories { get; } =
    [
        "ALCOHOL", "CIGARETTES", "CULTURAL_GOODS", "FOODSTUFFS_CONSUMER_GOODS", "IPR", "DRUGS", "ENVIRONMENTALLY_SENSITIVE",
        "FIREARMS_AMMUNITION_EXPLOSIVES", "FINANCIAL_INSTRUMENTS",
    ];

    public static readonly string[] BorderlineWeapons = ["ARM-REPLICA", "ARM-KNIFE", "ARM-MASK", "ARM-TASER", "ARM-ANTIQUE"];
}
