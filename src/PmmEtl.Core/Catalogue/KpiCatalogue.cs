namespace PmmEtl.Core.Catalogue;

/// <summary>
/// The KPIs PmmEtl computes, as declared data: one section per PMM area, one for the WCO-tool KPIs and one for the
/// e-commerce FoS questionnaire, each built by its own class under <c>Areas/</c> (docs/kpi-decisions.md is generated
/// from them by <see cref="KpiDecisionsDocument"/>). Sources: WCO PMM v.1 "Detailed list of KPIs" and the e-commerce
/// FoS questionnaire, via the catalogue cards.
/// </summary>
public static class KpiCatalogue
{
    /// <summary>Bumped whenever a definition changes meaning; stamped on every snapshot.</summary>
    public const string Version = "2026.12-3";

    internal const string AreaI = "I. Trade Facilitation and Economic Competitiveness";
    internal const string AreaII = "II. Revenue Collection";
    internal const string AreaIII = "III. Enforcement, Security and Protection of Society";
    internal const string AreaIV = "IV. Organizational Development";
    internal const string AreaWcoTools = "KPIs on the awareness and use of the WCO tools";
    internal const string FosSection = "E-commerce Framework of Standards";
    internal const string Annually = "annually (calendar year)";
    internal const string EveryTwoYears = "every two years (calendar year)";

    /// <summary>The name of the labelled variant that counts on declarations what a KPI counts on shipments.</summary>
    public const string OnDeclarations = "declarations";

    /// <summary>
    /// The questionnaire asks a Standard's additional information "if your country has implemented the Standard (whether
    /// fully or partially)". Level 5 is "implementation complete" (fully); level 4, "finalising implementation" (measures
    /// developed and being operationalised), is read as partially; levels 1–3 have nothing implemented yet. A Standard is
    /// at the highest level reported for any of its indicators, so one indicator at 4 or 5 is enough.
    /// </summary>
    public const int FosAdditionalInformationLevel = 4;

    // The one cache of the catalogue. The sections hold no static state: each is built by one method, on first use,
    // from constants and its own methods, so no static initialiser reads another's.
    private static readonly Lazy<Contents> s_contents = new(Contents.Build);

    /// <summary>Area I (K01 … K14).</summary>
    public static CatalogueArea TradeFacilitation => s_contents.Value.Areas[0];

    /// <summary>Area II (K15 … K20).</summary>
    public static CatalogueArea Revenue => s_contents.Value.Areas[1];

    /// <summary>Area III (K21 … K39).</summary>
    public static CatalogueArea Enforcement => s_contents.Value.Areas[2];

    /// <summary>Area IV (K40 … K49).</summary>
    public static CatalogueArea Organisation => s_contents.Value.Areas[3];

    /// <summary>The WCO-tool KPIs (K50, K51).</summary>
    public static CatalogueArea WcoTools => s_contents.Value.Areas[4];

    /// <summary>The FoS questionnaire in its order: per Standard, its monitoring indicators, then its additional-information items.</summary>
    public static CatalogueArea Fos => s_contents.Value.Areas[5];

    /// <summary>Every section, PMM areas in document order, then the WCO-tool KPIs and the FoS questionnaire.</summary>
    public static IReadOnlyList<CatalogueArea> Areas => s_contents.Value.Areas;

    /// <summary>Every PMM KPI in document order (K01 … K51), then every FoS indicator and item.</summary>
    public static IReadOnlyList<KpiDefinition> All => s_contents.Value.All;

    public static IReadOnlyList<KpiDefinition> Pmm => s_contents.Value.Pmm;

    /// <summary>
    /// The FoS questionnaire's capacity-building questions, per implementation level (verbatim): an indicator's answers
    /// are keyed by these codes, and only the questions of its reported level are asked.
    /// </summary>
    public static IReadOnlyList<CapacityBuildingQuestion> FosCapacityBuildingQuestions => s_contents.Value.CapacityBuilding;

    public static KpiDefinition? Find(string codeOrId) =>
        All.FirstOrDefault(k => string.Equals(k.Code, codeOrId, StringComparison.OrdinalIgnoreCase)
                             || string.Equals(k.Id, codeOrId, StringComparison.OrdinalIgnoreCase));

    private sealed record Contents(
        IReadOnlyList<CatalogueArea> Areas,
        IReadOnlyList<KpiDefinition> All,
        IReadOnlyList<KpiDefinition> Pmm,
        IReadOnlyList<CapacityBuildingQuestion> CapacityBuilding)
    {
        public static Contents Build()
        {
            CatalogueArea[] areas =
            [
                TradeFacilitationArea.Build(),
                RevenueArea.Build(),
                EnforcementArea.Build(),
                OrganisationArea.Build(),
                WcoToolsArea.Build(),
                FosArea.Build(),
            ];
            KpiDefinition[] all = [.. areas.SelectMany(a => a.Entries)];
            return new(areas, all, [.. all.Where(k => k.Family == CatalogueFamily.Pmm)], FosArea.CapacityBuildingQuestions());
        }
    }
}
