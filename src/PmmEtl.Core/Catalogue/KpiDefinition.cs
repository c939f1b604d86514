namespace PmmEtl.Core.Catalogue;

/// <summary>
/// One breakdown of a KPI and who may see its rows. <paramref name="ValueDisclosure"/> overrides the level for
/// single values (the PMM makes the Customs share of release time public while Business and OGA stay WCO-only).
/// </summary>
public sealed record Breakdown(BreakdownKind Kind, Disclosure Disclosure, IReadOnlyDictionary<string, Disclosure>? ValueDisclosure = null)
{
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
public sealed record KpiVariant(string Name, string Description, DenominatorBasis Denominator);

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

    /// <summary>The declarations the KPI is about (its population, before exclusions).</summary>
    public required FactCondition Population { get; init; }
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
}
