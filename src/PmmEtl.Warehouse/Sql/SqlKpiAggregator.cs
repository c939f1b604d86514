using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// One GROUPING SETS query per KPI, part and period type: the total and every breakdown in a single scan.
/// Exclusions are tested in the catalogue's order; the first that matches is the declaration's reason.
/// Conditional aggregates are written as CASE inside the aggregate so the same SQL runs on every engine; only
/// the percentile comes from the dialect, and where an engine has no percentile aggregate (SQL Server) it is
/// computed by a window-function pass per grouping and joined back.
/// </summary>
public sealed class SqlKpiAggregator : IKpiAggregator
{
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly FactSql _fact;

    public SqlKpiAggregator(SqlCommands sql, ISqlDialect dialect)
    {
        _sql = sql;
        _dialect = dialect;
        _fact = new FactSql(dialect);
    }

    public IEnumerable<KpiAggregate> Aggregate(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, LocalDate from, LocalDate to)
    {
        (string, object?)[] p = [("from", from.ToDateOnly()), ("to", to.ToDateOnly())];
        bool percentilesSeparately = kpi.Formula == FormulaKind.MeanDuration && _dialect.Percentile("t", 0.5) is null;
        Dictionary<(DateOnly, int, string?), (double? Median, double? P90)>? percentiles = percentilesSeparately
            ? Percentiles(kpi, part, periodType, breakdowns, p)
            : null;

        int exclusions = kpi.Exclusions.Count;
        var result = new List<KpiAggregate>();
        foreach (DbDataReader reader in _sql.Rows(BuildSql(kpi, part, periodType, breakdowns), p))
        {
            int col = 0;
            DateOnly periodStart = Read.Date(reader, col++);
            int grouping = -1;
            string? value = null;
            for (int i = 0; i < breakdowns.Count; i++)
            {
                if (Read.Long(reader, col + breakdowns.Count + i) == 0)
                {
                    grouping = i;
                    value = Read.NullableText(reader, col + i);
                }
            }

            col += 2 * breakdowns.Count;
            long population = Read.Long(reader, col++);
            var excluded = new long[exclusions];
            for (int i = 0; i < exclusions; i++)
            {
                excluded[i] = Read.Long(reader, col++);
            }

            long measured = Read.Long(reader, col++);
            double? sum = Read.NullableDouble(reader, col++);
            double? min = Read.NullableDouble(reader, col++);
            double? max = Read.NullableDouble(reader, col++);
            double? median = Read.NullableDouble(reader, col++);
            double? p90 = Read.NullableDouble(reader, col++);
            long hits = Read.Long(reader, col);
            if (percentiles is not null && percentiles.TryGetValue((periodStart, grouping, value), out var pc))
            {
                (median, p90) = pc;
            }

            result.Add(new KpiAggregate(LocalDate.FromDateOnly(periodStart), grouping < 0 ? null : breakdowns[grouping], value,
                population, excluded, measured, sum, min, max, median, p90, hits));
        }

        return result;
    }

    public IReadOnlyDictionary<int, long> Distribution(KpiDefinition kpi, LocalDate from, LocalDate to) =>
        _sql.Rows(DistributionSql(kpi), ("from", from.ToDateOnly()), ("to", to.ToDateOnly()))
            .ToDictionary(r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r => Read.Long(r, 1));

