namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_TradeFacilitationKpis;

    /// <summary>Area I KPIs other than the declaration-fact ones (K01, K02, K03, K07, K08, K09, K11).</summary>
    public static IReadOnlyList<KpiDefinition> TradeFacilitationKpis => s_TradeFacilitationKpis ??= [];
}
