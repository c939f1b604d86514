using Microsoft.SqlServer.TransactSql.ScriptDom;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Warehouse.SqlServer;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Warehouse.Tests.Registers;

/// <summary>
/// No SQL Server runs here, so every T-SQL text of the register layer is parsed with ScriptDom: each statement of
/// the generated DDL, each merge statement of every register for every kind of window, the category rule sync, and
/// the query of a battery of variables that uses every field of every register in every role it can play.
/// </summary>
public sealed class RegisterSqlServerTextTests
{
    private static readonly SqlServerDialect Dialect = new();
    private static readonly LocalDate From = new(2025, 1, 1);
    private static readonly LocalDate To = new(2026, 1, 1);

    private static void AssertParses(string name, string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out IList<ParseError> errors);
        Assert.True(errors.Count == 0,
            $"{name} does not parse as T-SQL:\n" + string.Join("\n", errors.Select(e => $"  line {e.Line}, column {e.Column}: {e.Message}")) + "\n" + sql);
    }

    [Fact]
    public void Every_generated_ddl_statement_parses()
    {
        IReadOnlyList<string> statements = RegisterDdl.For("sqlserver").Statements();
        // Per register: table, staging, key index, and a date index when dated; then the rule table and its index.
        int expected = RegisterList.Registers.Sum(r => r.IsDated ? 4 : 3) + 2;
        Assert.Equal(expected, statements.Count);
        Assert.All(statements, s => AssertParses("ddl", s));
    }

    [Fact]
    public void Every_merge_statement_of_every_register_parses_for_every_kind_of_window()
    {
        ExtractWindow[] windows = [ExtractWindow.Everything, new(From, To), new(From, null), new(null, To)];
        foreach (RecordSchema register in RegisterList.Registers)
        {
            foreach (ExtractWindow window in windows)
            {
                Assert.All(new RecordMergeSql(Dialect, register, window).All, sql => AssertParses($"{register.Name} {window}", sql));
            }
        }
    }

    [Fact]
    public void The_category_rule_sync_and_every_has_records_query_parse()
    {
        AssertParses("delete rules", CategoryRuleSql.DeleteAll);
        AssertParses("insert rule", CategoryRuleSql.Insert);
        Assert.All(RegisterList.All, r => AssertParses(r.Name, SqlKpiAggregator.HasRecordsSql(r)));
    }

    [Fact]
    public void The_query_of_every_variable_of_the_battery_parses()
    {
        var aggregator = new SqlKpiAggregator(null!, Dialect);
        List<(KpiVariable Variable, string? Breakdown)> battery = VariableBattery.All().ToList();
        Assert.True(battery.Count > 300, $"the battery has only {battery.Count} variables");
        Assert.True(VariableBattery.Catalogue().Count() > 100, "the catalogue gives too few register variables");
        int byMonth = 0;
        foreach ((KpiVariable variable, string? breakdown) in battery)
        {
            AssertParses($"{variable.Description} by {breakdown}", aggregator.Compile(variable, From, To, breakdown).Sql);
            if (VariableQuery.ByMonth(Dialect, variable, breakdown) is { } monthly)
            {
                AssertParses($"{variable.Description} by {breakdown}, by month", monthly.Sql);
                byMonth++;
            }
        }

        // The counts of records dated in the period are kept by month: many of the battery's variables.
        Assert.True(byMonth > 50, $"only {byMonth} of the battery's variables count by month");
    }

    [Fact]
    public void Booleans_are_compared_as_bit_and_values_are_parameters()
    {
        var variable = new KpiVariable("A", "x", "inspection", RecordAggregate.MeanShare("office_code", "irregularity_found"), RecordTiming.On("inspection_date"),
            RecordCondition.Both(RecordCondition.Is("selection_source", "RANDOM", "TIP"), RecordCondition.Related("declaration", "declaration_id", RecordCondition.True("aeo"))));
        VariableQuery query = new SqlKpiAggregator(null!, Dialect).Compile(variable, From, To, "mode_of_transport");
        Assert.Contains("r0.irregularity_found = 1", query.Sql, StringComparison.Ordinal);
        Assert.Contains("r1.is_aeo = 1", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("RANDOM", query.Sql, StringComparison.Ordinal);
        Assert.Equal(["from", "to", "last", "v0", "v1"], query.Parameters.Select(p => p.Name));
        Assert.Equal("RANDOM", query.Parameters[3].Value);
        // The period's last day is a parameter too: no engine needs date arithmetic.
        Assert.Equal(new DateOnly(2025, 12, 31), query.Parameters[2].Value);
    }
}
