using PmmEtl.Core.Records;

namespace PmmEtl.Core.Catalogue;

/// <summary>
/// One breakdown of a KPI and who may see its rows. <paramref name="ValueDisclosure"/> overrides the level for
/// single values (the PMM makes the Customs share of release time public while Business and OGA stay WCO-only).
/// </summary>
public sealed record Breakdown(BreakdownKind Kind, Disclosure Disclosure, IReadOnlyDictionary<string, Disclosure>? ValueDisclosure = null)
{
    /// <summary>
    /// The record field holding the breakdown value (every breakdown but the responsible actor, which splits a duration).
    /// A variable whose record type has no such field keeps its total for every value (the shared denominator of the
    /// hit rates).
    /// </summary>
    public string? Field { get; init; }

    /// <summary>For a yes/no field: the value published for yes (AEO, PRE_ARRIVAL); null publishes YES.</summary>
    public string? TrueLabel { get; init; }

    /// <summary>For a yes/no field: the value published for no (OTHER); null publishes NO.</summary>
    public string? FalseLabel { get; init; }

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

    /// <summary>
    /// A population of its own, measured like a population KPI: a segment of the KPI's interval that can be measured
    /// where the whole cannot (lodgement → release without an arrival time), or the same quantity counted in another
    /// record type (declarations, where a KPI counts shipments). Published for every period and breakdown of the KPI.
    /// </summary>
    public PopulationMeasure? Measure { get; init; }
}

/// <summary>
/// How a population KPI is measured from the records of one type: the records it is about, the reasons, tested in
/// order, a record of it is left out of N, and then either the share of the measured records that the numerator
/// holds (a ratio) or the mean of a duration field (with its responsible-actor parts). The engine aggregates records
/// into cells (month × exclusion × numerator hit × breakdown values); <see cref="Measure.KpiFormula"/> turns them into values.
/// </summary>
public sealed record PopulationMeasure(string RecordType, RecordCondition Population)
{
    public IReadOnlyList<Exclusion> Exclusions { get; init; } = [];

    /// <summary>For ratios: which measured records count in A.</summary>
    public RecordCondition? Numerator { get; init; }

    /// <summary>For mean durations: the duration fields averaged.</summary>
    public DurationFields? Duration { get; init; }
}

/// <summary>The number fields of a measured interval: its total in minutes, and where the interval is split between the responsible actors, each actor's part.</summary>
public sealed record DurationFields(string Total, string? Business = null, string? Oga = null, string? Customs = null)
{
    /// <summary>The interval <c>stem_min</c> with its parts <c>stem_business_min</c>, <c>stem_oga_min</c>, <c>stem_customs_min</c>.</summary>
    public static DurationFields WithActors(string stem) => new($"{stem}_min", $"{stem}_business_min", $"{stem}_oga_min", $"{stem}_customs_min");

    public bool HasActorParts => Business is not null && Oga is not null && Customs is not null;

    public string Field(DurationPart part) => part switch
    {
        DurationPart.Total => Total,
        DurationPart.Business => Business ?? throw NoPart(part),
        DurationPart.Oga => Oga ?? throw NoPart(part),
        DurationPart.Customs => Customs ?? throw NoPart(part),
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "not a duration part"),
    };

    private InvalidOperationException NoPart(DurationPart part) => new($"the interval {Total} has no {part} part");
}

/// <summary>A reason a record of a KPI's population is left out of N, tested in order; the first that matches counts.</summary>
public sealed record Exclusion(string Reason, RecordCondition When, string Explanation);

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

    /// <summary>For population KPIs (release times, rates over records): how they are measured.</summary>
    public PopulationMeasure? Measure { get; init; }

    /// <summary>For record-based KPIs: the variables the formula combines, each evaluated by the warehouse (or entered).</summary>
    public IReadOnlyList<KpiVariable> Variables { get; init; } = [];

    /// <summary>For self-assessment KPIs: the criteria answered yes (1) or no (0).</summary>
    public IReadOnlyList<ChecklistItem> Items { get; init; } = [];

    /// <summary>
    /// The periods values are published for: by month, quarter and year for population KPIs unless they say
    /// otherwise; other KPIs by their own periodicity (quarters for K16 and K21, the financial year for K41).
    /// </summary>
    public IReadOnlyList<PeriodType> Periods { get; init; } = [PeriodType.Year];
    public IReadOnlyList<Breakdown> Breakdowns { get; init; } = [];
    public IReadOnlyList<KpiVariant> Variants { get; init; } = [];
    /// <summary>Where the implementation departs from, or fills a gap in, the printed text.</summary>
    public string? Decision { get; init; }

    public bool HasActorSplit => Breakdowns.Any(b => b.Kind == BreakdownKind.ResponsibleActor);

    /// <summary>The breakdowns values are grouped by; the responsible-actor split is a part of the duration, not a grouping.</summary>
    public IReadOnlyList<Breakdown> Groupings => Breakdowns.Where(b => b.Kind != BreakdownKind.ResponsibleActor).ToArray();

    /// <summary>
    /// The groupings a population of <paramref name="measure"/>'s record type can give: a breakdown whose field the type
    /// lacks (shipments have no control channel) is published only by the population that has it.
    /// </summary>
    public IReadOnlyList<Breakdown> GroupingsOf(PopulationMeasure measure) =>
        Groupings.Where(b => RecordTypes.Get(measure.RecordType).HasField(b.Field!)).ToArray();

    /// <summary>
    /// For a population KPI counted in a register the source may not give (K12–K14 count e-commerce shipments): the
    /// variant, measured from a population of its own, whose value the KPI publishes, labelled, where the source gives
    /// no records of the KPI's own type (declarations, where no shipment register is exported).
    /// </summary>
    public string? FallbackVariant { get; init; }

    /// <summary>Measured from a population of records (cells of counts and durations), not from variables.</summary>
    public bool IsPopulationKpi => Measure is not null;

    /// <summary>The named variable; definitions are checked by the catalogue tests to name only variables they have.</summary>
    public KpiVariable Variable(string name) =>
        Variables.FirstOrDefault(v => v.Name == name) ?? throw new InvalidOperationException($"{Code} has no variable '{name}'");
}
