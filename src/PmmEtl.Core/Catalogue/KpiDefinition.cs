namespace PmmEtl.Core.Catalogue;

/// <summary>
/// One breakdown of a KPI and who may see its rows. <paramref name="ValueDisclosure"/> overrides the level for
/// single values (the PMM makes the Customs share of release time public while Business and OGA stay WCO-only).
/// </summary>
public sealed record Breakdown(BreakdownKind Kind, Disclosure Disclosure, IReadOnlyDictionary<string, Disclosure>? ValueDisclosure = null)
{
    /// <summary>
    /// For record-based KPIs: the register field holding the breakdown value. A variable whose register has no
    /// such field keeps its total for every value (the shared denominator of the hit rates).
    /// </summary>
    public string? Field { get; init; }

    public Disclosure DisclosureOf(string value) =>
        ValueDisclosure is not null && ValueDisclosure.TryGetValue(value, out Disclosure d) ? d : Disclosure;
}

/// <summary>Which count divides the sum of durations: the declarations measured, or the KPI's whole population.</summary>
public enum DenominatorBasis
{
    Measured,
    Population,
}

/// <summary>
/// A published alternative reading of a KPI, for a formula the document prints differently from what its name
/// means. The KPI's own value follows the intended reading; the variant is published beside it, labelled.
/// </summary>
public sealed record KpiVariant(string Name, string Description, DenominatorBasis Denominator = DenominatorBasis.Measured)
{
    /// <summary>For record-based KPIs: the formula the variant applies to the KPI's variables (the printed one).</summary>
    public FormulaKind? Formula { get; init; }

    /// <summary>For record-based KPIs: variables of its own, when the variant reads a different population.</summary>
    public IReadOnlyList<KpiVariable>? Variables { get; init; }

    /// <summary>The variant's unit when it differs from the KPI's (a printed count beside an intended percentage).</summary>
    public string? Unit { get; init; }
}

/// <summary>
/// One KPI as data: its identity from the PMM, where it sits, how it is computed and who may see it. The
/// measure stage reads these; no KPI has code of its own.
/// </summary>
public sealed record KpiDefinition
{
    /// <summary>Position in the PMM list, K01 … K51.</summary>
    public required string Code { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Area { get; init; }
    public required string Outcome { get; init; }
    public required InputKind Input { get; init; }
    public required FormulaKind Formula { get; init; }
    /// <summary>The formula as the source document prints it.</summary>
    public required string PrintedFormula { get; init; }
    /// <summary>What the value means, variables included, in plain words.</summary>
    public required string Definition { get; init; }
    public required string Unit { get; init; }
    public int Precision { get; init; } = 2;
    public required string MinimumPeriodicity { get; init; }
    public required Disclosure Disclosure { get; init; }

    /// <summary>PMM KPI or FoS indicator.</summary>
    public CatalogueFamily Family { get; init; } = CatalogueFamily.Pmm;

    /// <summary>For FoS entries: the number of the Standard (1–15) the indicator or additional-information item belongs to.</summary>
    public int? FosStandard { get; init; }

    /// <summary>For declaration-fact KPIs: the declarations the KPI is about (its population, before exclusions).</summary>
    public FactCondition? Population { get; init; }

    /// <summary>For record-based KPIs: the variables the formula combines, each evaluated by the warehouse (or entered).</summary>
    public IReadOnlyList<KpiVariable> Variables { get; init; } = [];

    /// <summary>For self-assessment KPIs: the criteria answered yes (1) or no (0).</summary>
    public IReadOnlyList<ChecklistItem> Items { get; init; } = [];

    /// <summary>
    /// The periods values are published for. Declaration-fact KPIs are published by month, quarter and year;
    /// other KPIs by their own periodicity (quarters for K16 and K21, the financial year for K41).
    /// </summary>
    public IReadOnlyList<PeriodType> Periods { get; init; } = [PeriodType.Year];
    public IReadOnlyList<Exclusion> Exclusions { get; init; } = [];
    /// <summary>For ratios: which measured declarations count in A.</summary>
    public FactCondition? Numerator { get; init; }
    /// <summary>For mean durations: which interval is averaged.</summary>
    public DurationInterval? Interval { get; init; }
    public IReadOnlyList<Breakdown> Breakdowns { get; init; } = [];
    public IReadOnlyList<KpiVariant> Variants { get; init; } = [];
    /// <summary>Where the implementation departs from, or fills a gap in, the printed text.</summary>
    public string? Decision { get; init; }

    public bool HasActorSplit => Breakdowns.Any(b => b.Kind == BreakdownKind.ResponsibleActor);

    /// <summary>The breakdowns values are grouped by; the responsible-actor split is a part of the duration, not a grouping.</summary>
    public IReadOnlyList<BreakdownKind> Groupings => Breakdowns.Where(b => b.Kind != BreakdownKind.ResponsibleActor).Select(b => b.Kind).ToArray();

    /// <summary>Measured from the declaration fact by <see cref="Measure.KpiMeasurer"/>'s declaration path.</summary>
    public bool OnDeclarationFact => Population is not null;

    /// <summary>The named variable; definitions are checked by the catalogue tests to name only variables they have.</summary>
    public KpiVariable Variable(string name) =>
        Variables.FirstOrDefault(v => v.Name == name) ?? throw new InvalidOperationException($"{Code} has no variable '{name}'");
}
