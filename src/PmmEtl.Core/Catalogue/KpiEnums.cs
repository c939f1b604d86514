namespace PmmEtl.Core.Catalogue;

public enum FormulaKind
{
    /// <summary>Σ T_i / N over per-declaration durations in minutes (release and clearance times).</summary>
    MeanDuration,
    /// <summary>(A / B) × 100: counts of declarations, or of the KPI's variables A and B.</summary>
    Ratio,
    /// <summary>A / (A + B) × 100: the share of A in a total split in two (K21 as its name means it).</summary>
    ShareOfTotal,
    /// <summary>(A + B) / B × 100: K21 as printed.</summary>
    TotalOverB,
    /// <summary>((A − B) / B) × 100, A in year t and B in year t−1; no value when B is 0 or missing.</summary>
    Variation,
    /// <summary>A / ((B + B1 + B2) / 3) × 100: B, B1, B2 in years t, t−1 and t−2 (K19); no value when a year is missing.</summary>
    ThreeYearShare,
    /// <summary>A × 100, A being a mean of group shares in [0, 1] (K09, K41).</summary>
    MeanShare,
    /// <summary>The value of A itself: a mean (minutes), a count or an amount.</summary>
    Value,
    /// <summary>(Σ items answered yes / number of items) × 100.</summary>
    Checklist,
    /// <summary>Mean awareness (0/1) of the WCO tools, per PMM performance dimension (K50).</summary>
    ToolAwareness,
    /// <summary>Mean use level (0 not used, 1 planned, 2 used) of the WCO tools, per PMM performance dimension (K51).</summary>
    ToolUse,
    /// <summary>An e-commerce FoS monitoring indicator: the implementation level 1–5 the administration reports.</summary>
    ImplementationLevel,
    /// <summary>A categorical or free-text answer, published as text.</summary>
    Text,
}

/// <summary>Which document an entry of the catalogue comes from.</summary>
public enum CatalogueFamily
{
    /// <summary>WCO Performance Measurement Mechanism, PMM v.1 (K01 … K51).</summary>
    Pmm,
    /// <summary>WCO Framework of Standards on Cross-Border E-Commerce, KPI questionnaire (FOS-1.1 …).</summary>
    Fos,
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
    /// <summary>The administration's financial year, starting on the pipeline's <c>periods.financial_year_start</c> month (K41).</summary>
    FinancialYear,
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

public static class InputKindText
{
    public static string ToCode(this InputKind k) => k switch
    {
        InputKind.Transactional => "transactional",
        InputKind.Aggregate => "aggregate",
        InputKind.Questionnaire => "questionnaire",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "not an input kind"),
    };

    public static string ToCode(this CatalogueFamily f) => f switch
    {
        CatalogueFamily.Pmm => "pmm",
        CatalogueFamily.Fos => "fos",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "not a catalogue family"),
    };
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
    ObjectType,
    Gender,
    Grade,
    ViolationType,
    DetectionSource,
    Regime,
    ControlType,
    RequestChannel,
    PmmDimension,
    OperatorType,
    HsChapter,
    /// <summary>The capacity-building questions of an FoS indicator's reported level (value: the question's code, e.g. <c>3b</c>).</summary>
    CapacityBuilding,
}

public static class DisclosureText
{
    public static string ToCode(this Disclosure d) => d switch
    {
        Disclosure.Public => "public",
        Disclosure.Wco => "wco",
        Disclosure.National => "national",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "not a disclosure level"),
    };

    public static string ToCode(this PeriodType p) => p switch
    {
        PeriodType.Month => "month",
        PeriodType.Quarter => "quarter",
        PeriodType.Year => "year",
        PeriodType.FinancialYear => "financial_year",
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "not a period type"),
    };

    public static string ToCode(this BreakdownKind b) => b switch
    {
        BreakdownKind.ResponsibleActor => "responsible_actor",
        BreakdownKind.Aeo => "aeo",
        BreakdownKind.PreArrival => "pre_arrival",
        BreakdownKind.ModeOfTransport => "mode_of_transport",
        BreakdownKind.Office => "office",
        BreakdownKind.ControlChannel => "control_channel",
        BreakdownKind.Direction => "direction",
        BreakdownKind.ObjectType => "goods_or_passengers",
        BreakdownKind.Gender => "gender",
        BreakdownKind.Grade => "job_grade",
        BreakdownKind.ViolationType => "violation_type",
        BreakdownKind.DetectionSource => "detection_source",
        BreakdownKind.Regime => "customs_regime",
        BreakdownKind.ControlType => "control_type",
        BreakdownKind.RequestChannel => "channel",
        BreakdownKind.PmmDimension => "pmm_dimension",
        BreakdownKind.OperatorType => "operator_type",
        BreakdownKind.HsChapter => "hs_chapter",
        BreakdownKind.CapacityBuilding => "capacity_building",
        _ => throw new ArgumentOutOfRangeException(nameof(b), b, "not a breakdown kind"),
    };
}
