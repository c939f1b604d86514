namespace PmmEtl.Core.Catalogue;

/// <summary>
/// One variable of a record-based KPI (A, B, X …) as data: which register it reads, which records count, how
/// they are aggregated and which records fall in a period. The warehouse evaluates it per period and breakdown
/// value; <see cref="Measure.KpiFormula"/> combines the variables. <see cref="YearOffset"/> shifts the period
/// (−1: the same period a year earlier, the B of every variation KPI).
/// </summary>
public sealed record KpiVariable(
    string Name,
    string Description,
    string Register,
    RecordAggregate Aggregate,
    RecordTiming Timing,
    RecordCondition? Filter = null,
    int YearOffset = 0)
{
    /// <summary>The register name of a variable that only an officer can give (an aggregate input file).</summary>
    public const string EnteredRegister = "entered";

    public bool IsEntered => Register == EnteredRegister;

    /// <summary>The registers whose records give the value: its own and, for a linked share (K41), the linked one.</summary>
    public IReadOnlyList<string> Reads => Aggregate is MeanOfLinkedShare linked ? [Register, linked.Register] : [Register];

    /// <summary>A variable with no records behind it: its values come only from the pipeline's aggregate inputs.</summary>
    public static KpiVariable Entered(string name, string description, int yearOffset = 0) =>
        new(name, description, EnteredRegister, RecordAggregate.Rows, RecordTiming.On("period"), null, yearOffset);
}

/// <summary>How the records of a variable become one number.</summary>
public abstract record RecordAggregate
{
    public static RecordAggregate Rows { get; } = new CountRows();
    public static RecordAggregate Distinct(string field) => new CountDistinct(field);
    public static RecordAggregate SumOf(string field) => new Sum(field);
    public static RecordAggregate MeanOf(string field) => new Mean(field);

    /// <summary>Mean over the groups of <paramref name="groupField"/> of each group's share of records with <paramref name="flagField"/> true (K09, K41).</summary>
    public static RecordAggregate MeanShare(string groupField, string flagField) => new MeanOfGroupShare(groupField, flagField);

    /// <summary>
    /// Mean, over the variable's own records (one per group: the population, e.g. frontline officers), of each one's share
    /// of distinct items in a linked register whose latest record in the period has the flag (K41). A group with no linked
    /// record in the period adds 0 and still counts; no linked record in the period for any group gives no value.
    /// </summary>
    public static RecordAggregate MeanLinkedShare(string register, string link, string itemField, string flagField, string dateField) =>
        new MeanOfLinkedShare(register, link, itemField, flagField, dateField);
}

public sealed record CountRows : RecordAggregate;

public sealed record CountDistinct(string Field) : RecordAggregate;

/// <summary>Sum of a number field; null when no record is in scope (so a missing year is told from a zero).</summary>
public sealed record Sum(string Field) : RecordAggregate;

public sealed record Mean(string Field) : RecordAggregate;

/// <summary>A fraction in [0, 1]: Σ_g (records of g with the flag / records of g) / number of groups.</summary>
public sealed record MeanOfGroupShare(string GroupField, string FlagField) : RecordAggregate;

/// <summary>
/// A fraction in [0, 1]: Σ over the variable's records r of (distinct <paramref name="ItemField"/> values of <paramref name="Register"/>
/// linked to r by <paramref name="Link"/> whose latest record dated (<paramref name="DateField"/>) in the period has
/// <paramref name="FlagField"/> true / distinct such items), divided by the number of the variable's records. Null when
/// no record of <paramref name="Register"/> in the period links to any of them.
/// </summary>
public sealed record MeanOfLinkedShare(string Register, string Link, string ItemField, string FlagField, string DateField) : RecordAggregate;

/// <summary>Which records of a register fall in a period [start, end).</summary>
public abstract record RecordTiming
{
    public static RecordTiming On(string dateField) => new InPeriod(dateField);

    /// <summary>Records whose interval holds the last day of the period (head counts at year end, AEOs on 31 December).</summary>
    public static RecordTiming AtEnd(string fromField, string toField) => new ActiveAtPeriodEnd(fromField, toField);

    /// <summary>Records whose interval overlaps the period (anyone employed at some time in the year).</summary>
    public static RecordTiming During(string fromField, string toField) => new ActiveDuringPeriod(fromField, toField);

    /// <summary>Every record, whatever the period: an inventory without dates (the service catalogue of K08).</summary>
    public static RecordTiming Always { get; } = new Unfiltered();
}

