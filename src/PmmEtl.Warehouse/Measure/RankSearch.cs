using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// Exact medians and 90th percentiles in two levels, instead of sorting every value of every group of every grouping
/// set. Level 1: the engine counts measured values per month, grouping value and <see cref="RankBins"/> bin, with their
/// least and greatest; here they are rolled up to every period type like the cells' counts, and for each group the
/// ranks <see cref="ContinuousQuantile"/> interpolates between are located: the bin holding each and the rank's offset
/// inside it. A rank that is the first or last of its bin, or in a bin of equal values (the many zero-minute OGA
/// parts), is known from level 1 alone. Level 2, for the others: the values of each requested (group, bin), month by
/// month (<see cref="RankValues"/>: kept months bring their own, the engine counts the rest), merged in order, give the
/// values at the requested offsets. The quantile is then assembled with the engines' own
/// rounding (<see cref="Interpolation"/>), so it equals <c>quantile_cont</c> / <c>percentile_cont</c> over the raw values bit for bit.
/// </summary>
public sealed class RankSearch
{
    private static readonly PeriodType[] AllPeriods = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];
    private readonly IReadOnlyList<DurationPart> _parts;
    private readonly Interpolation _interpolation;
    private readonly Dictionary<Group, Dictionary<int, Bin>> _bins = [];
    private readonly List<Request> _requests = [];
    private readonly Dictionary<Group, Rank[][]> _located = [];
    private readonly Dictionary<(int Request, long Offset), double> _values = [];
    private readonly HashSet<(PeriodType Type, LocalDate Start)> _known = [];

    public RankSearch(IReadOnlyList<DurationPart> parts, Interpolation interpolation)
    {
        _parts = parts;
        _interpolation = interpolation;
    }

    /// <summary>A group whose percentiles are published: part (index into the parts), period, grouping (−1: the total) and value.</summary>
    public readonly record struct Group(int Part, PeriodType PeriodType, LocalDate Start, int Grouping, string? Value);

    /// <summary>
    /// One level-2 request: the values of one bin of one group (all between the bin's least and greatest in the group,
    /// since bins keep the order of values; as many as <paramref name="Count"/>), and the offsets (ranks inside the bin)
    /// wanted of it.
    /// </summary>
    public sealed record Request(int Id, Group Group, int Bin, double Min, double Max, long Count, List<long> Offsets);

    /// <summary>The values of a group in one bin: how many, the least and the greatest.</summary>
    private readonly record struct Bin(long Count, double Min, double Max);

    /// <summary>A located rank: its value when level 1 already tells it (first or last of its bin, or a bin of equal values), else where level 2 finds it.</summary>
    private readonly record struct Rank(double? Known, int Request, long Offset);

    /// <summary>Level 1: <paramref name="count"/> measured values of a part in a month, grouping value and bin, from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public void Add(int part, LocalDate month, int grouping, string? value, int bin, long count, double min, double max)
    {
        foreach (PeriodType type in AllPeriods)
        {
            if (_known.Contains((type, Periods.Start(type, month))))
            {
                continue; // the period's percentiles were kept
            }

            var group = new Group(part, type, Periods.Start(type, month), grouping, value);
            if (!_bins.TryGetValue(group, out Dictionary<int, Bin>? bins))
            {
                _bins[group] = bins = [];
            }

            bins[bin] = bins.TryGetValue(bin, out Bin had) ? new Bin(had.Count + count, Math.Min(had.Min, min), Math.Max(had.Max, max)) : new Bin(count, min, max);
        }
    }

    /// <summary>
    /// A period whose percentiles are known already (kept): its groups are neither located nor assembled, and bins
    /// added after this go to the other periods that hold their month alone.
    /// </summary>
    public void Known(PeriodType type, LocalDate start) => _known.Add((type, start));

    /// <summary>Locates every rank each group's quantiles need and makes the level-2 requests (one per group and bin).</summary>
    public IReadOnlyList<Request> Plan()
    {
        foreach ((Group group, Dictionary<int, Bin> counts) in _bins)
        {
            if (_known.Contains((group.PeriodType, group.Start)))
            {
                continue;
            }

            (int Id, Bin Values)[] bins = [.. counts.OrderBy(b => b.Key).Select(b => (b.Key, b.Value))];
            long n = bins.Sum(b => b.Values.Count);
            var byBin = new Dictionary<int, Request>();
            var located = new Rank[ContinuousQuantile.Published.Count][];
            for (int q = 0; q < located.Length; q++)
            {
                (long lo, long hi, _) = ContinuousQuantile.Ranks(n, ContinuousQuantile.Published[q]);
                located[q] = [Locate(group, bins, lo, byBin), Locate(group, bins, hi, byBin)];
            }

            _located[group] = located;
        }

        return _requests;
    }

    private Rank Locate(Group group, (int Id, Bin Values)[] bins, long rank, Dictionary<int, Request> byBin)
    {
        long before = 0;
        foreach ((int bin, Bin values) in bins)
        {
            long count = values.Count;
            if (rank < before + count)
            {
                long offset = rank - before;
                if (values.Min == values.Max || offset == 0)
                {
                    return new Rank(values.Min, -1, 0);
                }

                if (offset == count - 1)
                {
                    return new Rank(values.Max, -1, 0);
                }

                if (!byBin.TryGetValue(bin, out Request? request))
                {
                    byBin[bin] = request = new Request(_requests.Count, group, bin, values.Min, values.Max, values.Count, []);
                    _requests.Add(request);
                }

                if (!request.Offsets.Contains(offset))
                {
                    request.Offsets.Add(offset);
                }

                return new Rank(null, request.Id, offset);
            }

            before += count;
        }

        throw new InvalidOperationException($"rank {rank} is past the {before} values of {group}");
    }

    /// <summary>Level 2: the value at an offset of a request's bin.</summary>
    public void Found(int request, long offset, double value) => _values[(request, offset)] = value;

    /// <summary>Every group's median and 90th percentile, keyed as the cell roll-up reads them.</summary>
    public void Assemble(Dictionary<PercentileKey, (double? Median, double? P90)> into)
    {
        foreach ((Group group, Rank[][] located) in _located)
        {
            long n = _bins[group].Values.Sum(b => b.Count);
            var quantiles = new double[located.Length];
            for (int q = 0; q < located.Length; q++)
            {
                quantiles[q] = ContinuousQuantile.Interpolate(Value(group, located[q][0]), Value(group, located[q][1]), ContinuousQuantile.Ranks(n, ContinuousQuantile.Published[q]), _interpolation);
            }

            into[new PercentileKey(group.PeriodType, group.Start, group.Grouping, group.Value, _parts[group.Part])] = (quantiles[0], quantiles[1]);
        }
    }

    private double Value(Group group, Rank at) =>
        at.Known ?? (_values.TryGetValue((at.Request, at.Offset), out double value) ? value
            : throw new InvalidOperationException($"the engine returned no value at offset {at.Offset} of request {at.Request} ({group})"));
}
