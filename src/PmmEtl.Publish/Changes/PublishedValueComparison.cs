using PmmEtl.Publish.Reading;

namespace PmmEtl.Publish.Changes;

/// <summary>
/// Two published <c>kpi_values.parquet</c> files compared by the rule the manifest's changes follow (<see cref="ValueDiff"/>):
/// keyed by KPI, variant, period and breakdown value, every measured column compared, run ids and computation times not.
/// The benchmark uses it to show that a night gives the values of a full re-run, and one engine the values of another.
/// </summary>
public static class PublishedValueComparison
{
    public static async Task<ValueFileDifference> CompareAsync(string before, string after, CancellationToken cancellationToken = default)
    {
        List<PublishedValue> old = await PublishedValuesReader.ReadAsync(before, cancellationToken).ConfigureAwait(false);
        List<PublishedValue> now = await PublishedValuesReader.ReadAsync(after, cancellationToken).ConfigureAwait(false);
        (int added, int removed, int changed, List<Manifest.ValueChange> changes) = ValueDiff.Compare(old, now);
        var fields = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string field in changes.SelectMany(c => c.Fields))
        {
            fields[field] = fields.GetValueOrDefault(field) + 1;
        }

        return new ValueFileDifference(now.Count, added, removed, changed, fields, changes.Count == 0 ? null : Describe(changes[0]));
    }

    private static string Describe(Manifest.ValueChange c) => $"{c.Change} {c.KpiCode} {c.Variant} {c.PeriodLabel} {c.Breakdown}={c.BreakdownValue}";
}

/// <summary>
/// What <see cref="PublishedValueComparison"/> found: the values of the second file, how many were added, removed or
/// changed against the first, how often each column differed, and the first difference (by KPI, variant and period).
/// </summary>
public sealed record ValueFileDifference(int Values, int Added, int Removed, int Changed, IReadOnlyDictionary<string, int> Fields, string? First)
{
    public bool Identical => Added == 0 && Removed == 0 && Changed == 0;

    /// <summary>"identical (2,958 values)", or "51 changed, 0 added, 0 removed of 2,958 (columns: excluded 42, …; first: changed K04 …)".</summary>
    public override string ToString() => Identical
        ? $"identical ({Values:N0} values)"
        : $"{Changed:N0} changed, {Added:N0} added, {Removed:N0} removed of {Values:N0} (columns: {string.Join(", ", Fields.Select(f => $"{f.Key} {f.Value:N0}"))}; first: {First})";
}
