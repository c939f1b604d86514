using System.Collections.Concurrent;

namespace PmmEtl.Extract;

/// <summary>
/// What a source met while it read, by name → count (<c>times_without_format_code</c>, <c>default_office_used</c>,
/// <c>quarantined.never_notified</c> …): the things a run result should show because they bend or lose rows
/// without being errors of the run. The source fills it while it is read (from any thread); the runner reads it
/// after the extract. Counts start from zero at each read of the source.
/// </summary>
public sealed class SourceCounts
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string name, long by = 1) =>
        _counts.AddOrUpdate(name, static (_, by) => by, static (_, count, by) => count + by, by);

    /// <summary>The count of <paramref name="name"/>; 0 for one never counted.</summary>
    public long this[string name] => _counts.TryGetValue(name, out long count) ? count : 0;

    /// <summary>Every count above zero, in ordinal order of the names (stable for a run result).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() =>
        _counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();

    public void Clear() => _counts.Clear();
}

/// <summary>A source that counts what it met while reading (see <see cref="SourceCounts"/>).</summary>
public interface ICountingSource
{
    SourceCounts Counts { get; }
}
