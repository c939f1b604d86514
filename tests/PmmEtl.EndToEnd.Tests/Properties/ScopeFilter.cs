using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// A rough SQL filter (over the record type aliased <c>t</c>) for records that may be in a variant's scope, written here
/// and not by the measurer: the plain field conditions of the population, its exclusions (negated) or A's filter, and
/// the existence of linked records (a related register's, a seizure's items in the category, mandates aside) are
/// translated; anything else (offices' roles, periods of related records) is left open, so the filter only narrows the
/// records tried and the measurer decides. A sum's records must carry an amount.
/// </summary>
public static class ScopeFilter
{
    public static string Of(KpiDefinition kpi, string variant, RecordSchema type)
    {
        if (kpi.Measure is { } kpiMeasure)
        {
            PopulationMeasure measure = kpi.Variants.FirstOrDefault(v => v.Name == variant)?.Measure ?? kpiMeasure;
            IEnumerable<string> parts = [Sql(measure.Population, type, "t", true), .. measure.Exclusions.Select(e => $"NOT coalesce({Sql(e.When, type, "t", false)}, false)")];
            return string.Join(" AND ", parts);
        }

        KpiVariable a = (kpi.Variants.FirstOrDefault(v => v.Name == variant)?.Variables ?? kpi.Variables).Single(v => v.Name == "A");
        string scope = a.Filter is { } filter ? Sql(filter, type, "t", true) : "true";
        // A sum moves only with an amount: a record without one is in scope and changes nothing worth seeing.
        return a.Aggregate is Sum sum ? $"{scope} AND t.{Column(type, sum.Field)} > 0" : scope;
    }

    /// <param name="open">What a condition that is not translated stands for: true in a scope, false in an exclusion.</param>
    private static string Sql(RecordCondition condition, RecordSchema type, string alias, bool open) => condition switch
    {
        FieldIn f => $"{alias}.{Column(type, f.Field)} IN ({string.Join(", ", f.Values.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'"))})",
        FieldIsTrue t => $"{alias}.{Column(type, t.Field)} IS {(t.Value ? "TRUE" : "FALSE")}",
        FieldPresent p => $"{alias}.{Column(type, p.Field)} IS NOT NULL",
        AllOf all => "(" + string.Join(" AND ", all.Parts.Select(p => Sql(p, type, alias, open))) + ")",
        AnyOf any => "(" + string.Join(" OR ", any.Parts.Select(p => Sql(p, type, alias, open))) + ")",
        NotCondition not => $"NOT coalesce({Sql(not.Inner, type, alias, !open)}, {(!open ? "true" : "false")})",
        RelatedExists r => Related(r, type, alias, open),
        SeizureHasCategory s => $"""
            EXISTS (SELECT 1 FROM {RecordTypes.SeizureItem.Table} si JOIN dim_seizure_category_rule cr ON cr.commodity = si.commodity
                    WHERE si.seizure_id = {alias}.seizure_id AND cr.category = '{s.Category}' AND cr.counts)
            """,
        _ => open ? "true" : "false",
    };

    private static string Related(RelatedExists r, RecordSchema type, string alias, bool open)
    {
        RecordSchema other = RecordTypes.Get(r.Register);
        string inner = alias + "r";
        string filter = r.Filter is { } f ? Sql(f, other, inner, open) : "true";
        return $"EXISTS (SELECT 1 FROM {other.Table} {inner} WHERE {inner}.{Column(other, r.Link)} = {alias}.{Column(type, r.Link)} AND {filter})";
    }

    private static string Column(RecordSchema type, string field) => type.Field(field).Column;
}