public sealed record Unfiltered : RecordTiming;

/// <summary>start ≤ date &lt; end.</summary>
public sealed record InPeriod(string DateField) : RecordTiming;

/// <summary>from ≤ end − 1 day and (to is null or to ≥ end − 1 day); <c>to</c> is the last valid day.</summary>
public sealed record ActiveAtPeriodEnd(string FromField, string ToField) : RecordTiming;

/// <summary>from &lt; end and (to is null or (to ≥ start and to ≥ from)): an interval ending before it starts holds no day.</summary>
public sealed record ActiveDuringPeriod(string FromField, string ToField) : RecordTiming;

/// <summary>
/// A predicate over one record of any record type, as data: the one condition language of KPI populations,
/// exclusions, numerators and variable filters, compiled by each engine to SQL over a closed set of column names (the
/// type's fields): a definition cannot inject SQL and means the same on every engine.
/// </summary>
public abstract record RecordCondition
{
    public static RecordCondition Is(string field, params string[] values) => new FieldIn(field, values);
    public static RecordCondition True(string field) => new FieldIsTrue(field, true);
    public static RecordCondition False(string field) => new FieldIsTrue(field, false);
    public static RecordCondition Present(string field) => new FieldPresent(field);
    public static RecordCondition Both(params RecordCondition[] parts) => new AllOf(parts);
    public static RecordCondition Either(params RecordCondition[] parts) => new AnyOf(parts);
    public static RecordCondition Not(RecordCondition inner) => new NotCondition(inner);

    /// <summary>The record's office (its type's office field) plays <paramref name="role"/> in the pipeline's office reference.</summary>
    public static RecordCondition AtOffice(OfficeRole role) => new OfficeHasRole(role);

    /// <summary>Seizures with at least one item that the category rules count in <paramref name="category"/> (register <c>seizure</c> only).</summary>
    public static RecordCondition HasItemIn(string category) => new SeizureHasCategory(category);

    /// <summary>
    /// At least one record of <paramref name="register"/> with the same <paramref name="link"/> value matches
    /// <paramref name="filter"/>; with <paramref name="samePeriod"/>, only its records timed in the same period count.
    /// </summary>
    public static RecordCondition Related(string register, string link, RecordCondition? filter = null, RecordTiming? samePeriod = null) =>
        new RelatedExists(register, link, filter, samePeriod);

    /// <summary>
    /// Like <see cref="Related"/>, but consulted only where the pipeline's source gives records of
    /// <paramref name="register"/>: a value does not become "not measurable" for lack of it, because the record's own
    /// fields already carry the fact (a shipment's physical-examination and NII flags); where the register is given, a
    /// linked record that says more is honoured (see docs/kpi-decisions.md, K12).
    /// </summary>
    public static RecordCondition RelatedWhereGiven(string register, string link, RecordCondition? filter = null) =>
        new RelatedExists(register, link, filter, null) { WhereGiven = true };
}

public sealed record FieldIn(string Field, IReadOnlyList<string> Values) : RecordCondition;

public sealed record FieldIsTrue(string Field, bool Value) : RecordCondition;

public sealed record FieldPresent(string Field) : RecordCondition;

public sealed record AllOf(IReadOnlyList<RecordCondition> Parts) : RecordCondition;

public sealed record AnyOf(IReadOnlyList<RecordCondition> Parts) : RecordCondition;

public sealed record NotCondition(RecordCondition Inner) : RecordCondition;

public sealed record SeizureHasCategory(string Category) : RecordCondition;

public sealed record OfficeHasRole(OfficeRole Role) : RecordCondition;

/// <summary>What an office is in the pipeline's office reference (<c>main_entry</c>, <c>main_exit</c>).</summary>
public enum OfficeRole
{
    /// <summary>A main point of entry (K04).</summary>
    MainEntry,
    /// <summary>A main point of exit (K05, K06).</summary>
    MainExit,
}

public sealed record RelatedExists(string Register, string Link, RecordCondition? Filter, RecordTiming? SamePeriod) : RecordCondition
{
    /// <summary>Consulted only where the source gives the register (<see cref="RecordCondition.RelatedWhereGiven"/>).</summary>
    public bool WhereGiven { get; init; }
}

/// <summary>One yes/no criterion of a self-assessment KPI (K01, K22, K40, K42, K46, K49), or an item of a scale.</summary>
public sealed record ChecklistItem(string Code, string Text, string? Scope = null);
