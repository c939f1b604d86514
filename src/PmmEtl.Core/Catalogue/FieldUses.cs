using PmmEtl.Core.Records;

namespace PmmEtl.Core.Catalogue;

/// <summary>One field of one record type that a KPI reads.</summary>
public readonly record struct FieldUse(string RecordType, string Field);

/// <summary>
/// The fields a KPI definition reads, found in its data: populations, exclusions, numerators, durations, variable
/// filters, timings and aggregates, and breakdowns. Whether each is available decides whether a value can be published.
/// </summary>
public static class FieldUses
{
    /// <summary>What a population KPI's value rests on: its population, exclusions, numerator and the duration part averaged.</summary>
    public static IEnumerable<FieldUse> Of(PopulationMeasure measure, DurationPart part = DurationPart.Total)
    {
        string type = measure.RecordType;
        IEnumerable<FieldUse> uses = Of(measure.Population, type)
            .Concat(measure.Exclusions.SelectMany(e => Of(e.When, type)))
            .Concat(measure.Numerator is { } n ? Of(n, type) : []);
        if (measure.Duration is { } duration)
        {
            uses = uses.Append(new FieldUse(type, duration.Field(part)));
        }

        // The type's date places each record in a period.
        if (RecordTypes.Find(type)?.DateField is { } date)
        {
            uses = uses.Append(new FieldUse(type, date));
        }

        return uses.Distinct();
    }

    /// <summary>What a variable's value rests on: its filter, timing and aggregate (nothing for an entered variable).</summary>
    public static IEnumerable<FieldUse> Of(KpiVariable variable)
    {
        if (variable.IsEntered)
        {
            return [];
        }

        string type = variable.Register;
        IEnumerable<FieldUse> uses = Of(variable.Timing, type).Concat(variable.Filter is { } f ? Of(f, type) : []);
        uses = variable.Aggregate switch
        {
            CountDistinct d => uses.Append(new(type, d.Field)),
            Sum s => uses.Append(new(type, s.Field)),
            Mean m => uses.Append(new(type, m.Field)),
            MeanOfGroupShare g => uses.Append(new(type, g.GroupField)).Append(new(type, g.FlagField)),
            MeanOfLinkedShare l => uses.Append(new(type, l.Link)).Append(new(l.Register, l.Link)).Append(new(l.Register, l.ItemField))
                .Append(new(l.Register, l.FlagField)).Append(new(l.Register, l.DateField)),
            CountRows => uses,
            _ => throw new ArgumentOutOfRangeException(nameof(variable), variable.Aggregate, "unknown aggregate"),
        };
        return uses.Distinct();
    }

    public static IEnumerable<FieldUse> Of(RecordTiming timing, string type) => timing switch
    {
        Unfiltered => [],
        InPeriod p => [new(type, p.DateField)],
        // An interval without its end would make every record valid for ever: both ends are needed.
        ActiveAtPeriodEnd a => [new(type, a.FromField), new(type, a.ToField)],
        ActiveDuringPeriod d => [new(type, d.FromField), new(type, d.ToField)],
        _ => throw new ArgumentOutOfRangeException(nameof(timing), timing, "unknown timing"),
    };

    public static IEnumerable<FieldUse> Of(RecordCondition condition, string type) => condition switch
    {
        FieldIn f => [new(type, f.Field)],
        FieldIsTrue t => [new(type, t.Field)],
        FieldPresent p => [new(type, p.Field)],
        AllOf a => a.Parts.SelectMany(c => Of(c, type)),
        AnyOf a => a.Parts.SelectMany(c => Of(c, type)),
        NotCondition n => Of(n.Inner, type),
        OfficeHasRole => RecordTypes.Find(type)?.OfficeField is { } office ? [new(type, office)] : [],
        SeizureHasCategory => [new(type, "seizure_id"), new(RecordTypes.SeizureItem.Name, "commodity")],
        // A register consulted only where the source gives it is not something the value needs.
        RelatedExists { WhereGiven: true } => [],
        RelatedExists r => [new(type, r.Link), new(r.Register, r.Link), .. r.Filter is { } f ? Of(f, r.Register) : [], .. r.SamePeriod is { } t ? Of(t, r.Register) : []],
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition"),
    };
}
