namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    private static IReadOnlyList<KpiDefinition>? s_WcoToolKpis;

    /// <summary>the WCO-tool KPIs (K50, K51).</summary>
    public static IReadOnlyList<KpiDefinition> WcoToolKpis => s_WcoToolKpis ??= [WcoToolAwareness, WcoToolUse];

    public static KpiDefinition WcoToolAwareness { get; } = new()
    {
        Code = "K50",
        Id = "wco_tool_awareness",
        Name = "Awareness of the tool",
        Area = AreaWcoTools,
        Outcome = WcoToolParts.Outcome,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.ToolAwareness,
        PrintedFormula = "binary per tool: awareness = 1, non-awareness = 0",
        Definition = "Whether the Member states it knows each main WCO tool exists, whatever its level of knowledge or expertise: 1 aware, 0 not aware per tool, averaged over the tools mapped to each PMM performance dimension.",
        Unit = "mean score 0–1",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Wco,
        Breakdowns = [WcoToolParts.ByDimension],
        Decision = WcoToolParts.Decision,
    };

    public static KpiDefinition WcoToolUse { get; } = new()
    {
        Code = "K51",
        Id = "wco_tool_use",
        Name = "Use of the tool",
        Area = AreaWcoTools,
        Outcome = WcoToolParts.Outcome,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.ToolUse,
        PrintedFormula = "scale per tool: not used and no plan to use in the next financial year = 0, planned for the next financial year = 1, used = 2",
        Definition = "The use or implementation of each main WCO tool the Member states, current or planned for the next financial year (not its extent): 0, 1 or 2 per tool, averaged over the tools mapped to each PMM performance dimension.",
        Unit = "mean score 0–2",
        MinimumPeriodicity = "every two years (from one PMM prospective-assessment cycle to the next)",
        Disclosure = Disclosure.Wco,
        Breakdowns = [WcoToolParts.ByDimension],
        Decision = WcoToolParts.Decision,
    };
}

/// <summary>Pieces shared by K50 and K51 (file-local: no name clash with the other partial files).</summary>
file static class WcoToolParts
{
    public const string Outcome = "All the expected outcomes that are related to the tool in the mapping";

    public const string Decision =
        "Disclosure is 'WCO, at the aggregated level (by PMM Performance dimension)': the published values are means per dimension (breakdown pmm_dimension) and the mean over all tools answered; a single tool's answer is an input, never a published value. The dimension of each tool comes from the answer file (tool → PMM dimension mapping).";

    public static Breakdown ByDimension => new(BreakdownKind.PmmDimension, Disclosure.Wco);
}
