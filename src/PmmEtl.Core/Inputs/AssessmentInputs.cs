using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Inputs;

/// <summary>
/// What officers give rather than records: self-assessment answers, WCO-tool answers, the e-commerce FoS
/// questionnaire and aggregate values, read from versioned files under the pipeline and validated against the
/// catalogue. Every entry names the file and line it came from (<c>Source</c>), which is published with the value.
/// </summary>
public sealed record AssessmentInputs(
    IReadOnlyList<ChecklistAnswer> Checklists,
    IReadOnlyList<ToolAnswer> Tools,
    IReadOnlyList<FosLevelAnswer> FosLevels,
    IReadOnlyList<EnteredValue> Entered)
{
    public static AssessmentInputs None { get; } = new([], [], [], []);

    /// <summary>The calendar years the inputs answer for (an entered financial year counts for the year it starts in).</summary>
    public IEnumerable<int> Years() =>
        Checklists.Select(a => a.Year).Concat(Tools.Select(t => t.Year)).Concat(FosLevels.Select(f => f.Year)).Concat(Entered.Select(e => e.PeriodStart.Year)).Distinct();
}

/// <summary>One yes/no criterion of a self-assessment KPI, for the calendar year of the cycle.</summary>
public sealed record ChecklistAnswer(string KpiCode, int Year, string Item, bool Yes, string Source);

/// <summary>One WCO tool's awareness (0/1) and use level (0 not used, 1 planned next financial year, 2 used), mapped to a PMM performance dimension.</summary>
public sealed record ToolAnswer(int Year, string Tool, string Dimension, int Awareness, int Use, string Source);

/// <summary>
/// The implementation level (1–5) of one FoS monitoring indicator of Standard <paramref name="Standard"/>, with the
/// answers to the capacity-building questions of that level, in the questionnaire's order.
/// </summary>
public sealed record FosLevelAnswer(string IndicatorCode, int Standard, int Year, int Level, IReadOnlyList<CapacityBuildingAnswer> CapacityBuilding, string Source);

/// <summary>The answer to one capacity-building question (its code, e.g. <c>3b</c>; see <c>KpiCatalogue.FosCapacityBuildingQuestions</c>).</summary>
public sealed record CapacityBuildingAnswer(string Question, string Text, string Source);

/// <summary>
/// A value an officer entered for one variable of a catalogue entry and one period (a whole year unless
/// <see cref="PeriodType"/> says otherwise), optionally for one breakdown value: the input of aggregate KPIs,
/// the fallback of a record-based KPI where only yearly totals exist, and the numbers and texts of FoS items.
/// An entered value replaces what records would give for the same cell.
/// </summary>
public sealed record EnteredValue(
    string KpiCode,
    string Variable,
    PeriodType PeriodType,
    LocalDate PeriodStart,
    string? Breakdown,
    string? BreakdownValue,
    double? Number,
    string? Text,
    string Source);
