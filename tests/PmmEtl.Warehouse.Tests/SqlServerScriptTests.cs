using Microsoft.SqlServer.TransactSql.ScriptDom;
using PmmEtl.Core.Catalogue;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Warehouse.SqlServer;

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
    public void Every_merge_statement_parses() =>
        Assert.All(new MergeSql(Dialect).All, sql => AssertParses("merge", sql));

    [Fact]
    public void Every_measure_query_of_every_kpi_parses()
    {
        var aggregator = new SqlKpiAggregator(null!, Dialect);
        foreach (KpiDefinition kpi in KpiCatalogue.DeclarationKpis)
        {
            BreakdownKind[] groupings = [.. kpi.Groupings];
            AssertParses($"{kpi.Code} cells", aggregator.CellsSql(kpi));
            foreach (PeriodType period in Enum.GetValues<PeriodType>())
            {
                if (kpi.Formula == FormulaKind.MeanDuration)
                {
                    for (int g = -1; g < groupings.Length; g++)
                    {
                        AssertParses($"{kpi.Code} {period} percentiles {g}", aggregator.PercentileSql(kpi, DurationPart.Total, period, groupings, g));
                    }

                    AssertParses($"{kpi.Code} distribution", aggregator.DistributionSql(kpi));
                }
            }
        }
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
