using PmmEtl.Core.Catalogue;

namespace PmmEtl.Reports;

/// <summary>
/// One catalogue entry as it is published: every field of a <see cref="KpiDefinition"/> a reader needs beside a
/// value, flattened to text so that it fits one row of <c>kpi_catalogue.parquet</c>, one row of the workbook's
/// Catalogue sheet and one line of <c>pmm-etl kpis --format csv</c> alike. Lists are joined with "; " and read
/// "name: level" (breakdowns), "A = description" (variables), "A: criterion" (checklist items) or
/// "name: description" (variants); a list the entry does not have is null.
/// </summary>
public sealed record CatalogueEntry
{
    public required string Family { get; init; }
    public required string KpiCode { get; init; }
    public required string KpiId { get; init; }
    public required string KpiName { get; init; }
    public required string StrategicArea { get; init; }
    public required string Outcome { get; init; }
    public required string InputKind { get; init; }
    public required string FormulaKind { get; init; }
    /// <summary>The formula as computed, in words (<see cref="CatalogueText.Formula"/>).</summary>
    public required string Formula { get; init; }
    public required string PrintedFormula { get; init; }
    public required string Definition { get; init; }
    public required string Unit { get; init; }
    public required int Precision { get; init; }
    public required string MinimumPeriodicity { get; init; }
    public required string Periods { get; init; }
    public required string Disclosure { get; init; }
    public string? Breakdowns { get; init; }
    public string? Variables { get; init; }
    public string? ChecklistItems { get; init; }
    public string? Variants { get; init; }
    public string? Decision { get; init; }
    public required string CatalogueVersion { get; init; }

    /// <summary>
    /// The fields in the published order under their published names (those of kpi_catalogue.parquet): a string, the
    /// precision as an int, or null. CSV and JSON listings write these.
    /// </summary>
    public static IReadOnlyList<(string Name, Func<CatalogueEntry, object?> Get)> Columns { get; } =
    [
        ("family", e => e.Family),
        ("kpi_code", e => e.KpiCode),
        ("kpi_id", e => e.KpiId),
        ("kpi_name", e => e.KpiName),
        ("strategic_area", e => e.StrategicArea),
        ("outcome", e => e.Outcome),
        ("input_kind", e => e.InputKind),
        ("formula_kind", e => e.FormulaKind),
        ("formula", e => e.Formula),
        ("printed_formula", e => e.PrintedFormula),
        ("definition", e => e.Definition),
        ("unit", e => e.Unit),
        ("precision", e => e.Precision),
        ("minimum_periodicity", e => e.MinimumPeriodicity),
        ("periods", e => e.Periods),
        ("disclosure", e => e.Disclosure),
        ("breakdowns", e => e.Breakdowns),
        ("variables", e => e.Variables),
        ("checklist_items", e => e.ChecklistItems),
        ("variants", e => e.Variants),
        ("decision", e => e.Decision),
        ("catalogue_version", e => e.CatalogueVersion),
    ];

    public static CatalogueEntry From(KpiDefinition k, string catalogueVersion) => new()
    {
        Family = k.Family.ToCode(),
        KpiCode = k.Code,
        KpiId = k.Id,
        KpiName = k.Name,
        StrategicArea = k.Area,
        Outcome = k.Outcome,
        InputKind = k.Input.ToCode(),
        FormulaKind = CatalogueText.Code(k.Formula),
        Formula = CatalogueText.Formula(k.Formula),
        PrintedFormula = k.PrintedFormula,
        Definition = k.Definition,
        Unit = k.Unit,
        Precision = k.Precision,
        MinimumPeriodicity = k.MinimumPeriodicity,
        Periods = string.Join(", ", CatalogueText.PublishedPeriods(k).Select(p => p.ToCode())),
        Disclosure = k.Disclosure.ToCode(),
        Breakdowns = CatalogueText.Breakdowns(k),
        Variables = CatalogueText.Variables(k.Variables),
        ChecklistItems = CatalogueText.Join(k.Items.Select(i => $"{i.Code}: {i.Text}" + (i.Scope is { } scope ? $" ({scope})" : ""))),
        Variants = CatalogueText.Join(k.Variants.Select(v => $"{v.Name}: {v.Description}")),
        Decision = k.Decision,
        CatalogueVersion = catalogueVersion,
    };

