using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// The dated record types a value reads by period, found in the catalogue's data: a value for a period is published
/// only where each of them covers that period (see <see cref="RecordCoverage"/>). A type missing from a period makes
/// the value unknown, not zero; this is what keeps K43 from reading "no training records for 2023" as 0 %.
/// </summary>
public static class CoverageNeeds
{
    /// <summary>
    /// A population measure's: its own type, and every dated register its conditions look into (an inspection that
    /// would take a shipment out of K12's numerator has to be knowable for the period). A register consulted only where
    /// the source gives it counts only when <paramref name="gives"/> says it is given.
    /// </summary>
    public static IEnumerable<string> Of(PopulationMeasure measure, Func<string, bool> gives)
    {
        IEnumerable<string> types = RecordTypes.Get(measure.RecordType).IsDated ? [measure.RecordType] : [];
        IEnumerable<RecordCondition> conditions = [measure.Population, .. measure.Exclusions.Select(e => e.When), .. measure.Numerator is { } n ? [n] : Array.Empty<RecordCondition>()];
        return types.Concat(conditions.SelectMany(c => Related(c, gives))).Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// A variable's: its own type where it counts records dated in the period, the linked register of a mean of
    /// linked shares, and every dated register its filter looks into (K25's seizures behind its inspections).
    /// Types read as an inventory (<see cref="RecordTiming.Always"/>) or by validity interval are read whole, not by period.
    /// </summary>
    public static IEnumerable<string> Of(KpiVariable variable, Func<string, bool> gives)
    {
        if (variable.IsEntered)
        {
            return [];
        }

        var types = new List<string>();
        if (variable.Timing is InPeriod && RecordTypes.Get(variable.Register).IsDated)
        {
            types.Add(variable.Register);
        }

        if (variable.Aggregate is MeanOfLinkedShare linked && RecordTypes.Get(linked.Register).IsDated)
        {
            types.Add(linked.Register);
        }

        if (variable.Filter is { } filter)
        {
            types.AddRange(Related(filter, gives));
        }

        return types.Distinct(StringComparer.Ordinal);
    }

    /// <summary>The registers a population measure consults only where the source gives them (K12's inspections).</summary>
    public static IEnumerable<string> ConsultedWhereGiven(PopulationMeasure measure)
    {
        IEnumerable<RecordCondition> conditions = [measure.Population, .. measure.Exclusions.Select(e => e.When), .. measure.Numerator is { } n ? [n] : Array.Empty<RecordCondition>()];
        return conditions.SelectMany(WhereGiven).Distinct(StringComparer.Ordinal);

        static IEnumerable<string> WhereGiven(RecordCondition c) => c switch
        {
            RelatedExists { WhereGiven: true } r => [r.Register],
            RelatedExists r => r.Filter is { } f ? WhereGiven(f) : [],
            AllOf a => a.Parts.SelectMany(WhereGiven),
            AnyOf a => a.Parts.SelectMany(WhereGiven),
            NotCondition x => WhereGiven(x.Inner),
            SeizureHasCategory or FieldIn or FieldIsTrue or FieldPresent or OfficeHasRole => [],
            _ => throw new ArgumentOutOfRangeException(nameof(c), c, "unknown condition"),
        };
    }

    private static IEnumerable<string> Related(RecordCondition condition, Func<string, bool> gives) => condition switch
    {
        RelatedExists { WhereGiven: true } r when !gives(r.Register) => [],
        RelatedExists r => [.. Dated(r.Register), .. r.Filter is { } f ? Related(f, gives) : []],
        SeizureHasCategory => Dated(RecordTypes.SeizureItem.Name),
        AllOf a => a.Parts.SelectMany(p => Related(p, gives)),
        AnyOf a => a.Parts.SelectMany(p => Related(p, gives)),
        NotCondition n => Related(n.Inner, gives),
        FieldIn or FieldIsTrue or FieldPresent or OfficeHasRole => [],
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition"),
    };

    private static IEnumerable<string> Dated(string type) => RecordTypes.Get(type).IsDated ? [type] : [];
}
