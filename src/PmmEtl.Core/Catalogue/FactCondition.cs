namespace PmmEtl.Core.Catalogue;

/// <summary>The flags of the declaration fact a KPI may test.</summary>
public enum FactFlag
{
    Aeo,
    PreArrival,
    Ecommerce,
    LowRisk,
    Electronic,
    ImmediateRelease,
    AtMainEntry,
    AtMainExit,
}

/// <summary>The milestones of the declaration fact.</summary>
public enum FactMilestone
{
    Arrival,
    Lodged,
    OgaPermit,
    Cleared,
    Released,
    Loaded,
}

/// <summary>The coded columns of the declaration fact.</summary>
public enum FactCode
{
    DeclarationType,
    Direction,
    ControlChannel,
}

/// <summary>
/// A predicate over one declaration, as data. KPI scopes, exclusions and numerators are written with these,
/// never as SQL text: each engine's measure compiler turns them into its own SQL from a closed set of columns,
/// so a definition cannot inject SQL and means the same on every engine.
/// </summary>
public abstract record FactCondition
{
    public static FactCondition Flag(FactFlag flag) => new FlagIs(flag, true);
    public static FactCondition NotFlag(FactFlag flag) => new FlagIs(flag, false);
    public static FactCondition Has(FactMilestone milestone) => new HasMilestone(milestone);
    public static FactCondition CodeIn(FactCode column, params string[] values) => new CodeIs(column, values);
    public static FactCondition AllOf(params FactCondition[] parts) => new All(parts);
    public static FactCondition Not(FactCondition inner) => new Negation(inner);
}

public sealed record FlagIs(FactFlag Which, bool Value) : FactCondition;

public sealed record HasMilestone(FactMilestone Milestone) : FactCondition;

public sealed record CodeIs(FactCode Column, IReadOnlyList<string> Values) : FactCondition;

public sealed record All(IReadOnlyList<FactCondition> Parts) : FactCondition;

public sealed record Negation(FactCondition Inner) : FactCondition;

/// <summary>A reason a declaration of the KPI's population is left out of N, tested in order; the first that matches counts.</summary>
public sealed record Exclusion(string Reason, FactCondition When, string Explanation);
