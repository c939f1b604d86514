using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>
/// One GROUPING SETS query per KPI, part and period type: the total and every breakdown in a single scan.
/// Exclusions are tested in the catalogue's order; the first that matches is the declaration's reason.
/// </summary>
internal sealed class DuckDbKpiAggregator : IKpiAggregator
{
    private readonly DuckDBConnection _connection;

    public DuckDbKpiAggregator(DuckDBConnection connection) => _connection = connection;

    public IEnumerable<KpiAggregate> Aggregate(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, LocalDate from, LocalDate to)
    {
        string sql = BuildSql(kpi, part, periodType, breakdowns);
        using DuckDBCommand command = _connection.Command(sql, ("from", from.ToDateOnly()), ("to", to.ToDateOnly()));
        using var reader = command.ExecuteReader();
        int exclusions = kpi.Exclusions.Count;
        while (reader.Read())
        {
            int col = 0;
            LocalDate periodStart = LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(col++));
            BreakdownKind? breakdown = null;
            string? value = null;
            for (int i = 0; i < breakdowns.Count; i++)
            {
                long grouped = Convert.ToInt64(reader.GetValue(col + breakdowns.Count + i), CultureInfo.InvariantCulture);
                if (grouped == 0)
                {
                    breakdown = breakdowns[i];
                    value = reader.IsDBNull(col + i) ? null : reader.GetString(col + i);
                }
            }

            col += 2 * breakdowns.Count;
            long population = Long(reader, col++);
            var excluded = new long[exclusions];
            for (int i = 0; i < exclusions; i++)
            {
                excluded[i] = Long(reader, col++);
            }

            long measured = Long(reader, col++);
            double? sum = Double(reader, col++);
            double? min = Double(reader, col++);
            double? max = Double(reader, col++);
            double? median = Double(reader, col++);
            double? p90 = Double(reader, col++);
            long hits = Long(reader, col);
            yield return new KpiAggregate(periodStart, breakdown, value, population, excluded, measured, sum, min, max, median, p90, hits);
        }
    }

    public IReadOnlyDictionary<int, long> Distribution(KpiDefinition kpi, LocalDate from, LocalDate to)
    {
        string t = FactSql.DurationColumn(kpi.Interval!.Value, DurationPart.Total);
        string exclusions = kpi.Exclusions.Count == 0 ? "false" : string.Join(" OR ", kpi.Exclusions.Select(e => FactSql.Condition(e.When)));
        IReadOnlyList<double> edges = DistributionBins.EdgesMinutes;
        // Bin i holds edges[i] <= t < edges[i+1]; negative durations cannot occur (the normaliser refuses them).
        string bin = "CASE " + string.Concat(Enumerable.Range(1, edges.Count - 1).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"WHEN t < {edges[i]} THEN {i - 1} "))) + $"ELSE {edges.Count - 1} END";
        string sql = $"""
            SELECT {bin} AS bin, count(*) FROM (
                SELECT {t} AS t FROM fact_declaration f JOIN dim_office o ON o.office_code = f.office_code
                WHERE f.business_date >= $from AND f.business_date < $to AND {FactSql.Condition(kpi.Population)}
                  AND NOT ({exclusions}) AND {t} IS NOT NULL
            ) x GROUP BY 1
            """;
        using DuckDBCommand command = _connection.Command(sql, ("from", from.ToDateOnly()), ("to", to.ToDateOnly()));
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<int, long>();
        while (reader.Read())
        {
            counts[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = Long(reader, 1);
        }

        return counts;
    }

    internal static string BuildSql(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns)
    {
        string period = periodType switch
        {
            PeriodType.Month => "month",
            PeriodType.Quarter => "quarter",
            _ => "year",
        };
        string t = kpi.Formula == FormulaKind.MeanDuration && kpi.Interval is { } interval
            ? FactSql.DurationColumn(interval, part)
            : "CAST(NULL AS DOUBLE)";
        string hit = kpi.Numerator is { } numerator ? FactSql.Condition(numerator) : "false";
        string exclusion = kpi.Exclusions.Count == 0
            ? "CAST(NULL AS INTEGER)"
            : "CASE " + string.Concat(kpi.Exclusions.Select((e, i) => $"WHEN {FactSql.Condition(e.When)} THEN {i} ")) + "END";
        // Mean durations measure only rows that have the duration; ratios measure every row not excluded.
        string measured = kpi.Formula == FormulaKind.MeanDuration ? "excl IS NULL AND t IS NOT NULL" : "excl IS NULL";

        var sql = new StringBuilder();
        sql.Append("SELECT period_start");
        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", b{i}");
        }

        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", GROUPING(b{i})");
        }

        sql.Append(", count(*)");
        for (int i = 0; i < kpi.Exclusions.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", count(*) FILTER (WHERE excl = {i})");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            , count(*) FILTER (WHERE {measured})
            , sum(t) FILTER (WHERE {measured}), min(t) FILTER (WHERE {measured}), max(t) FILTER (WHERE {measured})
            , quantile_cont(t, 0.5) FILTER (WHERE {measured}), quantile_cont(t, 0.9) FILTER (WHERE {measured})
            , count(*) FILTER (WHERE {measured} AND hit)
            FROM (
                SELECT CAST(date_trunc('{period}', f.business_date) AS DATE) AS period_start,
                       {exclusion} AS excl, {t} AS t, {hit} AS hit
            """);
        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {FactSql.Breakdown(breakdowns[i])} AS b{i}");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""

                FROM fact_declaration f JOIN dim_office o ON o.office_code = f.office_code
                WHERE f.business_date >= $from AND f.business_date < $to AND {FactSql.Condition(kpi.Population)}
            ) x
            GROUP BY GROUPING SETS ((period_start)
            """);
        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", (period_start, b{i})");
        }

        sql.Append(") ORDER BY 1");
        return sql.ToString();
    }

    private static long Long(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static double? Double(System.Data.IDataRecord r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}
