namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_RevenueKpis;

    /// <summary>Area II (K15 … K20).</summary>
    public static IReadOnlyList<KpiDefinition> RevenueKpis => s_RevenueKpis ??= [];
}
