namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_OrganisationKpis;

    /// <summary>Area IV (K40 … K49).</summary>
    public static IReadOnlyList<KpiDefinition> OrganisationKpis => s_OrganisationKpis ??= [];
}
