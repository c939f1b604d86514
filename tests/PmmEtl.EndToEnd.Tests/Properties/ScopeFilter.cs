using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// A rough SQL filter for records that may be in a variant's scope, written here and not by the measurer: only the
/// plain field conditions of the population, its exclusions (negated) or A's filter are translated; anything else
/// (offices' roles, related registers, seizure categories) is left open, so the filter only narrows the records tried;
/// a sum's records must carry an amount.
/// </summary>
public static class ScopeFilter
{
    public static string Of(KpiDefinition kpi, string variant, RecordSchema type)
    {
        if (kpi.Measure is { } kpiMeasure)
        {
            PopulationMeasure measure = kpi.Variants.FirstOrDefault(v => v.Name == variant)?.Measure ?? kpiMeasure;
            IEnumerable<string> parts = [Sql(measure.Population, type, true), .. measure.Exclusions.Select(e => $"NOT coalesce({Sql(e.When, type, false)}, false)")];
            return string.Join(" AND ", parts);
        }

        KpiVariable a = (kpi.Variants.FirstOrDefault(v => v.Name == variant)?.Variables ?? kpi.Variables).Single(v => v.Name == "A");
        string scope = a.Filter is { } filter ? Sql(filter, type, true) : "true";
        // A sum moves only with an amount: a record without one is in scope and changes nothing worth seeing.
        return a.Aggregate is Sum sum ? $"{scope} AND {Column(type, sum.Field)} > 0" : scope;
    }

    /// <param name="open">What a condition that is not translated stands for: true in a scope, false in an exclusion.</param>
    private static string Sql(RecordCondition condition, RecordSchema type, bool open) => condition switch
    {
        FieldIn f => $"{Column(type, f.Field)} IN ({string.Join(", ", f.Values.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'"))})",
        FieldIsTrue t => $"{Column(type, t.Field)} IS {(t.Value ? "TRUE" : "FALSE")}",
        FieldPresent p => $"{Column(type, p.Field)} IS NOT NULL",
        AllOf all => "(" + string.Join(" AND ", all.Parts.Select(p => Sql(p, type, open))) + ")",
        AnyOf any => "(" + string.Join(" OR ", any.Parts.Select(p => Sql(p, type, open))) + ")",
        NotCondition not => $"NOT coalesce({Sql(not.Inner, type, !open)}, {(!open ? "true" : "false")})",
        _ => open ? "true" : "false",
    };

    private static string Column(RecordSchema type, string field) => type.Field(field).Column;
}
