using System.Data.Common;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Registers;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Registers;

/// <summary>
/// Evaluates record-based KPI variables in the warehouse: one <see cref="RegisterQuery"/> per variable, period
/// and breakdown. The period given is the one evaluated: the caller has already shifted it by the variable's
/// <see cref="KpiVariable.YearOffset"/> (RecordKpiMeasurer does), so it is not applied again here.
/// </summary>
public sealed class SqlRegisterAggregator(SqlCommands sql, ISqlDialect dialect) : IRegisterAggregator
{
    public IReadOnlyList<VariableValue> Evaluate(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField)
    {
        RegisterQuery query = Compile(variable, from, to, breakdownField);
        VariableValue? total = null;
        var values = new List<VariableValue>();
        foreach (DbDataReader r in sql.Rows(query.Sql, [.. query.Parameters]))
        {
            var value = new VariableValue(Read.NullableText(r, 0), Read.NullableDouble(r, 1), Read.Long(r, 2));
            if (value.BreakdownValue is null)
            {
                total = value;
            }
            else
            {
                values.Add(value);
            }
        }

        // An aggregate over no rows may give no total row (grouping sets on some engines): a count is then 0, anything else unknown.
        total ??= new VariableValue(null, query.IsCount ? 0 : null, 0);
        return [total.Value, .. values.OrderBy(v => v.BreakdownValue, StringComparer.Ordinal)];
    }

    public bool HasRecords(RegisterSchema register) => sql.Long(HasRecordsSql(register)) == 1;

    /// <summary>1 when the register's table holds a row, else 0: EXISTS stops at the first row.</summary>
    public static string HasRecordsSql(RegisterSchema register) =>
        $"SELECT CASE WHEN EXISTS (SELECT 1 FROM {RegisterColumns.Table(register)}) THEN 1 ELSE 0 END";

    public RegisterQuery Compile(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField) =>
        RegisterQuery.Build(dialect, variable, from, to, breakdownField);
}
