namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_FosIndicators;

    /// <summary>the e-commerce FoS monitoring indicators (1.1 … 15.1) and additional-information items.</summary>
    public static IReadOnlyList<KpiDefinition> FosIndicators => s_FosIndicators ??= [];
}
