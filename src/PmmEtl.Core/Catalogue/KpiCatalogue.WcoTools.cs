namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_WcoToolKpis;

    /// <summary>the WCO-tool KPIs (K50, K51).</summary>
    public static IReadOnlyList<KpiDefinition> WcoToolKpis => s_WcoToolKpis ??= [];
}
