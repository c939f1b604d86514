namespace PmmEtl.Core.Records;

/// <summary>
/// One category rule, as data the pipeline owns: items of national commodity <paramref name="Commodity"/> count in
/// PMM seizure category <paramref name="Category"/> (or, with <paramref name="Counts"/> false, are explicitly kept
/// out of it: cigars, raw tobacco and e-cigarettes are not cigarettes). With <paramref name="RequiresMandate"/>,
/// an item counts only where Customs is mandated to control it (the firearms borderline items). A commodity may
/// count in several categories (counterfeit cigarettes are cigarettes and IPR). <paramref name="Source"/> names
/// the file and line the rule came from.
/// </summary>
public sealed record SeizureCategoryRule(
    string Commodity,
    string Category,
    bool Counts,
    bool RequiresMandate,
    string? Subcategory,
    string Note,
    string Source);

/// <summary>The PMM seizure categories (K23–K39).</summary>
public static class SeizureCategories
{
    public const string Alcohol = "ALCOHOL";
    public const string Cigarettes = "CIGARETTES";
    public const string CulturalGoods = "CULTURAL_GOODS";
    public const string FoodstuffsConsumerGoods = "FOODSTUFFS_CONSUMER_GOODS";
    public const string Ipr = "IPR";
    public const string Drugs = "DRUGS";
    public const string Environmental = "ENVIRONMENTALLY_SENSITIVE";
    public const string Firearms = "FIREARMS_AMMUNITION_EXPLOSIVES";
    public const string FinancialInstruments = "FINANCIAL_INSTRUMENTS";

    public static IReadOnlyList<string> All { get; } =
        [Alcohol, Cigarettes, CulturalGoods, FoodstuffsConsumerGoods, Ipr, Drugs, Environmental, Firearms, FinancialInstruments];
}
