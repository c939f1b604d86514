using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// In-memory warehouse. Yields rows lazily, one at a time, and lets a test act in the middle of the stream
/// (observe the disk, or fail like a dropped connection).
/// </summary>
public sealed class FakeKpiValueReader : IKpiValueReader
{
    private readonly IEnumerable<KpiValue> _values;
    private readonly IEnumerable<KpiExclusionCount> _exclusions;
    private readonly IEnumerable<KpiDistributionBin> _distribution;

    public FakeKpiValueReader(IEnumerable<KpiValue> values, IEnumerable<KpiExclusionCount> exclusions, IEnumerable<KpiDistributionBin>? distribution = null)
    {
        _values = values;
        _exclusions = exclusions;
        _distribution = distribution ?? [];
    }

    /// <summary>Called with the 0-based index of each value row just before it is yielded.</summary>
    public Action<int>? BeforeValueRow { get; init; }

    public List<(string Pipeline, int Year)> ValueReads { get; } = [];

    public IEnumerable<KpiValue> ReadValues(string pipeline, int year)
    {
        ValueReads.Add((pipeline, year));
        int index = 0;
        foreach (KpiValue value in _values)
        {
            BeforeValueRow?.Invoke(index++);
            yield return value;
        }
    }

    public IEnumerable<KpiExclusionCount> ReadExclusions(string pipeline, int year)
    {
        foreach (KpiExclusionCount exclusion in _exclusions)
        {
            yield return exclusion;
        }
    }

    public IEnumerable<KpiDistributionBin> ReadDistribution(string pipeline, int year) => _distribution;
}
