using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// Exact medians and 90th percentiles in two levels, instead of sorting every value of every group of every grouping
/// set. Level 1: the engine counts measured values per month, grouping value and <see cref="RankBins"/> bin; here the
/// counts are rolled up to every period type like the cells' counts, and for each group the ranks
/// <see cref="ContinuousQuantile"/> interpolates between are located: the bin holding each and the rank's offset
/// inside it. Level 2: the engine fetches, per requested (group, bin), only the values of that bin in that group,
/// numbered in order, and returns those at the requested offsets. The quantile is then assembled with the engines' own
/// rounding (<see cref="Interpolation"/>), so it equals <c>quantile_cont</c> / <c>percentile_cont</c> over the raw values bit for bit.
/// </summary>
public sealed class RankSearch
{
    private static readonly PeriodType[] AllPeriods = [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];
    private readonly IReadOnlyList<DurationPart> _parts;
    private readonly Interpolation _interpolation;
    private readonly Dictionary<Group, Dictionary<int, long>> _bins = [];
    private readonly List<Request> _requests = [];
    private readonly Dictionary<Group, (int Request, long Offset)[][]> _located = [];
    private readonly Dictionary<(int Request, long Offset), double> _values = [];

    public RankSearch(IReadOnlyList<DurationPart> parts, Interpolation interpolation)
    {
        _parts = parts;
        _interpolation = interpolation;
    }

    /// <summary>A group whose percentiles are published: part (index into the parts), period, grouping (−1: the total) and value.</summary>
    public readonly record struct Group(int Part, PeriodType PeriodType, LocalDate Start, int Grouping, string? Value);

    /// <summary>One level-2 request: the values of one bin of one group, and the offsets (ranks inside the bin) wanted of it.</summary>
    public sealed record Request(int Id, Group Group, int Bin, List<long> Offsets);

    public IReadOnlyList<Request> Requests => _requests;

    /// <summary>Level 1: <paramref name="count"/> measured values of a part in a month, grouping value and bin.</summary>
    public void Add(int part, LocalDate month, int grouping, string? value, int bin, long count)
    {
        foreach (PeriodType type in AllPeriods)
        {
            var group = new Group(part, type, Periods.Start(type, month), grouping, value);
            if (!_bins.TryGetValue(group, out Dictionary<int, long>? bins))
            {
                _bins[group] = bins = [];
            }

            bins[bin] = bins.GetValueOrDefault(bin) + count;
        }
    }

    /// <summary>Locates every rank each group's quantiles need and makes the level-2 requests (one per group and bin).</summary>
    public IReadOnlyList<Request> Plan()
    {
        foreach ((Group group, Dictionary<int, long> counts) in _bins)
        {
            (int Bin, long Count)[] bins = [.. counts.OrderBy(b => b.Key).Select(b => (b.Key, b.Value))];
            long n = bins.Sum(b => b.Count);
            var byBin = new Dictionary<int, Request>();
            var located = new (int, long)[ContinuousQuantile.Published.Count][];
            for (int q = 0; q < located.Length; q++)
            {
                (long lo, long hi, _) = ContinuousQuantile.Ranks(n, ContinuousQuantile.Published[q]);
                located[q] = [Locate(group, bins, lo, byBin), Locate(group, bins, hi, byBin)];
            }

            _located[group] = located;
        }

        return _requests;
    }

    private (int, long) Locate(Group group, (int Bin, long Count)[] bins, long rank, Dictionary<int, Request> byBin)
    {
        long before = 0;
        foreach ((int bin, long count) in bins)
        {
            if (rank < before + count)
            {
                if (!byBin.TryGetValue(bin, out Request? request))
                {
                    byBin[bin] = request = new Request(_requests.Count, group, bin, []);
                    _requests.Add(request);
                }

                long offset = rank - before;
                if (!request.Offsets.Contains(offset))
                {
                    request.Offsets.Add(offset);
                }

                return (request.Id, offset);
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
        foreach ((Group group, (int Request, long Offset)[][] located) in _located)
        {
            long n = _bins[group].Values.Sum();
            var quantiles = new double[located.Length];
            for (int q = 0; q < located.Length; q++)
            {
                quantiles[q] = ContinuousQuantile.Interpolate(Value(group, located[q][0]), Value(group, located[q][1]), ContinuousQuantile.Ranks(n, ContinuousQuantile.Published[q]), _interpolation);
            }

            into[new PercentileKey(group.PeriodType, group.Start, group.Grouping, group.Value, _parts[group.Part])] = (quantiles[0], quantiles[1]);
        }
    }

    private double Value(Group group, (int Request, long Offset) at) =>
        _values.TryGetValue(at, out double value) ? value : throw new InvalidOperationException($"the engine returned no value at offset {at.Offset} of request {at.Request} ({group})");
}
