using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// Level 2 of the rank search month by month. The values of a requested bin of a group are the values of that bin in
/// each month of the group's period, merged: a month's values of a bin (distinct values ascending, and how many of each)
/// are exact and do not depend on the period that asked for them. So a month read back brings the values its quarter
/// and year asked of it last time (<see cref="KeptMonth.Values"/>), the engine is asked only for the (bin, month) pairs
/// no kept month holds, and a night that loads December reads December's rows alone instead of the year's.
/// </summary>
internal sealed class RankValues
{
    private readonly Dictionary<(Key Key, LocalDate Month), Entry> _entries = [];
    private readonly List<Entry> _fetches = [];
    private readonly Dictionary<LocalDate, HashSet<Entry>> _longer = [];
    private readonly Dictionary<int, List<Entry>> _byRequest = [];

    /// <summary>What a bin's values are of: part, grouping (−1: the total), value and bin.</summary>
    public readonly record struct Key(int Part, int Grouping, string? Value, int Bin);

    /// <summary>
    /// A bin of one month the engine is asked for, numbered from 0, with the span of values the bin holds in the periods
    /// that asked (the bin's least and greatest there: the month's lie inside it).
    /// </summary>
    public sealed record Fetch(int Id, Key Key, LocalDate Month, double Min, double Max);

    /// <summary>The bin values a month read back holds.</summary>
    public void Kept(LocalDate month, IEnumerable<BinValues> values)
    {
        foreach (BinValues v in values)
        {
            var key = new Key(v.Part, v.Grouping, v.Value, v.Bin);
            _entries[(key, month)] = new Entry(key, month, kept: true) { Values = v.Values, Counts = v.Counts };
        }
    }

    /// <summary>
    /// The (bin, month) pairs the requests need that no kept month holds. A request needs its bin in every month of its
    /// group's period inside [<paramref name="from"/>, <paramref name="to"/>) that holds rows (all of them when
    /// <paramref name="withRows"/> is null).
    /// </summary>
    public IReadOnlyList<Fetch> Plan(IReadOnlyList<RankSearch.Request> requests, LocalDate from, LocalDate to, IReadOnlySet<LocalDate>? withRows)
    {
        var fetches = new List<Fetch>();
        foreach (RankSearch.Request q in requests)
        {
            RankSearch.Group g = q.Group;
            var key = new Key(g.Part, g.Grouping, g.Value, q.Bin);
            var used = new List<Entry>();
            LocalDate end = Periods.End(g.PeriodType, g.Start);
            for (LocalDate month = Periods.Start(PeriodType.Month, g.Start < from ? from : g.Start); month < end && month < to; month = month.PlusMonths(1))
            {
                if (withRows is not null && !withRows.Contains(month))
                {
                    continue;
                }

                if (!_entries.TryGetValue((key, month), out Entry? entry))
                {
                    _entries[(key, month)] = entry = new Entry(key, month, kept: false);
                    _fetches.Add(entry);
                    entry.Min = q.Min;
                    entry.Max = q.Max;
                }
                else if (!entry.Kept)
                {
                    entry.Min = Math.Min(entry.Min, q.Min);
                    entry.Max = Math.Max(entry.Max, q.Max);
                }

                used.Add(entry);
                if (g.PeriodType != PeriodType.Month)
                {
                    if (!_longer.TryGetValue(month, out HashSet<Entry>? longer))
                    {
                        _longer[month] = longer = [];
                    }

                    longer.Add(entry);
                }
            }

            _byRequest[q.Id] = used;
        }

        for (int i = 0; i < _fetches.Count; i++)
        {
            Entry e = _fetches[i];
            fetches.Add(new Fetch(i, e.Key, e.Month, e.Min, e.Max));
        }

        return fetches;
    }

    /// <summary>The engine's answer: <paramref name="count"/> values equal to <paramref name="value"/> in a fetched bin.</summary>
    public void Found(int fetch, double value, long count) => _fetches[fetch].Rows.Add((value, count));

    /// <summary>
    /// Every request's values at its offsets, from its months' values merged, handed to the search. The merged count must
    /// be the one level 1 counted in the bin: anything else means the values are not of the rows the counts are of, and a
    /// percentile from them would be false.
    /// </summary>
    public void Resolve(IReadOnlyList<RankSearch.Request> requests, RankSearch search)
    {
        foreach (Entry fetched in _fetches)
        {
            fetched.Settle();
        }

        foreach (RankSearch.Request q in requests)
        {
            List<Entry> months = _byRequest[q.Id];
            int n = months.Sum(e => e.Values.Length);
            var values = new double[n];
            var counts = new long[n];
            int at = 0;
            foreach (Entry e in months)
            {
                e.Values.CopyTo(values, at);
                e.Counts.CopyTo(counts, at);
                at += e.Values.Length;
            }

            if (months.Count > 1)
            {
                Array.Sort(values, counts);
            }

            long total = counts.Sum();
            if (total != q.Count)
            {
                throw new InvalidOperationException($"level 2 found {total} values in bin {q.Bin} of {q.Group} where level 1 counted {q.Count}: " +
                    "what is kept of this population's months does not match its rows; delete its rows from measure_kept_month and measure again");
            }

            long before = 0;
            int i = 0;
            foreach (long offset in q.Offsets.Order())
            {
                while (before + counts[i] <= offset)
                {
                    before += counts[i++];
                }

                search.Found(q.Id, offset, values[i]);
            }
        }
    }

    /// <summary>
    /// The bin values a month is to keep, or null when it need not be written again. A month computed (<paramref
    /// name="held"/> null) keeps those of every bin a quarter or year asked of it this time (its own percentiles are
    /// kept whole). A month read back keeps what it <paramref name="held"/> and gains the bins asked of it that it did
    /// not hold: a median that moves to the next bin, or a span that is not the year's, then costs one scan of the month,
    /// not one a night.
    /// </summary>
    public List<BinValues>? ToKeep(LocalDate month, IReadOnlyList<BinValues>? held)
    {
        IEnumerable<Entry> asked = _longer.TryGetValue(month, out HashSet<Entry>? longer) ? longer : [];
        if (held is not null)
        {
            asked = asked.Where(e => !e.Kept).ToList();
            if (!asked.Any())
            {
                return null;
            }
        }

        return [.. held ?? [], .. asked.Select(e => new BinValues(e.Key.Part, e.Key.Grouping, e.Key.Value, e.Key.Bin, e.Values, e.Counts))];
    }

    /// <summary>One bin of one month: read back, or fetched (rows as the engine gives them until settled).</summary>
    private sealed class Entry(Key key, LocalDate month, bool kept)
    {
        public Key Key { get; } = key;

        public LocalDate Month { get; } = month;

        public bool Kept { get; } = kept;

        public double Min { get; set; }

        public double Max { get; set; }

        public List<(double Value, long Count)> Rows { get; } = [];

        public double[] Values { get; set; } = [];

        public long[] Counts { get; set; } = [];

        /// <summary>The fetched rows as distinct values ascending (the engine returns each value once, in any order).</summary>
        public void Settle()
        {
            Rows.Sort((a, b) => a.Value.CompareTo(b.Value));
            Values = [.. Rows.Select(r => r.Value)];
            Counts = [.. Rows.Select(r => r.Count)];
        }
    }
}
