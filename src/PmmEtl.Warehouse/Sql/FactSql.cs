using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// Turns catalogue conditions, breakdowns and measured intervals into SQL over <c>fact_declaration f</c> joined
/// to <c>dim_office o</c>. Only this closed set of columns can appear, and code values are checked to be plain
/// upper-case codes, so a KPI definition can never put arbitrary text into SQL. Standard SQL, shared by engines.
/// </summary>
public sealed partial class FactSql(ISqlDialect dialect)
{
    public string Condition(FactCondition condition) => condition switch
    {
        FlagIs f => f.Value ? dialect.IsTrue(FlagColumn(f.Which)) : $"NOT ({dialect.IsTrue(FlagColumn(f.Which))})",
        HasMilestone m => $"{MilestoneColumn(m.Milestone)} IS NOT NULL",
        CodeIs c => $"{CodeColumn(c.Column)} IN ({string.Join(", ", c.Values.Select(Literal))})",
        All a => "(" + string.Join(" AND ", a.Parts.Select(Condition)) + ")",
        Negation n => $"NOT ({Condition(n.Inner)})",
        _ => throw new NotSupportedException($"condition {condition.GetType().Name}"),
    };

    public string Breakdown(BreakdownKind kind) => kind switch
    {
        BreakdownKind.Aeo => $"CASE WHEN {dialect.IsTrue("f.is_aeo")} THEN 'AEO' ELSE 'OTHER' END",
        BreakdownKind.PreArrival => $"CASE WHEN {dialect.IsTrue("f.is_pre_arrival")} THEN 'PRE_ARRIVAL' ELSE 'OTHER' END",
        BreakdownKind.ModeOfTransport => "f.mode_of_transport",
        BreakdownKind.Office => "f.office_code",
        BreakdownKind.ControlChannel => "f.control_channel",
        BreakdownKind.Direction => "f.direction",
        _ => throw new NotSupportedException($"breakdown {kind} is not a grouping column"),
    };

    public static string DurationColumn(DurationInterval interval, DurationPart part)
    {
        string stem = interval switch
        {
            DurationInterval.ArrivalToRelease => "arrival_to_release",
            DurationInterval.LodgementToLoading => "lodgement_to_loading",
            DurationInterval.ArrivalToLoading => "arrival_to_loading",
            _ => "lodgement_to_clearance",
        };
        if (interval == DurationInterval.LodgementToClearance && part != DurationPart.Total)
        {
            throw new NotSupportedException("the clearance interval has no responsible-actor split");
        }

        return part switch
        {
            DurationPart.Total => $"f.{stem}_min",
            DurationPart.Business => $"f.{stem}_business_min",
            DurationPart.Oga => $"f.{stem}_oga_min",
            _ => $"f.{stem}_customs_min",
        };
    }

    private static string FlagColumn(FactFlag flag) => flag switch
    {
        FactFlag.Aeo => "f.is_aeo",
        FactFlag.PreArrival => "f.is_pre_arrival",
        FactFlag.Ecommerce => "f.is_ecommerce",
        FactFlag.LowRisk => "f.is_low_risk",
        FactFlag.Electronic => "f.is_electronic",
        FactFlag.ImmediateRelease => "f.is_immediate_release",
        FactFlag.AtMainEntry => "o.is_main_entry",
        _ => "o.is_main_exit",
    };

    private static string MilestoneColumn(FactMilestone milestone) => milestone switch
    {
        FactMilestone.Arrival => "f.arrival_utc",
        FactMilestone.Lodged => "f.lodged_utc",
        FactMilestone.OgaPermit => "f.oga_permit_utc",
        FactMilestone.Cleared => "f.cleared_utc",
        FactMilestone.Released => "f.released_utc",
        _ => "f.loaded_utc",
    };

    private static string CodeColumn(FactCode code) => code switch
    {
        FactCode.DeclarationType => "f.declaration_type",
        FactCode.Direction => "f.direction",
        _ => "f.control_channel",
    };

    private static string Literal(string code) =>
        PlainCode().IsMatch(code) ? $"'{code}'" : throw new ArgumentException($"'{code}' is not a plain code", nameof(code));

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex PlainCode();
}
