using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// A KPI's counts and sums come from one query per KPI and year at the finest grain it is published at (month ×
/// exclusion reason × numerator hit × every breakdown value: a few thousand cells), rolled up here to months,
/// quarters, years, totals and breakdowns, for the total and every responsible-actor part at once. Only medians and
/// 90th percentiles cannot be rolled up: they come from queries that carry nothing else, over the measured rows only
/// (one period type per query for a KPI's breakdowns, since DuckDB keeps percentile states outside its memory limit;
/// every period type at once for the actor parts and KPIs without breakdowns). Before this, every KPI, part and period
/// type had its own GROUPING SETS query with all aggregates, whose hash tables were most of the measure's time.
/// Exclusions are tested in the catalogue's order; the first that matches is the declaration's reason. Conditional
/// aggregates are written as CASE so the same SQL runs on every engine; where an engine has no percentile aggregate
/// (SQL Server) percentiles come from a window-function pass per grouping.
/// </summary>
public sealed class SqlKpiAggregator : IKpiAggregator
{
    private static readonly PeriodType[] AllPeriods = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];
    private static readonly DurationPart[] Parts = [DurationPart.Total, DurationPart.Business, DurationPart.Oga, DurationPart.Customs];

    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly FactSql _fact;
    private readonly Dictionary<(Batch, PeriodType), Dictionary<(LocalDate, int, string?), (double?, double?)>> _pending = [];
    private (string Kpi, LocalDate From, LocalDate To, List<Cell> Cells)? _cube;

    public SqlKpiAggregator(SqlCommands sql, ISqlDialect dialect)
    {
        _sql = sql;
        _dialect = dialect;
        _fact = new FactSql(dialect);
    }

    public IEnumerable<KpiAggregate> Aggregate(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, LocalDate from, LocalDate to)
    {
        IReadOnlyList<BreakdownKind> all = kpi.Groupings;
        int[] index = breakdowns.Select(b => IndexOf(all, b, kpi)).ToArray();
        List<Cell> cells = Cells(kpi, from, to);
        Dictionary<(LocalDate, int, string?), (double?, double?)>? percentiles =
            kpi.Formula == FormulaKind.MeanDuration ? Percentiles(kpi, part, periodType, breakdowns, from, to) : null;
        return Roll(kpi, part, periodType, breakdowns, index, cells, percentiles);
    }

    /// <summary>Answers kept for later calls describe the fact as it was: a load makes them stale.</summary>
    internal void ForgetPending()
    {
        _pending.Clear();
        _cube = null;
    }

    private static int IndexOf(IReadOnlyList<BreakdownKind> all, BreakdownKind kind, KpiDefinition kpi)
    {
        for (int i = 0; i < all.Count; i++)
        {
            if (all[i] == kind)
            {
                return i;
            }
        }

        throw new ArgumentException($"{kpi.Code} has no breakdown {kind}", nameof(kind));
    }

    /// <summary>The parts a KPI's cells carry sums for: every actor part for split durations, the total for other durations, none for counts.</summary>
    private static IReadOnlyList<DurationPart> PartsOf(KpiDefinition kpi) =>
        kpi.Formula != FormulaKind.MeanDuration ? [] : kpi.HasActorSplit ? Parts : [DurationPart.Total];

    /// <summary>The finest cells of one KPI and year, read once and kept while the measurer asks for its parts and period types.</summary>
    private List<Cell> Cells(KpiDefinition kpi, LocalDate from, LocalDate to)
    {
        if (_cube is { } c && c.Kpi == kpi.Code && c.From == from && c.To == to)
        {
            return c.Cells;
        }

        int breakdowns = kpi.Groupings.Count;
        IReadOnlyList<DurationPart> parts = PartsOf(kpi);
        var cells = new List<Cell>();
        foreach (DbDataReader r in _sql.Rows(CellsSql(kpi), ("from", from.ToDateOnly()), ("to", to.ToDateOnly())))
        {
            int col = 0;
            var month = LocalDate.FromDateOnly(Read.Date(r, col++));
            int? excl = r.IsDBNull(col) ? null : (int)Read.Long(r, col);
            col++;
            bool hit = Read.Long(r, col++) == 1;
            var values = new string?[breakdowns];
            for (int i = 0; i < breakdowns; i++)
            {
                values[i] = Read.NullableText(r, col++);
            }

            long rows = Read.Long(r, col++);
            var stats = new PartStats[parts.Count];
            for (int k = 0; k < parts.Count; k++)
            {
                stats[k] = new PartStats(Read.Long(r, col), Read.NullableDecimal(r, col + 1), Read.NullableDouble(r, col + 2), Read.NullableDouble(r, col + 3));
                col += 4;
            }

            cells.Add(new Cell(month, excl, hit, values, rows, stats));
        }

        _cube = (kpi.Code, from, to, cells);
        return cells;
    }

    private static List<KpiAggregate> Roll(KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns,
        int[] index, List<Cell> cells, Dictionary<(LocalDate, int, string?), (double?, double?)>? percentiles)
    {
        int partIndex = PartsOf(kpi) is { Count: > 0 } parts ? IndexOfPart(parts, part) : -1;
        var groups = new Dictionary<(LocalDate Start, int Grouping, string? Value), Totals>();
        foreach (Cell cell in cells)
        {
            LocalDate start = Periods.Start(periodType, cell.Month);
            Add(groups, (start, -1, null), cell, partIndex, kpi.Exclusions.Count);
            for (int g = 0; g < index.Length; g++)
            {
                Add(groups, (start, g, cell.Values[index[g]]), cell, partIndex, kpi.Exclusions.Count);
            }
        }

        var result = new List<KpiAggregate>(groups.Count);
        foreach (((LocalDate start, int grouping, string? value), Totals t) in groups)
        {
            (double? median, double? p90) = percentiles is not null && percentiles.TryGetValue((start, grouping, value), out var pc) ? pc : (null, null);
            result.Add(new KpiAggregate(start, grouping < 0 ? null : breakdowns[grouping], value, t.Population, t.Excluded, t.Measured,
                (double?)t.Sum, t.Min, t.Max, median, p90, t.Hits));
        }

        result.Sort((a, b) => a.PeriodStart.CompareTo(b.PeriodStart));
        return result;
    }

    private static int IndexOfPart(IReadOnlyList<DurationPart> parts, DurationPart part)
    {
        for (int k = 0; k < parts.Count; k++)
        {
            if (parts[k] == part)
            {
                return k;
            }
        }

        throw new ArgumentException($"the cells carry no {part} part", nameof(part));
    }

    private static void Add(Dictionary<(LocalDate, int, string?), Totals> groups, (LocalDate, int, string?) key, Cell cell, int part, int exclusions)
    {
        if (!groups.TryGetValue(key, out Totals? t))
        {
            groups[key] = t = new Totals(exclusions);
        }

        t.Population += cell.Rows;
        if (cell.Exclusion is { } e)
        {
            t.Excluded[e] += cell.Rows;
            return;
        }

        // Counts are measured when not excluded; durations only where the part's interval was measured too.
        long measured = part < 0 ? cell.Rows : cell.Parts[part].Count;
        t.Measured += measured;
        if (cell.Hit)
        {
            t.Hits += measured;
        }

        if (part >= 0 && cell.Parts[part] is { Count: > 0 } s)
        {
            t.Sum = (t.Sum ?? 0) + s.Sum;
            t.Min = t.Min is { } min && min <= s.Min ? min : s.Min;
            t.Max = t.Max is { } max && max >= s.Max ? max : s.Max;
        }
    }

    /// <summary>Median and 90th percentile per period start, grouping (-1: the total) and breakdown value.</summary>
    private Dictionary<(LocalDate, int, string?), (double?, double?)> Percentiles(
        KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, LocalDate from, LocalDate to)
    {
        var batch = new Batch(kpi.Code, part, string.Join(",", breakdowns), from, to);
        if (_pending.Remove((batch, periodType), out var kept))
        {
            return kept;
        }

        (string, object?)[] p = [("from", from.ToDateOnly()), ("to", to.ToDateOnly())];
        if (_dialect.Percentile("t", 0.5) is null)
        {
            return WindowPercentiles(kpi, part, periodType, breakdowns, p);
        }

        // Percentile states hold every measured value of every group of every grouping set, outside DuckDB's memory
        // limit: with breakdowns, one period type per query (three at once held about 600 MB more at 10M declarations).
        IReadOnlyList<PeriodType> periods = breakdowns.Count > 0 ? [periodType] : AllPeriods;
        var all = periods.ToDictionary(t => t, _ => new Dictionary<(LocalDate, int, string?), (double?, double?)>());
        foreach (DbDataReader r in _sql.Rows(PercentilesSql(kpi, part, periods, breakdowns), p))
        {
            // Exactly one period column is grouped in each row: it says the row's period type and start.
            int period = Enumerable.Range(0, periods.Count).First(k => Read.Long(r, periods.Count + breakdowns.Count + k) == 0);
            var start = LocalDate.FromDateOnly(Read.Date(r, period));
            int grouping = -1;
            string? value = null;
            for (int i = 0; i < breakdowns.Count; i++)
            {
                if (Read.Long(r, (2 * periods.Count) + breakdowns.Count + i) == 0)
                {
                    grouping = i;
                    value = Read.NullableText(r, periods.Count + i);
                }
            }

            int col = 2 * (periods.Count + breakdowns.Count);
            all[periods[period]][(start, grouping, value)] = (Read.NullableDouble(r, col), Read.NullableDouble(r, col + 1));
        }

        foreach (PeriodType other in periods.Where(t => t != periodType))
        {
            _pending[(batch, other)] = all[other];
        }

        return all[periodType];
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

    /// <summary>
    /// The finest cells of a KPI: month, exclusion reason, numerator hit and every breakdown value, with the number of
    /// declarations and, per part (<see cref="PartsOf"/>), the count, sum, minimum and maximum of the measured minutes.
    /// </summary>
    public string CellsSql(KpiDefinition kpi)
    {
        IReadOnlyList<BreakdownKind> breakdowns = kpi.Groupings;
        IReadOnlyList<DurationPart> parts = PartsOf(kpi);
        string[] keys = ["p0", "excl", "hit", .. breakdowns.Select((_, i) => $"b{i}")];
        var sql = new StringBuilder("SELECT ").AppendJoin(", ", keys).Append(", count(*)");
        for (int k = 0; k < parts.Count; k++)
        {
            // The sum is exact in DECIMAL: a double sum depends on the order the engine's threads add in, and a last
            // digit that moves from run to run would publish a new snapshot version of unchanged data.
            sql.Append(CultureInfo.InvariantCulture, $", count(t{k}), sum(CAST(t{k} AS DECIMAL(18, 6))), min(t{k}), max(t{k})");
        }

        sql.Append(" FROM (SELECT ").Append(_dialect.PeriodStart(PeriodType.Month, "f.business_date")).Append(" AS p0, ")
            .Append(Exclusion(kpi)).Append(" AS excl, ").Append(Hit(kpi)).Append(" AS hit");
        for (int k = 0; k < parts.Count; k++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {FactSql.DurationColumn(kpi.Interval!.Value, parts[k])} AS t{k}");
        }

        for (int i = 0; i < breakdowns.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {_fact.Breakdown(breakdowns[i])} AS b{i}");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""

            FROM fact_declaration f JOIN dim_office o ON o.office_code = f.office_code
            WHERE f.business_date >= @from AND f.business_date < @to AND {_fact.Condition(kpi.Population!)}) x
            GROUP BY {string.Join(", ", keys)}
            """);
        return sql.ToString();
    }

    /// <summary>
    /// Medians and 90th percentiles of the measured rows for every period type given, in one scan: columns p0…
    /// (period starts), b0… (breakdown values), GROUPING of each, then the two percentiles; one grouping set per period
    /// type alone and with each breakdown.
    /// </summary>
    public string PercentilesSql(KpiDefinition kpi, DurationPart part, IReadOnlyList<PeriodType> periods, IReadOnlyList<BreakdownKind> breakdowns)
    {
        string[] keys = [.. periods.Select((_, k) => $"p{k}"), .. breakdowns.Select((_, i) => $"b{i}")];
        var sql = new StringBuilder("SELECT ").AppendJoin(", ", keys);
        foreach (string key in keys)
        {
            sql.Append(CultureInfo.InvariantCulture, $", GROUPING({key})");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            , {_dialect.Percentile("t", 0.5)}, {_dialect.Percentile("t", 0.9)}
            FROM ({Inner(kpi, part, periods, breakdowns)}) x
            WHERE excl IS NULL AND t IS NOT NULL
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
        string hit = Hit(kpi);
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

    private string Hit(KpiDefinition kpi) => kpi.Numerator is { } numerator ? $"CASE WHEN {_fact.Condition(numerator)} THEN 1 ELSE 0 END" : "0";

    private string Exclusion(KpiDefinition kpi) => kpi.Exclusions.Count == 0
        ? "CAST(NULL AS INTEGER)"
        : "CASE " + string.Concat(kpi.Exclusions.Select((e, i) => $"WHEN {_fact.Condition(e.When)} THEN {i} ")) + "END";

    /// <summary>Median and 90th percentile per grouping through the window function, for engines without a percentile aggregate.</summary>
    private Dictionary<(LocalDate, int, string?), (double?, double?)> WindowPercentiles(
        KpiDefinition kpi, DurationPart part, PeriodType periodType, IReadOnlyList<BreakdownKind> breakdowns, (string, object?)[] p)
    {
        var result = new Dictionary<(LocalDate, int, string?), (double?, double?)>();
        for (int g = -1; g < breakdowns.Count; g++)
        {
            foreach (DbDataReader r in _sql.Rows(PercentileSql(kpi, part, periodType, breakdowns, g), p))
            {
                result[(LocalDate.FromDateOnly(Read.Date(r, 0)), g, Read.NullableText(r, 1))] = (Read.NullableDouble(r, 2), Read.NullableDouble(r, 3));
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

    /// <summary>One finest cell: month, exclusion reason (null: not excluded), numerator hit, breakdown values, rows, part statistics.</summary>
    private sealed record Cell(LocalDate Month, int? Exclusion, bool Hit, string?[] Values, long Rows, PartStats[] Parts);

    private readonly record struct PartStats(long Count, decimal? Sum, double? Min, double? Max);

    /// <summary>A group being rolled up from cells.</summary>
    private sealed class Totals(int exclusions)
    {
        public long Population;
        public long[] Excluded = new long[exclusions];
        public long Measured;
        public long Hits;
        public decimal? Sum;
        public double? Min;
        public double? Max;
    }
}
