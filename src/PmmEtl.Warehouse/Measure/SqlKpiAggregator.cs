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
/// period type, total, breakdown and responsible-actor part. Medians and 90th percentiles cannot be rolled up from
/// those. Where the engine's own percentile aggregate is fast (DuckDB: <see cref="ISqlDialect.Percentile"/>) they come
/// from GROUPING SETS queries that compute nothing else, over the measured records only (one period type per query
/// for the groupings, since DuckDB keeps percentile states outside its memory limit). Elsewhere (PostgreSQL, SQL
/// Server) they come from a two-level exact rank search (<see cref="RankSearch"/>): one query of bin counts per month
/// and grouping value, rolled up here, then one query that fetches only the values at the needed ranks, so no grouping
/// set sorts the year; the values are the engine's own aggregate's, bit for bit. Exclusions are tested in the catalogue's order; the first that matches is the record's reason.
/// Conditions, populations and filters compile through <see cref="RecordPredicates"/>, one condition language for all.
/// <para>
/// With <paramref name="kept"/> (every warehouse's own aggregator), a year's cells, bin counts, month and quarter
/// percentiles and histograms are kept (<see cref="KeptMonths"/>) and only the months whose rows changed are computed
/// again; percentiles then always come from the rank search, whose level 1 is what is kept. Without it (tests' second
/// path), every call reads the year.
/// </para>
/// </summary>
/// <param name="rankSearch">True: the rank search even where the engine has a percentile aggregate (tests, to prove it on DuckDB too).</param>
/// <param name="kept">The kept month cells, or null to compute every call from the rows alone.</param>
public sealed class SqlKpiAggregator(SqlCommands sql, ISqlDialect dialect, bool rankSearch = false, KeptMonths? kept = null) : IKpiAggregator
{
    private static readonly PeriodType[] AllPeriods = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];

    /// <summary>
    /// Up to this many rows in a population, its percentiles by grouping take one query for every period type (one scan
    /// instead of three); above it, one period type per query, since percentile states hold every value of every group
    /// outside DuckDB's memory limit (see docs/benchmarks.md).
    /// </summary>
    private const long OneScanRows = 2_000_000;

    private const string Alias = "r0";

    /// <summary>The cells' sums of minutes come as integer millionths of a minute (<see cref="ISqlDialect.MicroMinuteSum"/>).</summary>
    private const decimal MicroMinutes = 1_000_000m;

    public PopulationCells Cells(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts, LocalDate from, LocalDate to)
    {
        var compiled = new Compiled(dialect, measure, groupings, parts);
        if (kept is not null && from.Day == 1 && to.Day == 1)
        {
            return Kept(kept, compiled, from, to);
        }

        (string, object?)[] p = Span(compiled, from, to);
        var cells = new List<MeasureCell>();
        ReadCells(compiled, p, cells.Add);
        var percentiles = new Dictionary<PercentileKey, (double?, double?)>();
        long populationRows = cells.Sum(c => c.Rows);
        if (parts.Count > 0 && (rankSearch || dialect.Percentile("t", 0.5) is null))
        {
            var search = new RankSearch(compiled.Parts, dialect.Interpolation);
            ReadBins(compiled, p, (month, bin) => search.Add(bin.Part, month, bin.Grouping, bin.Value, bin.Bin, bin.Count, bin.Min, bin.Max));
            Ranked(compiled, from, to, search, new RankValues(), null, percentiles);
        }
        else
        {
            foreach (DurationPart part in parts)
            {
                // The whole interval by every grouping; the actor parts for the total only, as they are published.
                IReadOnlyList<int> partGroupings = part == DurationPart.Total ? [.. Enumerable.Range(0, groupings.Count)] : [];
                Aggregated(compiled, part, partGroupings, populationRows, p, percentiles);
            }
        }

        return new PopulationCells(cells, percentiles);
    }

    /// <summary>
    /// A view for one measure: the kept months' fingerprints are taken once per table and remembered until it ends
    /// (<see cref="KeptMonths.ForOneMeasure"/>).
    /// </summary>
    public IKpiAggregator ForOneMeasure() => kept is null ? this : new SqlKpiAggregator(sql, dialect, rankSearch, kept.ForOneMeasure());

    public (int Reused, int Computed) KeptMonthCounts => kept?.Counts ?? (0, 0);

    /// <summary>
    /// The population's cells and percentiles from its kept months: the months of [from, to) whose rows (and every other
    /// table the population reads) are as they were when kept are read back; the others are computed, one query per run of
    /// consecutive months, and kept. Medians and 90th percentiles then come from the rank search over every month's bin
    /// counts; a month read back brings its own period's percentiles, the values of the bins its quarter and year asked
    /// of it, and an unchanged quarter its own percentiles (<see cref="KeptPercentiles"/>), so level 2 reads only the
    /// months computed: a night, its own month's rows.
    /// </summary>
    private PopulationCells Kept(KeptMonths store, Compiled compiled, LocalDate from, LocalDate to)
    {
        string cellsSql = compiled.CellsSql();
        string[] statements = compiled.Parts.Count > 0 ? [cellsSql, compiled.BinCountsSql()] : [cellsSql];
        string key = KeptMonths.Key(compiled.Table, statements, compiled.Parameters);
        var months = new KeptSpan(store, key, PeriodType.Month, store.Prints(compiled.Table, compiled.DateColumn, compiled.Reads, from, to), from, to, compiled.GroupingCount, compiled.Parts.Count);
        foreach ((LocalDate spanFrom, LocalDate spanTo) in Runs(months.Stale))
        {
            (string, object?)[] span = Span(compiled, spanFrom, spanTo);
            ReadCells(compiled, span, c => months.Kept[c.Month].Cells.Add(c));
            if (compiled.Parts.Count > 0)
            {
                ReadBins(compiled, span, (month, bin) => months.Kept[month].Bins.Add(bin));
            }
        }

        var percentiles = new Dictionary<PercentileKey, (double?, double?)>();
        if (compiled.Parts.Count > 0)
        {
            KeptPercentiles(store, key, compiled, from, to, months, percentiles);
        }

        months.Keep();
        return new PopulationCells([.. months.Periods.SelectMany(m => months.Kept[m].Cells)], percentiles);
    }

    /// <summary>
    /// The percentiles of a population measured from kept months: those of each month read back come with it, and
    /// those of each quarter wholly in [from, to) whose months are all as they were are kept apart under the
    /// population's quarter key (<see cref="KeptMonths.PeriodKey"/>); the rank search finds the others, and the new ones
    /// of the months computed and of the quarters found are added to what is kept. A night that loads December so asks
    /// level 2 for December, the fourth quarter and the year alone, and those take their bins' values of the other
    /// months from what the months keep (<see cref="RankValues"/>): the engine reads December's rows alone.
    /// </summary>
    private void KeptPercentiles(KeptMonths store, string key, Compiled compiled, LocalDate from, LocalDate to, KeptSpan months,
        Dictionary<PercentileKey, (double?, double?)> percentiles)
    {
        var search = new RankSearch(compiled.Parts, dialect.Interpolation);
        foreach (LocalDate month in months.Periods.Except(months.Stale))
        {
            Known(search, compiled, PeriodType.Month, month, months.Kept[month].Percentiles, percentiles);
        }

        // The quarters wholly inside the span, fingerprinted by their months: one only partly inside is ranked from the
        // months in the span, never read back nor kept.
        LocalDate first = Periods.Start(PeriodType.Quarter, from);
        LocalDate quartersFrom = first == from ? from : Periods.End(PeriodType.Quarter, first);
        LocalDate quartersTo = Periods.Start(PeriodType.Quarter, to);
        var quarters = new KeptSpan(store, KeptMonths.PeriodKey(key, PeriodType.Quarter), PeriodType.Quarter,
            months.Kept.Keys.GroupBy(m => Periods.Start(PeriodType.Quarter, m)).ToDictionary(q => q.Key, q => KeptMonths.PeriodPrint(q.Select(m => (m, months.Prints[m])))),
            quartersFrom, quartersTo, compiled.GroupingCount, compiled.Parts.Count);
        foreach (LocalDate quarter in quarters.Periods.Except(quarters.Stale))
        {
            Known(search, compiled, PeriodType.Quarter, quarter, quarters.Kept[quarter].Percentiles, percentiles);
        }

        foreach ((LocalDate month, KeptMonth monthKept) in months.Kept)
        {
            foreach (BinCount bin in monthKept.Bins)
            {
                search.Add(bin.Part, month, bin.Grouping, bin.Value, bin.Bin, bin.Count, bin.Min, bin.Max);
            }
        }

        var values = new RankValues();
        foreach (LocalDate month in months.Periods.Except(months.Stale))
        {
            values.Kept(month, months.Kept[month].Values);
        }

        Ranked(compiled, from, to, search, values, months.Kept.Keys.ToHashSet(), percentiles);
        foreach (LocalDate month in months.Stale)
        {
            months.Kept[month].Percentiles.AddRange(Of(compiled, PeriodType.Month, month, percentiles));
        }

        // Each month keeps the values of the bins its quarter and year asked of it, for the next night's level 2; a
        // month read back is written again only when it was asked for a bin it did not hold.
        var stale = months.Stale.ToHashSet();
        foreach ((LocalDate month, KeptMonth monthKept) in months.Kept)
        {
            if (values.ToKeep(month, stale.Contains(month) ? null : monthKept.Values) is { } keep)
            {
                monthKept.Values.Clear();
                monthKept.Values.AddRange(keep);
                if (!stale.Contains(month))
                {
                    months.Refresh(month);
                }
            }
        }

        foreach (LocalDate quarter in quarters.Stale)
        {
            quarters.Kept[quarter].Percentiles.AddRange(Of(compiled, PeriodType.Quarter, quarter, percentiles));
        }

        quarters.Keep();
    }

    /// <summary>A period's kept percentiles stand: the rank search skips it.</summary>
    private static void Known(RankSearch search, Compiled compiled, PeriodType type, LocalDate start, IEnumerable<MonthPercentile> values,
        Dictionary<PercentileKey, (double?, double?)> percentiles)
    {
        search.Known(type, start);
        foreach (MonthPercentile q in values)
        {
            percentiles[new PercentileKey(type, start, q.Grouping, q.Value, compiled.Parts[q.Part])] = (q.Median, q.P90);
        }
    }

    /// <summary>The percentiles of one period, to keep.</summary>
    private static List<MonthPercentile> Of(Compiled compiled, PeriodType type, LocalDate start, Dictionary<PercentileKey, (double?, double?)> percentiles) =>
    [
        .. percentiles.Where(p => p.Key.PeriodType == type && p.Key.Start == start)
            .Select(p => new MonthPercentile(compiled.PartIndex(p.Key.Part), p.Key.Grouping, p.Key.Value, p.Value.Item1 ?? double.NaN, p.Value.Item2 ?? double.NaN)),
    ];

    /// <summary>Consecutive months as [first, day after the last month) spans.</summary>
    private static IEnumerable<(LocalDate From, LocalDate To)> Runs(IReadOnlyList<LocalDate> months)
    {
        for (int i = 0; i < months.Count;)
        {
            int j = i;
            while (j + 1 < months.Count && months[j + 1] == months[j].PlusMonths(1))
            {
                j++;
            }

            yield return (months[i], months[j].PlusMonths(1));
            i = j + 1;
        }
    }

    private static (string, object?)[] Span(Compiled compiled, LocalDate from, LocalDate to) =>
        [("from", from.ToDateOnly()), ("to", to.ToDateOnly()), .. compiled.Parameters];

    private void ReadCells(Compiled compiled, (string, object?)[] p, Action<MeasureCell> add)
    {
        int groupings = compiled.GroupingCount;
        int parts = compiled.Parts.Count;
        foreach (DbDataReader r in sql.Rows(compiled.CellsSql(), p))
        {
            int col = 0;
            var month = LocalDate.FromDateOnly(Read.Date(r, col++));
            int? excl = r.IsDBNull(col) ? null : (int)Read.Long(r, col);
            col++;
            bool hit = Read.Long(r, col++) == 1;
            var values = new string?[groupings];
            for (int i = 0; i < groupings; i++)
            {
                values[i] = Read.NullableText(r, col++);
            }

            long rows = Read.Long(r, col++);
            var stats = new PartStats[parts];
            for (int k = 0; k < parts; k++)
            {
                stats[k] = new PartStats(Read.Long(r, col), Read.NullableLong(r, col + 1) is { } micro ? micro / MicroMinutes : null,
                    Read.NullableDouble(r, col + 2), Read.NullableDouble(r, col + 3));
                col += 4;
            }

            add(new MeasureCell(month, excl, hit, values, rows, stats));
        }
    }

    /// <summary>
    /// Medians and 90th percentiles of one part for every period type, grouping (−1: the total) and value, from the
    /// engine's own percentile aggregate over GROUPING SETS.
    /// </summary>
    private void Aggregated(Compiled compiled, DurationPart part, IReadOnlyList<int> groupings, long rows, (string, object?)[] p,
        Dictionary<PercentileKey, (double?, double?)> into)
    {
        IReadOnlyList<IReadOnlyList<PeriodType>> batches = groupings.Count > 0 && rows > OneScanRows
            ? [.. AllPeriods.Select(t => (IReadOnlyList<PeriodType>)[t])]
            : [AllPeriods];
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

    /// <summary>
    /// Level 1 of the rank search (<see cref="RankSearch"/>): the bin counts of every part by month, grouping (−1: the
    /// total) and value; the whole interval by every grouping, the actor parts for the total only, as they are published.
    /// </summary>
    private void ReadBins(Compiled compiled, (string, object?)[] p, Action<LocalDate, BinCount> add)
    {
        int groupings = compiled.GroupingCount;
        int parts = compiled.Parts.Count;
        foreach (DbDataReader r in sql.Rows(compiled.BinCountsSql(), p))
        {
            int part = Enumerable.Range(0, parts).First(k => Read.Long(r, 1 + groupings + parts + groupings + k) == 0);
            if (r.IsDBNull(1 + groupings + part))
            {
                continue; // rows whose part was not measured
            }

            int grouping = -1;
            string? value = null;
            for (int i = 0; i < groupings; i++)
            {
                if (Read.Long(r, 1 + groupings + parts + i) == 0)
                {
                    grouping = i;
                    value = Read.NullableText(r, 1 + i);
                }
            }

            int stats = 1 + groupings + parts + groupings + parts;
            add(LocalDate.FromDateOnly(Read.Date(r, 0)), new BinCount(part, grouping, value, (int)Read.Long(r, 1 + groupings + part),
                Read.Long(r, stats), Read.NullableDouble(r, stats + 1 + (2 * part)) ?? double.NaN, Read.NullableDouble(r, stats + 2 + (2 * part)) ?? double.NaN));
        }
    }

    /// <summary>
    /// Level 2 of the rank search: the values at the ranks level 1 could not tell, then every median and 90th percentile.
    /// The engine counts the values of only the (bin, month) pairs <paramref name="values"/> lacks, over the span of
    /// months that holds them (a night: its own month).
    /// </summary>
    /// <param name="withRows">The months of [from, to) that hold rows, or null when not known (every month is asked).</param>
    private void Ranked(Compiled compiled, LocalDate from, LocalDate to, RankSearch search, RankValues values, IReadOnlySet<LocalDate>? withRows,
        Dictionary<PercentileKey, (double?, double?)> into)
    {
        IReadOnlyList<RankSearch.Request> requests = search.Plan();
        IReadOnlyList<RankValues.Fetch> fetches = values.Plan(requests, from, to, withRows);
        if (fetches.Count > 0)
        {
            // The months that hold the fetches, inside [from, to): a span that starts or ends inside a month reads only its part.
            LocalDate first = fetches.Min(f => f.Month);
            LocalDate last = fetches.Max(f => f.Month).PlusMonths(1);
            foreach (DbDataReader r in sql.Rows(compiled.BinValuesSql(fetches), Span(compiled, first < from ? from : first, last > to ? to : last)))
            {
                values.Found((int)Read.Long(r, 0), Read.NullableDouble(r, 1) ?? double.NaN, Read.Long(r, 2));
            }
        }

        values.Resolve(requests, search);
        search.Assemble(into);
    }

    /// <summary>
    /// The histogram of a population's whole intervals over [from, to): the sum of its months' (counts add up). With
    /// kept months, those whose rows are unchanged are read back, as the cells are.
    /// </summary>
    public IReadOnlyDictionary<int, long> Distribution(PopulationMeasure measure, LocalDate from, LocalDate to)
    {
        var compiled = new Compiled(dialect, measure, [], [DurationPart.Total]);
        var bins = new List<BinCount>();
        if (kept is not null && from.Day == 1 && to.Day == 1)
        {
            bins.AddRange(KeptDistribution(kept, compiled, from, to));
        }
        else
        {
            ReadDistribution(compiled, Span(compiled, from, to), (_, bin) => bins.Add(bin));
        }

        return bins.GroupBy(b => b.Bin).ToDictionary(g => g.Key, g => g.Sum(b => b.Count));
    }

    /// <summary>
    /// Each month's histogram kept as bin counts of the whole interval (part 0, the total; no least or greatest), under
    /// the key of the histogram's own statement.
    /// </summary>
    private IEnumerable<BinCount> KeptDistribution(KeptMonths store, Compiled compiled, LocalDate from, LocalDate to)
    {
        string key = KeptMonths.Key(compiled.Table, [compiled.DistributionSql()], compiled.Parameters);
        var months = new KeptSpan(store, key, PeriodType.Month, store.Prints(compiled.Table, compiled.DateColumn, compiled.Reads, from, to), from, to, 0, 1);
        foreach ((LocalDate spanFrom, LocalDate spanTo) in Runs(months.Stale))
        {
            ReadDistribution(compiled, Span(compiled, spanFrom, spanTo), (month, bin) => months.Kept[month].Bins.Add(bin));
        }

        months.Keep();
        return months.Kept.Values.SelectMany(m => m.Bins);
    }

    private void ReadDistribution(Compiled compiled, (string, object?)[] p, Action<LocalDate, BinCount> add)
    {
        foreach (DbDataReader r in sql.Rows(compiled.DistributionSql(), p))
        {
            add(LocalDate.FromDateOnly(Read.Date(r, 0)), new BinCount(0, -1, null, Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Read.Long(r, 2), double.NaN, double.NaN));
        }
    }

    public IReadOnlyList<VariableValue> Evaluate(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField)
    {
        if (kept is not null && from.Day == 1 && to.Day == 1 && VariableQuery.ByMonth(dialect, variable, breakdownField) is { } monthly)
        {
            return KeptCount(kept, monthly, from, to);
        }

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

    /// <summary>
    /// A count variable from its kept months: each month's total and counts by breakdown value are kept (as bin counts:
    /// grouping −1 the total, 0 a breakdown value) under the key of its statement, read back while the month's rows and
    /// the tables its conditions read are unchanged, and added up; a night counts its own month alone. Not counted
    /// among the population months (<see cref="KeptMonthCounts"/>).
    /// </summary>
    private List<VariableValue> KeptCount(KeptMonths store, MonthlyCount monthly, LocalDate from, LocalDate to)
    {
        string key = KeptMonths.Key(monthly.Table, [monthly.Sql], monthly.Parameters);
        var months = new KeptSpan(store, key, PeriodType.Month, store.Prints(monthly.Table, monthly.DateColumn, monthly.Reads, from, to), from, to, 0, 1,
            counted: false);
        foreach ((LocalDate spanFrom, LocalDate spanTo) in Runs(months.Stale))
        {
            foreach (DbDataReader r in sql.Rows(monthly.Sql, [("from", spanFrom.ToDateOnly()), ("to", spanTo.ToDateOnly()), .. monthly.Parameters]))
            {
                string? value = Read.NullableText(r, 1);
                months.Kept[LocalDate.FromDateOnly(Read.Date(r, 0))].Bins.Add(new BinCount(0, value is null ? -1 : 0, value, 0, Read.Long(r, 2), double.NaN, double.NaN));
            }
        }

        months.Keep();
        List<BinCount> counts = [.. months.Kept.Values.SelectMany(m => m.Bins)];
        long total = counts.Where(c => c.Grouping < 0).Sum(c => c.Count);
        return
        [
            new VariableValue(null, total, total),
            .. counts.Where(c => c.Grouping == 0).GroupBy(c => c.Value!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new VariableValue(g.Key, g.Sum(c => c.Count), g.Sum(c => c.Count))),
        ];
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

    /// <summary>The tables a population's conditions read besides its own rows, for tests that check them against its SQL.</summary>
    public IReadOnlyList<string> ReadsOf(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings) => new Compiled(dialect, measure, groupings, []).Reads;

    /// <summary>The SQL text of a population's cells, for tests that parse every engine's statements.</summary>
    public string CellsSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts) =>
        new Compiled(dialect, measure, groupings, parts).CellsSql();

    public string PercentilesSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, DurationPart part, IReadOnlyList<PeriodType> periods) =>
        new Compiled(dialect, measure, groupings, [part]).PercentilesSql(part, periods, [.. Enumerable.Range(0, groupings.Count)]);

    /// <summary>The level-1 SQL of the percentile search (bin counts), for tests that parse every engine's statements.</summary>
    public string BinCountsSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts) =>
        new Compiled(dialect, measure, groupings, parts).BinCountsSql();

    /// <summary>The level-2 SQL of the percentile search for the given bins of months, for tests that parse every engine's statements.</summary>
    internal string BinValuesSql(PopulationMeasure measure, IReadOnlyList<Breakdown> groupings, IReadOnlyList<DurationPart> parts, IReadOnlyList<RankValues.Fetch> fetches) =>
        new Compiled(dialect, measure, groupings, parts).BinValuesSql(fetches);

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
            Reads = [.. predicates.Reads];
        }

        /// <summary>The tables the population's conditions read besides its own rows (<see cref="RecordPredicates.Reads"/>).</summary>
        public IReadOnlyList<string> Reads { get; }

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
                // The sum is exact, in integer millionths of a minute: a double sum depends on the order the engine's
                // threads add in, and a last digit that moves from run to run would publish a new snapshot version of
                // unchanged data.
                sql.Append(CultureInfo.InvariantCulture, $", count(t{k}), {_dialect.MicroMinuteSum($"t{k}")}, min(t{k}), max(t{k})");
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

        public IReadOnlyList<DurationPart> Parts => _parts;

        public int PartIndex(DurationPart part) => Enumerable.Range(0, _parts.Count).First(k => _parts[k] == part);

        public int GroupingCount => _groupings.Length;

        /// <summary>The population's table, and the column of its period date there.</summary>
        public string Table => _table;

        public string DateColumn => RecordColumns.Column(_type.Field(_type.DateField!));

        /// <summary>The groupings a part's percentiles are published by: every one for the whole interval, none for an actor part.</summary>
        private IEnumerable<int> GroupingsOf(int part) => _parts[part] == DurationPart.Total ? Enumerable.Range(0, _groupings.Length) : [];

        /// <summary>
        /// Level 1 of the percentile search: the measured values counted per month, grouping value and rank bin, for each
        /// part alone and for the whole interval by each grouping. Columns: p0, b0…, n0… (bins), GROUPING of each b and n,
        /// count, then the least and greatest minutes of each part (only those of the row's own part mean anything). Exactly
        /// one n is grouped in each row; a row whose n is NULL counts records that did not measure that part.
        /// </summary>
        public string BinCountsSql()
        {
            string[] b = [.. _groupings.Select((_, i) => $"b{i}")];
            string[] n = [.. _parts.Select((_, k) => $"n{k}")];
            var sql = new StringBuilder("SELECT p0");
            foreach (string key in b.Concat(n))
            {
                sql.Append(", ").Append(key);
            }

            foreach (string key in b.Concat(n))
            {
                sql.Append(", GROUPING(").Append(key).Append(')');
            }

            var sets = new List<string>();
            for (int k = 0; k < _parts.Count; k++)
            {
                sets.Add($"(p0, n{k})");
                sets.AddRange(GroupingsOf(k).Select(i => $"(p0, b{i}, n{k})"));
            }

            sql.Append(", count(*)");
            for (int k = 0; k < _parts.Count; k++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", min(t{k}), max(t{k})");
            }

            sql.Append(CultureInfo.InvariantCulture, $"""

                FROM ({MeasuredRows(bins: true)}) x
                WHERE excl IS NULL
                GROUP BY GROUPING SETS ({string.Join(", ", sets)})
                """);
            return sql.ToString();
        }

        /// <summary>
        /// Level 2 of the percentile search: for each fetch (a bin of a group's part, grouping value and month), its
        /// distinct values and how many of each. Columns: fetch, value, count. The fetches travel as one VALUES list, a
        /// row each (the join is on equalities: part, grouping, value, bin and month). The measured rows are first
        /// narrowed to the span of values the fetched bins hold, cheaply, and only those rows have their bins computed.
        /// The span's ends are exact: doubles written as their shortest round-trip text.
        /// </summary>
        public string BinValuesSql(IReadOnlyList<RankValues.Fetch> fetches)
        {
            var rows = new StringBuilder();
            foreach (RankValues.Fetch f in fetches)
            {
                RankValues.Key k = f.Key;
                string key = k.Grouping < 0 ? "T" : k.Value is null ? "N" : "V" + k.Value;
                rows.Append(rows.Length == 0 ? "" : ",\n").Append(CultureInfo.InvariantCulture,
                    $"({f.Id}, {k.Part}, {k.Grouping}, {_dialect.Text(key)}, {Date(f.Month)}, {k.Bin})");
            }

            // Only the parts and groupings some fetch asks for: a branch is a join over every row of x.
            var asked = fetches.Select(f => (f.Key.Part, f.Key.Grouping)).ToHashSet();
            var branches = new List<string>();
            for (int k = 0; k < _parts.Count; k++)
            {
                foreach (int i in GroupingsOf(k).Prepend(-1).Where(i => asked.Contains((k, i))))
                {
                    string key = i < 0 ? "'T'" : $"CASE WHEN x.b{i} IS NULL THEN 'N' ELSE CONCAT('V', x.b{i}) END";
                    branches.Add($"SELECT q.f, x.t{k} AS t FROM x JOIN q ON q.pt = {k} AND q.g = {i} AND q.gv = {key} AND q.bin = x.n{k} AND q.m = x.p0");
                }
            }

            // Each part's span of fetched values; a row of x holds a value in at least one, and its bin is computed
            // only for the parts whose span holds its value (the bin search was most of level 2 where one part's span
            // let a row in and three parts' bins were computed for it).
            var spans = Enumerable.Range(0, _parts.Count)
                .Select(k => (k, f: fetches.Where(f => f.Key.Part == k).ToList()))
                .Where(p => p.f.Count > 0)
                .ToDictionary(p => p.k, p => $"t{p.k} BETWEEN {Number(p.f.Min(f => f.Min))} AND {Number(p.f.Max(f => f.Max))}");
            string span = string.Join(" OR ", spans.Values);
            // Then only the rows in a fetched bin are kept, and x is materialised with those alone (DuckDB spilled to
            // disk under its memory limit when it held every row of the spans: 3.7 s against 1.5 s for K04's level 2 at 10M).
            string asking = string.Join(" OR ", fetches.GroupBy(f => f.Key.Part).OrderBy(g => g.Key)
                .Select(g => $"n{g.Key} IN ({string.Join(", ", g.Select(f => f.Key.Bin).Distinct().Order())})"));
            string bins = string.Join(", ", Enumerable.Range(0, _parts.Count).Select(k => spans.TryGetValue(k, out string? within)
                ? $"t{k}, CASE WHEN {within} THEN {RankBins.Sql($"t{k}", _dialect.DoubleType)} END AS n{k}"
                : $"t{k}, CAST(NULL AS INTEGER) AS n{k}"));
            return $"""
                WITH q AS (SELECT * FROM (VALUES
                {rows}
                ) AS v (f, pt, g, gv, m, bin)),
                x AS {_dialect.MaterializedCte}(SELECT * FROM (SELECT p0, {bins}{string.Concat(Enumerable.Range(0, _groupings.Length).Select(i => $", b{i}"))}
                    FROM ({MeasuredRows(bins: false)}) m WHERE excl IS NULL AND ({span}){_dialect.KeepSubquery}) w
                    WHERE {asking}),
                y AS ({string.Join("\nUNION ALL ", branches)})
                SELECT f, t, count(*) FROM y GROUP BY f, t
                """;
        }

        /// <summary>A double as SQL, exactly: its shortest round-trip text cast (a bare literal is a DECIMAL first on some engines).</summary>
        private string Number(double value) => $"CAST('{value.ToString("R", CultureInfo.InvariantCulture)}' AS {_dialect.DoubleType})";

        private static string Date(LocalDate date) => $"CAST('{date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}' AS DATE)";

        /// <summary>
        /// The records of the population, with exclusion reason, month, each part's minutes (t0…) and, with
        /// <paramref name="bins"/>, their rank bins (n0…), and the grouping values.
        /// </summary>
        private string MeasuredRows(bool bins)
        {
            var sql = new StringBuilder("SELECT ").Append(_dialect.PeriodStart(PeriodType.Month, _date)).Append(" AS p0, ").Append(_exclusion).Append(" AS excl");
            for (int k = 0; k < _parts.Count; k++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", {Duration(_parts[k])} AS t{k}");
                if (bins)
                {
                    sql.Append(CultureInfo.InvariantCulture, $", {RankBins.Sql(Duration(_parts[k]), _dialect.DoubleType)} AS n{k}");
                }
            }

            for (int i = 0; i < _groupings.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $", {_groupings[i]} AS b{i}");
            }

            return sql.Append('\n').Append(From).ToString();
        }

        /// <summary>
        /// The histogram of the whole interval by month: columns month, bin, count. Bin i holds edges[i] ≤ t &lt;
        /// edges[i+1]; negative durations cannot occur (the normaliser refuses them).
        /// </summary>
        public string DistributionSql()
        {
            IReadOnlyList<double> edges = DistributionBins.EdgesMinutes;
            string bin = "CASE " + string.Concat(Enumerable.Range(1, edges.Count - 1).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"WHEN t < {edges[i]} THEN {i - 1} "))) + $"ELSE {edges.Count - 1} END";
            return $"""
                SELECT p0, bin, count(*) FROM (
                    SELECT p0, {bin} AS bin FROM (
                        SELECT {_dialect.PeriodStart(PeriodType.Month, _date)} AS p0, {Duration(DurationPart.Total)} AS t, {_exclusion} AS excl
                        {From}
                    ) x WHERE excl IS NULL AND t IS NOT NULL
                ) b GROUP BY p0, bin
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
