using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// One GROUPING SETS query per KPI and part covers the month, quarter and year periods and, in each, the total and
/// every breakdown (durations with breakdowns excepted: see <see cref="Aggregate"/>). The measurer asks for one period
/// type at a time, so the answers for the other two are kept until it asks for them (and forgotten when the warehouse
/// starts a load). Exclusions are tested in the catalogue's order;
/// the first that matches is the declaration's reason. Conditional aggregates are written as CASE inside the
/// aggregate so the same SQL runs on every engine; only the percentile comes from the dialect, and where an engine
/// has no percentile aggregate (SQL Server) it is computed by a window-function pass per grouping and joined back,
/// one period type at a time.
/// </summary>
public sealed class SqlKpiAggregator : IKpiAggregator
{
    private static readonly PeriodType[] AllPeriods = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];

    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly FactSql _fact;
    private readonly Dictionary<(Batch, PeriodType), List<KpiAggregate>> _pending = [];

    public SqlKpiAggregator(SqlCommands sql, ISqlDialect dialect)
    {
        _sql = sql;
        _dialect = dialect;
        _fact = new FactSql(dialect);
    }

    public IEnumerable<KpiAggregate> Aggregate(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, LocalDate from, LocalDate to)
    {
        var batch = new Batch(kpi.Code, part, string.Join(",", breakdowns), from, to);
        if (_pending.Remove((batch, periodType), out List<KpiAggregate>? kept))
        {
            return kept;
        }

        (string, object?)[] p = [("from", from.ToDateOnly()), ("to", to.ToDateOnly())];
        bool percentilesSeparately = kpi.Formula == FormulaKind.MeanDuration && _dialect.Percentile("t", 0.5) is null;
        if (percentilesSeparately)
        {
            return Query(kpi, part, [periodType], breakdowns, p, Percentiles(kpi, part, periodType, breakdowns, p))[periodType];
        }

        // Percentile states live outside the engine's memory limit (DuckDB keeps every value of every group in them): for
        // durations broken down, three period types at once held about 600 MB at 10M declarations, so those stay one
        // period type per query. Totals and ratios are cheap in memory and share one scan.
        IReadOnlyList<PeriodType> periods = kpi.Formula == FormulaKind.MeanDuration && breakdowns.Count > 0 ? [periodType] : AllPeriods;
        Dictionary<PeriodType, List<KpiAggregate>> all = Query(kpi, part, periods, breakdowns, p, null);
        foreach (PeriodType other in periods.Where(t => t != periodType))
        {
            _pending[(batch, other)] = all[other];
        }

        return all[periodType];
    }

    /// <summary>Answers kept for later period types describe the fact as it was: a load makes them stale.</summary>
    internal void ForgetPending() => _pending.Clear();

    private Dictionary<PeriodType, List<KpiAggregate>> Query(KpiDefinition kpi, DurationPart part, IReadOnlyList<PeriodType> periods,
        IReadOnlyList<BreakdownKind> breakdowns, (string, object?)[] p, Dictionary<(DateOnly, int, string?), (double? Median, double? P90)>? percentiles)
    {
        int exclusions = kpi.Exclusions.Count;
        var result = periods.ToDictionary(t => t, _ => new List<KpiAggregate>());
        foreach (DbDataReader reader in _sql.Rows(BuildSql(kpi, part, periods, breakdowns), p))
        {
            // Exactly one period column is grouped in each row: it says the row's period type and start.
            int period = Enumerable.Range(0, periods.Count).First(k => Read.Long(reader, periods.Count + breakdowns.Count + k) == 0);
            DateOnly periodStart = Read.Date(reader, period);
            int col = periods.Count;
            int grouping = -1;
            string? value = null;
            for (int i = 0; i < breakdowns.Count; i++)
            {
                if (Read.Long(reader, col + breakdowns.Count + periods.Count + i) == 0)
                {
                    grouping = i;
                    value = Read.NullableText(reader, col + i);
                }
            }

            col += 2 * (breakdowns.Count + periods.Count) - periods.Count;
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

            result[periods[period]].Add(new KpiAggregate(LocalDate.FromDateOnly(periodStart), grouping < 0 ? null : breakdowns[grouping], value,
                population, excluded, measured, sum, min, max, median, p90, hits));
        }

        foreach (List<KpiAggregate> rows in result.Values)
        {
            rows.Sort((a, b) => a.PeriodStart.CompareTo(b.PeriodStart));
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

    public string BuildSql(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns) =>
        BuildSql(kpi, part, [periodType], breakdowns);

    /// <summary>
    /// The aggregates of every period type given, in one scan: columns p0… (period starts), b0… (breakdown values),
    /// GROUPING of each, then the counts and statistics; one grouping set per period type alone and with each breakdown.
    /// </summary>
    public string BuildSql(KpiDefinition kpi, DurationPart part, IReadOnlyList<PeriodType> periods, IReadOnlyList<BreakdownKind> breakdowns)
    {
        const string Measured = "excl IS NULL AND t IS NOT NULL";
        string measured = kpi.Formula == FormulaKind.MeanDuration ? Measured : "excl IS NULL";
        string tm = $"CASE WHEN {measured} THEN t END";
        string[] keys = [.. periods.Select((_, k) => $"p{k}"), .. breakdowns.Select((_, i) => $"b{i}")];
        var sql = new StringBuilder("SELECT ").AppendJoin(", ", keys);
        foreach (string key in keys)
        {
            sql.Append(CultureInfo.InvariantCulture, $", GROUPING({key})");
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
            FROM ({Inner(kpi, part, periods, breakdowns)}) x
            GROUP BY GROUPING SETS (
            """);
        var sets = new List<string>();
        for (int k = 0; k < periods.Count; k++)
        {
            sets.Add($"(p{k})");
            sets.AddRange(breakdowns.Select((_, i) => $"(p{k}, b{i})"));
        }

        sql.AppendJoin(", ", sets).Append(')');
        return sql.ToString();
    }

    /// <summary>The per-declaration rows a KPI aggregates: period starts, exclusion reason, duration, numerator hit, breakdown values.</summary>
    private string Inner(KpiDefinition kpi, DurationPart part, IReadOnlyList<PeriodType> periods, IReadOnlyList<BreakdownKind> breakdowns)
    {
        string t = kpi.Formula == FormulaKind.MeanDuration && kpi.Interval is { } interval
            ? FactSql.DurationColumn(interval, part)
            : $"CAST(NULL AS {_dialect.DoubleType})";
        string hit = kpi.Numerator is { } numerator ? $"CASE WHEN {_fact.Condition(numerator)} THEN 1 ELSE 0 END" : "0";
        var sql = new StringBuilder("SELECT ");
        for (int k = 0; k < periods.Count; k++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{_dialect.PeriodStart(periods[k], "f.business_date")} AS p{k}, ");
        }

        sql.Append(CultureInfo.InvariantCulture, $"{Exclusion(kpi)} AS excl, {t} AS t, {hit} AS hit");
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
        string partition = grouping < 0 ? "p0" : $"p0, b{grouping}";
        return $"""
            SELECT DISTINCT p0, {key},
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t) OVER (PARTITION BY {partition}),
                   PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY t) OVER (PARTITION BY {partition})
            FROM ({Inner(kpi, part, [periodType], breakdowns)}) x
            WHERE excl IS NULL AND t IS NOT NULL
            """;
    }

    /// <summary>What one KPI's aggregates are asked for with, but the period type.</summary>
    private readonly record struct Batch(string Kpi, DurationPart Part, string Breakdowns, LocalDate From, LocalDate To);
}