    /// <summary>
    /// The entries a snapshot publishes: those of <paramref name="catalogue"/> with at least one value row among
    /// <paramref name="kpiCodes"/>, in catalogue order (PMM K01 … K51, then the FoS entries). A KPI the snapshot has
    /// no row of is left out, so the file describes exactly the KPIs beside it and is the same for every pipeline
    /// that publishes the same KPIs.
    /// </summary>
    public static IReadOnlyList<CatalogueEntry> Published(IEnumerable<KpiDefinition> catalogue, IEnumerable<string> kpiCodes, string catalogueVersion)
    {
        var present = kpiCodes.ToHashSet(StringComparer.Ordinal);
        return [.. catalogue.Where(k => present.Contains(k.Code)).Select(k => From(k, catalogueVersion))];
    }
}

/// <summary>The text forms of catalogue fields, shared by the published catalogue, the documents and <c>pmm-etl kpis</c>.</summary>
public static class CatalogueText
{
    /// <summary>snake_case, as the published files spell codes.</summary>
    public static string Code(FormulaKind formula) => formula switch
    {
        FormulaKind.MeanDuration => "mean_duration",
        FormulaKind.Ratio => "ratio",
        FormulaKind.ShareOfTotal => "share_of_total",
        FormulaKind.TotalOverB => "total_over_b",
        FormulaKind.Variation => "variation",
        FormulaKind.ThreeYearShare => "three_year_share",
        FormulaKind.MeanShare => "mean_share",
        FormulaKind.Value => "value",
        FormulaKind.Checklist => "checklist",
        FormulaKind.ToolAwareness => "tool_awareness",
        FormulaKind.ToolUse => "tool_use",
        FormulaKind.ImplementationLevel => "implementation_level",
        _ => "text",
    };

    /// <summary>What the program computes for a formula kind (the PMM's printed formula is a column of its own).</summary>
    public static string Formula(FormulaKind formula) => formula switch
    {
        FormulaKind.MeanDuration => "Σ T_i / N: mean minutes over the N declarations measured",
        FormulaKind.Ratio => "(A / B) × 100",
        FormulaKind.ShareOfTotal => "A / (A + B) × 100",
        FormulaKind.TotalOverB => "(A + B) / B × 100",
        FormulaKind.Variation => "(A − B) / B × 100, A in year t and B in year t−1",
        FormulaKind.ThreeYearShare => "A / ((B + B1 + B2) / 3) × 100, B, B1, B2 in years t, t−1, t−2",
        FormulaKind.MeanShare => "A × 100, A the mean over groups of each group's share",
        FormulaKind.Value => "A: the value itself (a mean, a count or an amount)",
        FormulaKind.Checklist => "criteria answered yes / criteria × 100",
        FormulaKind.ToolAwareness => "mean awareness (0 or 1) of the WCO tools, per PMM dimension",
        FormulaKind.ToolUse => "mean use (0 not used, 1 planned, 2 used) of the WCO tools, per PMM dimension",
        FormulaKind.ImplementationLevel => "implementation level 1–5 reported by the administration",
        _ => "a text answer",
    };

    /// <summary>The period types a KPI's values are published for (<see cref="KpiDefinition.Periods"/>).</summary>
    public static IReadOnlyList<PeriodType> PublishedPeriods(KpiDefinition k) => k.Periods;

    /// <summary>"mode_of_transport: wco; responsible_actor: wco (CUSTOMS: public)".</summary>
    public static string? Breakdowns(KpiDefinition k) => Join(k.Breakdowns.Select(b =>
        $"{b.Kind.ToCode()}: {b.Disclosure.ToCode()}"
        + (b.ValueDisclosure is { Count: > 0 } values
            ? " (" + string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}: {v.Value.ToCode()}")) + ")"
            : "")));

    /// <summary>"A = description; B = description".</summary>
    public static string? Variables(IEnumerable<KpiVariable> variables) => Join(variables.Select(v => $"{v.Name} = {v.Description}"));

    /// <summary>The parts joined with "; ", or null when there are none.</summary>
    public static string? Join(IEnumerable<string> parts)
    {
        string[] all = [.. parts];
        return all.Length > 0 ? string.Join("; ", all) : null;
    }
}