    public string DistributionSql(KpiDefinition kpi)
    {
        string t = FactSql.DurationColumn(kpi.Interval!.Value, DurationPart.Total);
        IReadOnlyList<double> edges = DistributionBins.EdgesMinutes;
        // Bin i holds edges[i] <= t < edges[i+1]; negative durations cannot occur (the normaliser refuses them).
        string bin = "CASE " + string.Concat(Enumerable.Range(1, edges.Count - 1).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"WHEN t < {edges[i]} THEN {i - 1} "))) + $"ELSE {edges.Count - 1} END";
        string sql = $"""
            SELECT bin, count(*) FROM (
                SELECT {bin} AS bin FROM (
                    SELECT {t} AS t, {Exclusion(kpi)} AS excl
                    FROM fact_declaration f JOIN dim_office o ON o.office_code = f.office_code
                    WHERE f.business_date >= @from AND f.business_date < @to AND {_fact.Condition(kpi.Population!)}
                ) x WHERE excl IS NULL AND t IS NOT NULL
            ) b GROUP BY bin
            """;
        return sql;
    }

    public string BuildSql(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns)
    {
        const string Measured = "excl IS NULL AND t IS NOT NULL";
        string measured = kpi.Formula == FormulaKind.MeanDuration ? Measured : "excl IS NULL";
        string tm = $"CASE WHEN {measured} THEN t END";
        var sql = new StringBuilder("SELECT period_start");
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
            sql.Append(CultureInfo.InvariantCulture, $", count(CASE WHEN excl = {i} THEN 1 END)");
        }

        string median = _dialect.Percentile(tm, 0.5) ?? $"CAST(NULL AS {_dialect.DoubleType})";
        string p90 = _dialect.Percentile(tm, 0.9) ?? $"CAST(NULL AS {_dialect.DoubleType})";
        sql.Append(CultureInfo.InvariantCulture, $"""
            , count(CASE WHEN {measured} THEN 1 END)
            , sum({tm}), min({tm}), max({tm}), {median}, {p90}
            , count(CASE WHEN {measured} AND hit = 1 THEN 1 END)
            FROM ({Inner(kpi, part, periodType, breakdowns)}) x
            GROUP BY GROUPING SETS ((period_start)
            """);
        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", (period_start, b{i})");
        }

        sql.Append(") ORDER BY period_start");
        return sql.ToString();
    }

    /// <summary>The per-declaration rows a KPI aggregates: period, exclusion reason, duration, numerator hit, breakdown values.</summary>
    private string Inner(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns)
    {
        string t = kpi.Formula == FormulaKind.MeanDuration && kpi.Interval is { } interval
            ? FactSql.DurationColumn(interval, part)
            : $"CAST(NULL AS {_dialect.DoubleType})";
        string hit = kpi.Numerator is { } numerator ? $"CASE WHEN {_fact.Condition(numerator)} THEN 1 ELSE 0 END" : "0";
        var sql = new StringBuilder($"""
            SELECT {_dialect.PeriodStart(periodType, "f.business_date")} AS period_start,
                   {Exclusion(kpi)} AS excl, {t} AS t, {hit} AS hit
            """);
        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {_fact.Breakdown(breakdowns[i])} AS b{i}");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""

            FROM fact_declaration f JOIN dim_office o ON o.office_code = f.office_code
            WHERE f.business_date >= @from AND f.business_date < @to AND {_fact.Condition(kpi.Population!)}
            """);
        return sql.ToString();
    }

    private string Exclusion(KpiDefinition kpi) => kpi.Exclusions.Count == 0
        ? "CAST(NULL AS INTEGER)"
        : "CASE " + string.Concat(kpi.Exclusions.Select((e, i) => $"WHEN {_fact.Condition(e.When)} THEN {i} ")) + "END";

    /// <summary>Median and 90th percentile per grouping through the window function, for engines without a percentile aggregate.</summary>
    private Dictionary<(DateOnly, int, string?), (double?, double?)> Percentiles(
        KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, (string, object?)[] p)
    {
        var result = new Dictionary<(DateOnly, int, string?), (double?, double?)>();
        for (int g = -1; g < breakdowns.Count; g++)
        {
            foreach (DbDataReader r in _sql.Rows(PercentileSql(kpi, part, periodType, breakdowns, g), p))
            {
                result[(Read.Date(r, 0), g, Read.NullableText(r, 1))] = (Read.NullableDouble(r, 2), Read.NullableDouble(r, 3));
            }
        }

        return result;
    }

    /// <summary>The percentile pass of one grouping (-1: the total): PERCENTILE_CONT as a window function.</summary>
    public string PercentileSql(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, int grouping)
    {
        string key = grouping < 0 ? "CAST(NULL AS VARCHAR(200))" : $"b{grouping}";
        string partition = grouping < 0 ? "period_start" : $"period_start, b{grouping}";
        return $"""
            SELECT DISTINCT period_start, {key},
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t) OVER (PARTITION BY {partition}),
                   PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY t) OVER (PARTITION BY {partition})
            FROM ({Inner(kpi, part, periodType, breakdowns)}) x
            WHERE excl IS NULL AND t IS NOT NULL
            """;
    }
}
