using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Warehouse.Records;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// A kept month is fresh only while every table its population reads is unchanged, so the tables the condition compiler
/// reports (<see cref="RecordPredicates"/>' reads) must be every table its SQL names. Checked, for every population of
/// the catalogue, against a second path: the names after FROM and JOIN in the compiled statements.
/// </summary>
public sealed partial class PopulationReadsTests
{
    [Fact]
    public void Every_table_a_population_names_besides_its_own_rows_is_one_it_reads()
    {
        var aggregator = new SqlKpiAggregator(null!, new DuckDbDialect());
        var checkedSome = new List<string>();
        foreach (KpiDefinition kpi in KpiCatalogue.All.Where(k => k.IsPopulationKpi))
        {
            foreach (PopulationMeasure measure in kpi.Variants.Where(v => v.Measure is not null).Select(v => v.Measure!).Prepend(kpi.Measure!))
            {
                IReadOnlyList<Breakdown> groupings = kpi.GroupingsOf(measure);
                string own = RecordColumns.Table(RecordTypes.Get(measure.RecordType));
                List<string> named = [.. Named().Matches(aggregator.CellsSql(measure, groupings, [])).Select(m => m.Groups[1].Value)];
                named.Remove(own); // the FROM of the population's own rows, once
                IReadOnlyList<string> reads = aggregator.ReadsOf(measure, groupings);
                Assert.All(named, table => Assert.Contains(table, reads));
                if (named.Count > 0)
                {
                    checkedSome.Add($"{kpi.Code}: {string.Join(", ", named)}");
                }
            }
        }

        // The catalogue has conditions that read other tables (the office reference of K04–K06, seizure rules, registers),
        // so the check above compared something.
        Assert.Contains(checkedSome, c => c.StartsWith("K04: dim_office", StringComparison.Ordinal));
        Assert.True(checkedSome.Count >= 5, string.Join("\n", checkedSome));
    }

    [Fact]
    public void A_condition_on_other_records_of_the_type_makes_its_own_table_a_read()
    {
        var measure = new PopulationMeasure("declaration", new RelatedExists("declaration", "trader_id", new FieldIn("control_channel", ["RED"]), null));
        Assert.Equal(["fact_declaration"], new SqlKpiAggregator(null!, new DuckDbDialect()).ReadsOf(measure, []));
    }

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex Named();
}
