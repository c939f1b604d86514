using Microsoft.SqlServer.TransactSql.ScriptDom;
using PmmEtl.Core.Catalogue;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Warehouse.SqlServer;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Core.Pipelines;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// No SQL Server runs here, so every T-SQL text the program can send is parsed with ScriptDom in every run:
/// the schema scripts and the statements the shared SQL layer generates with the SQL Server dialect.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly SqlServerDialect Dialect = new();

    private static void AssertParses(string name, string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out IList<ParseError> errors);
        Assert.True(errors.Count == 0,
            $"{name} does not parse as T-SQL:\n" + string.Join("\n", errors.Select(e => $"  line {e.Line}, column {e.Column}: {e.Message}")) + "\n" + sql);
    }

    public static TheoryData<string> Scripts() => new(SchemaScript.For("sqlserver").Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_schema_script_parses(string name) =>
        AssertParses(name, SchemaScript.For("sqlserver").Single(s => s.Name == name).Text);

    [Fact]
    public void The_engines_have_the_same_scripts_in_the_same_order()
    {
        string[] duckdb = SchemaScript.For("duckdb").Select(s => s.Name).ToArray();
        Assert.Equal(duckdb, SchemaScript.For("sqlserver").Select(s => s.Name));
        Assert.Equal(duckdb, SchemaScript.For("postgres").Select(s => s.Name));
    }

    [Fact]
    public void Every_merge_statement_of_the_declaration_parses_for_every_kind_of_window()
    {
        var from = new NodaTime.LocalDate(2025, 1, 1);
        ExtractWindow[] windows = [ExtractWindow.Everything, new(from, from.PlusDays(7)), new(from, null), new(null, from)];
        foreach (ExtractWindow window in windows)
        {
            Assert.All(new RecordMergeSql(Dialect, RecordTypes.Declaration, window).All, sql => AssertParses($"merge {window}", sql));
        }
    }

    [Fact]
    public void Script_012_makes_every_field_but_the_identity_nullable_and_parses() =>
        AssertParses("012", OptionalFieldsDdl.Script("sqlserver"));

    [Fact]
    public void Every_measure_query_of_every_kpi_parses()
    {
        var aggregator = new SqlKpiAggregator(null!, Dialect);
        IEnumerable<(string Name, KpiDefinition Kpi, PopulationMeasure Measure)> populations = KpiCatalogue.All
            .Where(k => k.IsPopulationKpi)
            .SelectMany(k => new[] { (k.Code, k, k.Measure!) }.Concat(k.Variants.Where(v => v.Measure is not null).Select(v => ($"{k.Code} {v.Name}", k, v.Measure!))));
        foreach ((string name, KpiDefinition kpi, PopulationMeasure measure) in populations)
        {
            IReadOnlyList<Breakdown> groupings = kpi.GroupingsOf(measure); // as the measure stage groups: a breakdown only where the type has its field
            DurationPart[] parts = measure.Duration is null ? [] : measure.Duration.HasActorParts ? [DurationPart.Total, DurationPart.Business, DurationPart.Oga, DurationPart.Customs] : [DurationPart.Total];
            AssertParses($"{name} cells", aggregator.CellsSql(measure, groupings, parts));
            if (parts.Length > 0)
            {
                AssertParses($"{name} percentile bins", aggregator.BinCountsSql(measure, groupings, parts));
                // Level 2 for one bin of two months of every part and grouping, a value with a quote and a NULL value among them.
                var fetches = new List<RankValues.Fetch>();
                for (int k = 0; k < parts.Length; k++)
                {
                    foreach (int g in k == 0 ? Enumerable.Range(-1, groupings.Count + 1) : [-1])
                    {
                        string? value = g < 0 ? null : g % 2 == 0 ? "O'NEIL" : null;
                        foreach (NodaTime.LocalDate month in new[] { new NodaTime.LocalDate(2025, 4, 1), new NodaTime.LocalDate(2025, 5, 1) })
                        {
                            fetches.Add(new RankValues.Fetch(fetches.Count, new RankValues.Key(k, g, value, 37 + k), month, 12.5, 13.016666666666667));
                        }
                    }
                }

                AssertParses($"{name} percentile values", aggregator.BinValuesSql(measure, groupings, parts, fetches));
            }

            if (measure.Duration is not null)
            {
                AssertParses($"{name} distribution", aggregator.DistributionSql(measure));
            }
        }

        Assert.All(RecordTypes.All.Where(t => t.IsDated), t => AssertParses($"{t.Name} coverage", aggregator.MonthsSql(t, t.DateField!)));
    }

    [Fact]
    public void Every_statement_of_the_kept_month_cells_parses()
    {
        var kept = new KeptMonths(null!, Dialect);
        foreach (RecordSchema type in RecordTypes.All)
        {
            AssertParses($"{type.Name} whole fingerprint", kept.TablePrintSql(RecordColumns.Table(type)));
            if (type.DateField is { } date)
            {
                AssertParses($"{type.Name} month fingerprints", kept.MonthPrintsSql(RecordColumns.Table(type), RecordColumns.Column(type.Field(date))));
            }
        }

        AssertParses("office fingerprint", kept.TablePrintSql("dim_office"));
        Assert.All(KeptMonths.Statements, sql => AssertParses("kept months", Dialect.Parameters(sql)));
    }

    [Fact]
    public void A_statement_that_is_not_t_sql_is_caught()
    {
        // The check itself must be able to fail: DuckDB's quantile syntax with LIMIT is not T-SQL.
        var parser = new TSql160Parser(true);
        parser.Parse(new StringReader("SELECT quantile_cont(x, 0.5) FROM t LIMIT 5"), out IList<ParseError> errors);
        Assert.NotEmpty(errors);
    }
}
