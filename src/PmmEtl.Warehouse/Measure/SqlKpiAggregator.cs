using System.Data.Common;
using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// The engine side of the measure stage for every KPI and every record type, in standard SQL shared by the engines.
/// A population's counts and sums come from one query per population and year at the finest grain it is published at
/// (month × exclusion reason × numerator hit × every grouping value: a few thousand cells), which Core rolls up to every
/// period type, total, breakdown and responsible-actor part. Only medians and 90th percentiles cannot be rolled up:
/// they come from queries that carry nothing else, over the measured records only (one period type per query for the
/// groupings, since DuckDB keeps percentile states outside its memory limit; every period type at once for the totals
/// of the actor parts). Exclusions are tested in the catalogue's order; the first that matches is the record's reason.
/// Conditions, populations and filters compile through <see cref="RecordPredicates"/>, one condition language for all;
/// where an engine has no percentile aggregate (SQL Server) percentiles come from a window-function pass. Nothing is
/// kept between calls.
/// </summary>
public sealed class SqlKpiAggregator(SqlCommands sql, ISqlDialect dialect) : IKpiAggregator
{
    private const string Alias = "r0";
    private static readonly PeriodType[] AllPeriods = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];

    public PopulationCells Cells(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts, LocalDate from, LocalDate to)
    {
        var compiled = new Compiled(dialect, measure, groupings, parts);
        (string, object?)[] p = [("from", from.ToDateOnly()), ("to", to.ToDateOnly()), .. compiled.Parameters];
        var cells = new List<MeasureCell>();
        foreach (DbDataReader r in sql.Rows(compiled.CellsSql(), p))
        {
            int col = 0;
            var month = LocalDate.FromDateOnly(Read.Date(r, col++));
            int? excl = r.IsDBNull(col) ? null : (int)Read.Long(r, col);
            col++;
            bool hit = Read.Long(r, col++) == 1;
            var values = new string?[groupings.Count];
            for (int i = 0; i < groupings.Count; i++)
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

            cells.Add(new MeasureCell(month, excl, hit, values, rows, stats));
        }

        var percentiles = new Dictionary<PercentileKey, (double?, double?)>();
        foreach (DurationPart part in parts)
        {
            // The whole interval by every grouping; the actor parts for the total only, as they are published.
            IReadOnlyList<int> partGroupings = part == DurationPart.Total ? [.. Enumerable.Range(0, groupings.Count)] : [];
            Percentiles(compiled, part, partGroupings, p, percentiles);
        }

        return new PopulationCells(cells, percentiles);
    }

    /// <summary>Medians and 90th percentiles of one part for every period type, grouping (−1: the total) and value.</summary>
    private void Percentiles(Compiled compiled, DurationPart part, IReadOnlyList<int> groupings, (string, object?)[] p,
        Dictionary<PercentileKey, (double?, double?)> into)
    {
        if (dialect.Percentile("t", 0.5) is null)
        {
            foreach (PeriodType periodType in AllPeriods)
            {
                for (int g = -1; g < groupings.Count; g++)
                {
                    foreach (DbDataReader r in sql.Rows(compiled.WindowPercentileSql(part, periodType, g < 0 ? -1 : groupings[g]), p))
                    {
                        into[new PercentileKey(periodType, LocalDate.FromDateOnly(Read.Date(r, 0)), g < 0 ? -1 : groupings[g], Read.NullableText(r, 1), part)] =
                            (Read.NullableDouble(r, 2), Read.NullableDouble(r, 3));
                    }
                }
            }

            return;
        }

        // Percentile states hold every measured value of every group of every grouping set, outside DuckDB's memory
        // limit: with groupings, one period type per query (three at once held about 600 MB more at 10M declarations).
        IReadOnlyList<IReadOnlyList<PeriodType>> batches = groupings.Count > 0 ? [.. AllPeriods.Select(t => (IReadOnlyList<PeriodType>)[t])] : [AllPeriods];
        foreach (IReadOnlyList<PeriodType> periods in batches)
        {
            foreach (DbDataReader r in sql.Rows(compiled.PercentilesSql(part, periods, groupings), p))
            {
                // Exactly one period column is grouped in each row: it says the row's period type and start.
                int period = Enumerable.Range(0, periods.Count).First(k => Read.Long(r, periods.Count + groupings.Count + k) == 0);
                var start = LocalDate.FromDateOnly(Read.Date(r, period));
                int grouping = -1;
                string? value = null;
                for (int i = 0; i < groupings.Count; i++)
                {
                    if (Read.Long(r, (2 * periods.Count) + groupings.Count + i) == 0)
                    {
                        grouping = groupings[i];
                        value = Read.NullableText(r, periods.Count + i);
                    }
                }

                int col = 2 * (periods.Count + groupings.Count);
                into[new PercentileKey(periods[period], start, grouping, value, part)] = (Read.NullableDouble(r, col), Read.NullableDouble(r, col + 1));
            }
        }
    }

    public IReadOnlyDictionary<int, long> Distribution(PopulationMeasure measure, LocalDate from, LocalDate to)
    {
        var compiled = new Compiled(dialect, measure, [], [DurationPart.Total]);
        return sql.Rows(compiled.DistributionSql(), [("from", from.ToDateOnly()), ("to", to.ToDateOnly()), .. compiled.Parameters])
            .ToDictionary(r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r => Read.Long(r, 1));
    }

    public IReadOnlyList<VariableValue> Evaluate(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField)
    {
        VariableQuery query = Compile(variable, from, to, breakdownField);
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

    public VariableQuery Compile(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField) =>
        VariableQuery.Build(dialect, variable, from, to, breakdownField);

    public RecordCoverage Coverage(RecordSchema type)
    {
        var months = new HashSet<LocalDate>();
        if (type.DateField is not { } date)
        {
            return new RecordCoverage(sql.Long(HasRecordsSql(type)) == 1, months);
        }

        foreach (DbDataReader r in sql.Rows(MonthsSql(type, date)))
        {
            months.Add(LocalDate.FromDateOnly(Read.Date(r, 0)));
        }

        return new RecordCoverage(months.Count > 0, months);
    }

    /// <summary>1 when the type's table holds a row, else 0: EXISTS stops at the first row.</summary>
    public static string HasRecordsSql(RecordSchema type) =>
        $"SELECT CASE WHEN EXISTS (SELECT 1 FROM {RecordColumns.Table(type)}) THEN 1 ELSE 0 END";

    /// <summary>The months (first days) in which a dated type holds records.</summary>
    public string MonthsSql(RecordSchema type, string dateField) =>
        $"SELECT DISTINCT {dialect.PeriodStart(PeriodType.Month, RecordColumns.Column(type.Field(dateField)))} FROM {RecordColumns.Table(type)}";

    /// <summary>The SQL text of a population's cells, for tests that parse every engine's statements.</summary>
    public string CellsSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts) =>
        new Compiled(dialect, measure, groupings, parts).CellsSql();

    public string PercentilesSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, DurationPart part, IReadOnlyList<PeriodType> periods) =>
        new Compiled(dialect, measure, groupings, [part]).PercentilesSql(part, periods, [.. Enumerable.Range(0, groupings.Count)]);

    public string WindowPercentileSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, DurationPart part, PeriodType periodType, int grouping) =>
        new Compiled(dialect, measure, groupings, [part]).WindowPercentileSql(part, periodType, grouping);

    public string DistributionSql(PopulationMeasure measure) => new Compiled(dialect, measure, [], [DurationPart.Total]).DistributionSql();

    /// <summary>One population compiled to SQL fragments over its type's table: population, exclusion reason, hit, durations, grouping values.</summary>
    private sealed class Compiled
    {
        private readonly ISqlDialect _dialect;
        private readonly PopulationMeasure _measure;
        private readonly RecordSchema _type;
        private readonly IReadOnlyList<DurationPart> _parts;
        private readonly string _table;
        private readonly string _date;
        private readonly string _population;
        private readonly string _exclusion;
        private readonly string _hit;
        private readonly string[] _groupings;

        public Compiled(ISqlDialect dialect, PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts)
        {
            _dialect = dialect;
            _measure = measure;
            _parts = parts;
            var predicates = new RecordPredicates(dialect, $"the population of {measure.RecordType}");
            _type = predicates.Register(measure.RecordType);
            _table = RecordColumns.Table(_type);
            _date = predicates.Column(_type, Alias, _type.DateField ?? throw new ArgumentException($"record type '{_type.Name}' has no date: a population is measured by period"),
                "the period date", FieldType.Date);
            _population = predicates.Condition(measure.Population, _type, Alias);
            _exclusion = measure.Exclusions.Count == 0
                ? "CAST(NULL AS INTEGER)"
                : "CASE " + string.Concat(measure.Exclusions.Select((e, i) => $"WHEN {predicates.Condition(e.When, _type, Alias)} THEN {i} ")) + "END";
            _hit = measure.Numerator is { } numerator ? $"CASE WHEN {predicates.Condition(numerator, _type, Alias)} THEN 1 ELSE 0 END" : "0";
            _groupings = groupings.Select(g => Grouping(predicates, g)).ToArray();
            Parameters = predicates.Values;
        }

        public IReadOnlyList<(string Name, object? Value)> Parameters { get; }

        private string Grouping(RecordPredicates predicates, Breakdown breakdown)
        {
            RecordField field = predicates.Field(_type, breakdown.Field ?? throw new ArgumentException($"breakdown {breakdown.Kind} has no field"), "a breakdown");
            string column = $"{Alias}.{RecordColumns.Column(field)}";
            return field.Type == FieldType.Bool
                ? $"CASE WHEN {column} IS NULL THEN NULL WHEN {_dialect.IsTrue(column)} THEN '{Label(breakdown.TrueLabel ?? "YES")}' ELSE '{Label(breakdown.FalseLabel ?? "NO")}' END"
                : RecordColumns.FieldText(_dialect, field, Alias);
        }

        private static string Label(string label) =>
            label.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') ? label : throw new ArgumentException($"'{label}' is not a plain label", nameof(label));

        private string Duration(DurationPart part)
        {
            DurationFields duration = _measure.Duration ?? throw new InvalidOperationException("the population measures no duration");
            return $"{Alias}.{RecordColumns.Column(_type.Field(duration.Field(part)))}";
        }

        private string From => $"FROM {_table} {Alias} WHERE {_date} >= @from AND {_date} < @to AND {_population}";

        /// <summary>
        /// The finest cells: month, exclusion reason, numerator hit and every grouping value, with the number of records
        /// and, per part, the count, sum, minimum and maximum of the measured minutes.
        /// </summary>
        public string CellsSql()
        {
            string[] keys = ["p0", "excl", "hit", .. _groupings.Select((_, i) => $"b{i}")];
            var sql = new StringBuilder("SELECT ").AppendJoin(", ", keys).Append(", count(*)");
            for (int k = 0; k < _parts.Count; k++)
            {
                // The sum is exact in DECIMAL: a double sum depends on the order the engine's threads add in, and a last
                // digit that moves from run to run would publish a new snapshot version of unchanged data.
                sql.Append(CultureInfo.InvariantCulture, $", count(t{k}), sum(CAST(t{k} AS DECIMAL(18, 6))), min(t{k}), max(t{k})");
            }

            sql.Append(" FROM (SELECT ").Append(_dialect.PeriodStart(PeriodType.Month, _date)).Append(" AS p0, ")
                .Append(_exclusion).Append(" AS excl, ").Append(_hit).Append(" AS hit");
            for (int k = 0; k < _parts.Count; k++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", {Duration(_parts[k])} AS t{k}");
            }

            for (int i = 0; i < _groupings.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", {_groupings[i]} AS b{i}");
            }

            sql.Append(CultureInfo.InvariantCulture, $"""

                {From}) x
                GROUP BY {string.Join(", ", keys)}
                """);
            return sql.ToString();
        }

        /// <summary>
        /// Medians and 90th percentiles of the measured rows for every period type given, in one scan: columns p0…
        /// (period starts), b0… (grouping values), GROUPING of each, then the two percentiles; one grouping set per period
        /// type alone and with each grouping.
        /// </summary>
        public string PercentilesSql(DurationPart part, IReadOnlyList<PeriodType> periods, IReadOnlyList<int> groupings)
        {
            string[] keys = [.. periods.Select((_, k) => $"p{k}"), .. groupings.Select((_, i) => $"b{i}")];
            var sql = new StringBuilder("SELECT ").AppendJoin(", ", keys);
            foreach (string key in keys)
            {
                sql.Append(CultureInfo.InvariantCulture, $", GROUPING({key})");
            }

            sql.Append(CultureInfo.InvariantCulture, $"""
                , {_dialect.Percentile("t", 0.5)}, {_dialect.Percentile("t", 0.9)}
                FROM ({Inner(part, periods, groupings)}) x
                WHERE excl IS NULL AND t IS NOT NULL
                GROUP BY GROUPING SETS (
                """);
            var sets = new List<string>();
            for (int k = 0; k < periods.Count; k++)
            {
                sets.Add($"(p{k})");
                sets.AddRange(groupings.Select((_, i) => $"(p{k}, b{i})"));
            }

            sql.AppendJoin(", ", sets).Append(')');
            return sql.ToString();
        }

        /// <summary>The percentile pass of one grouping (−1: the total) for engines without a percentile aggregate: PERCENTILE_CONT as a window function.</summary>
        public string WindowPercentileSql(DurationPart part, PeriodType periodType, int grouping)
        {
            IReadOnlyList<int> groupings = grouping < 0 ? [] : [grouping];
            string key = grouping < 0 ? "CAST(NULL AS VARCHAR(200))" : "b0";
            string partition = grouping < 0 ? "p0" : "p0, b0";
            return $"""
                SELECT DISTINCT p0, {key},
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t) OVER (PARTITION BY {partition}),
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY t) OVER (PARTITION BY {partition})
                FROM ({Inner(part, [periodType], groupings)}) x
                WHERE excl IS NULL AND t IS NOT NULL
                """;
        }

        /// <summary>Bin i holds edges[i] ≤ t &lt; edges[i+1]; negative durations cannot occur (the normaliser refuses them).</summary>
        public string DistributionSql()
        {
            IReadOnlyList<double> edges = DistributionBins.EdgesMinutes;
            string bin = "CASE " + string.Concat(Enumerable.Range(1, edges.Count - 1).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"WHEN t < {edges[i]} THEN {i - 1} "))) + $"ELSE {edges.Count - 1} END";
            return $"""
                SELECT bin, count(*) FROM (
                    SELECT {bin} AS bin FROM (
                        SELECT {Duration(DurationPart.Total)} AS t, {_exclusion} AS excl
                        {From}
                    ) x WHERE excl IS NULL AND t IS NOT NULL
                ) b GROUP BY bin
                """;
        }

        /// <summary>The per-record rows a percentile pass aggregates: period starts, exclusion reason, duration, grouping values.</summary>
        private string Inner(DurationPart part, IReadOnlyList<PeriodType> periods, IReadOnlyList<int> groupings)
        {
            var sql = new StringBuilder("SELECT ");
            for (int k = 0; k < periods.Count; k++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{_dialect.PeriodStart(periods[k], _date)} AS p{k}, ");
            }

            sql.Append(CultureInfo.InvariantCulture, $"{_exclusion} AS excl, {Duration(part)} AS t");
            for (int i = 0; i < groupings.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", {_groupings[groupings[i]]} AS b{i}");
            }

            sql.Append('\n').Append(From);
            return sql.ToString();
        }
    }
}
