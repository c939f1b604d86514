namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_EnforcementKpis;

    /// <summary>Area III (K21 … K39).</summary>
    public static IReadOnlyList<KpiDefinition> EnforcementKpis => s_EnforcementKpis ??= [];
}
