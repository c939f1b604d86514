using static PmmEtl.Core.Catalogue.KpiCatalogue;

namespace PmmEtl.Core.Catalogue;

/// <summary>The KPIs on the awareness and use of the WCO tools (K50, K51).</summary>
internal static class WcoToolsArea
{
    public static CatalogueArea Build() => new(AreaWcoTools, "WcoToolsArea.cs", [WcoToolAwareness, WcoToolUse]);

    private static KpiDefinition WcoToolAwareness => new()
    {
        Code = "K50",
        Id = "wco_tool_awareness",
        Name = "Awareness of the tool",
        Area = AreaWcoTools,
        Outcome = ToolOutcome,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.ToolAwareness,
        PrintedFormula = "binary per tool: awareness = 1, non-awareness = 0",
        Definition = "Whether the Member states it knows each main WCO tool exists, whatever its level of knowledge or expertise: 1 aware, 0 not aware per tool, averaged over the tools mapped to each PMM performance dimension.",
        Unit = "mean score 0–1",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Wco,
        Breakdowns = [ByDimension],
        Decision = DimensionDecision,
    };

    private static KpiDefinition WcoToolUse => new()
    {
        Code = "K51",
        Id = "wco_tool_use",
        Name = "Use of the tool",
        Area = AreaWcoTools,
        Outcome = ToolOutcome,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.ToolUse,
        PrintedFormula = "scale per tool: not used and no plan to use in the next financial year = 0, planned for the next financial year = 1, used = 2",
        Definition = "The use or implementation of each main WCO tool the Member states, current or planned for the next financial year (not its extent): 0, 1 or 2 per tool, averaged over the tools mapped to each PMM performance dimension.",
        Unit = "mean score 0–2",
        MinimumPeriodicity = "every two years (from one PMM prospective-assessment cycle to the next)",
        Disclosure = Disclosure.Wco,
        Breakdowns = [ByDimension],
        Decision = DimensionDecision,
    };

    // Pieces shared by K50 and K51.
    private const string ToolOutcome = "All the expected outcomes that are related to the tool in the mapping";

    private const string DimensionDecision =
        "Questionnaire answers (`wco_tools:` in the assessment file), one per tool: awareness 1/0 (K50), use 0 not used and not planned / 1 planned for the next financial year / 2 used (K51). No variables. The PMM discloses them to the WCO \"at the aggregated level (by PMM Performance dimension)\": the published values are the means per dimension (breakdown `pmm_dimension`, WCO) and the mean over all tools answered; a single tool's answer is an input, never a published value. The dimension of each tool comes from the answer file (tool → PMM dimension mapping).";

    private static Breakdown ByDimension => new(BreakdownKind.PmmDimension, Disclosure.Wco);
}
