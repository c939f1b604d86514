namespace PmmEtl.Core.Catalogue;

public enum FormulaKind
{
    /// <summary>Σ T_i / N over per-declaration durations in minutes (release and clearance times).</summary>
    MeanDuration,
    /// <summary>(A / B) × 100, both counts of declarations or shipments.</summary>
    Ratio,
}

/// <summary>Who may see a published value (PMM disclosure policy, per KPI and per breakdown).</summary>
public enum Disclosure
{
    Public = 0,
    Wco = 1,
    National = 2,
}

public enum PeriodType
{
    Month,
    Quarter,
    Year,
}

public enum InputKind
{
    /// <summary>Computed from transactional records.</summary>
    Transactional,
    /// <summary>A periodic count or amount entered by an officer.</summary>
    Aggregate,
    /// <summary>Questionnaire or self-assessment answers.</summary>
    Questionnaire,
}

/// <summary>The measured intervals of the release- and clearance-time KPIs, each a column family of the declaration fact.</summary>
public enum DurationInterval
{
    ArrivalToRelease,
    LodgementToLoading,
    ArrivalToLoading,
    LodgementToClearance,
}

/// <summary>Which duration a row of a mean-duration KPI averages: the whole interval or one actor's share of it.</summary>
public enum DurationPart
{
    Total,
    Business,
    Oga,
    Customs,
}

/// <summary>The dimensions a KPI can be broken down by.</summary>
public enum BreakdownKind
{
    ResponsibleActor,
    Aeo,
    PreArrival,
    ModeOfTransport,
    Office,
    ControlChannel,
    Direction,
}

public static class DisclosureText
{
    public static string ToCode(this Disclosure d) => d switch
    {
        Disclosure.Public => "public",
        Disclosure.Wco => "wco",
        _ => "national",
    };

    public static string ToCode(this PeriodType p) => p switch
    {
        PeriodType.Month => "month",
        PeriodType.Quarter => "quarter",
        _ => "year",
    };

    public static string ToCode(this BreakdownKind b) => b switch
    {
        BreakdownKind.ResponsibleActor => "responsible_actor",
        BreakdownKind.Aeo => "aeo",
        BreakdownKind.PreArrival => "pre_arrival",
        BreakdownKind.ModeOfTransport => "mode_of_transport",
        BreakdownKind.Office => "office",
        BreakdownKind.ControlChannel => "control_channel",
        _ => "direction",
    };
}
