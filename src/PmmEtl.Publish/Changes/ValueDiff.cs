using PmmEtl.Core.Records;
using PmmEtl.Publish.Manifest;

namespace PmmEtl.Publish.Changes;

/// <summary>
/// Which KPI values a new version adds, removes or changes against the version it supersedes. A value is keyed by
/// KPI, variant, period and breakdown value; it changed when any measured column differs, the value's text
/// included (the run id, the computation time and the catalogue's name and area are not measurements and do not count).
/// </summary>
internal static class ValueDiff
{
    private static readonly (string Name, Func<PublishedValue, object?> Get)[] Compared =
    [
        ("value", r => r.Value.Value),
        ("value_text", r => r.Value.ValueText),
        ("n", r => r.Value.N),
        ("numerator", r => r.Value.Numerator),
        ("denominator", r => r.Value.Denominator),
        ("excluded", r => r.Value.Excluded),
        ("median", r => r.Value.Median),
        ("p90", r => r.Value.P90),
        ("min", r => r.Value.Min),
        ("max", r => r.Value.Max),
        ("sum_minutes", r => r.Value.SumMinutes),
        ("unit", r => r.Value.Unit),
        ("disclosure", r => r.Value.Disclosure),
        ("note", r => r.Value.Note),
        ("suppressed", r => r.Suppressed),
        ("kpi_id", r => r.Value.KpiId),
        ("period_start", r => r.Value.PeriodStart),
        ("period_end", r => r.Value.PeriodEnd),
        ("provisional", r => r.Value.Provisional),
    ];

    /// <summary>Fields whose change alone does not revise what a final value says (its wording, its provisional flag).</summary>
    private static readonly string[] NotARevision = ["note", "provisional"];

    /// <summary>
    /// The differences, each change classed by what it does to a value: <c>revised_final</c> when a value published as
    /// final is changed or removed (a revision someone must be told about), <c>finalised</c> when a provisional value
    /// becomes final, <c>provisional</c> when a provisional value changes and stays provisional.
    /// </summary>
    public static (int Added, int Removed, int Changed, List<ValueChange> Changes) Compare(
        IReadOnlyList<PublishedValue> before, IReadOnlyList<PublishedValue> after)
    {
        Dictionary<Key, PublishedValue> old = Index(before);
        Dictionary<Key, PublishedValue> now = Index(after);
        var changes = new List<ValueChange>();
        int added = 0, removed = 0, changed = 0;

        foreach ((Key key, PublishedValue row) in now)
        {
            if (!old.TryGetValue(key, out PublishedValue? previous))
            {
                added++;
                changes.Add(Change("added", key, null, row, []));
                continue;
            }

            string[] fields = [.. Compared.Where(c => !Equals(c.Get(previous), c.Get(row))).Select(c => c.Name)];
            if (fields.Length > 0)
            {
                changed++;
                changes.Add(Change("changed", key, previous, row, fields) with { Revision = Revision(previous, row, fields) });
            }
        }

        foreach ((Key key, PublishedValue row) in old)
        {
            if (!now.ContainsKey(key))
            {
                removed++;
                changes.Add(Change("removed", key, row, null, []) with { Revision = row.Value.Provisional ? "provisional" : "revised_final" });
            }
        }

        changes.Sort(static (a, b) => string.CompareOrdinal(SortKey(a), SortKey(b)));
        return (added, removed, changed, changes);
    }

    private static string? Revision(PublishedValue before, PublishedValue after, string[] fields) =>
        before.Value.Provisional
            ? after.Value.Provisional ? "provisional" : "finalised"
            : fields.Any(f => !NotARevision.Contains(f, StringComparer.Ordinal)) ? "revised_final" : null;

    private static string SortKey(ValueChange c) =>
        string.Join('\u001f', c.KpiCode, c.Variant, c.PeriodType, c.PeriodLabel, c.Breakdown, c.BreakdownValue);

    private static Dictionary<Key, PublishedValue> Index(IReadOnlyList<PublishedValue> rows)
    {
        var index = new Dictionary<Key, PublishedValue>();
        foreach (PublishedValue row in rows)
        {
            // A key is unique in a published file (the warehouse's primary key); the first wins if it ever is not.
            index.TryAdd(Key.Of(row.Value), row);
        }

        return index;
    }

    private static ValueChange Change(string kind, Key key, PublishedValue? before, PublishedValue? after, string[] fields) => new()
    {
        Change = kind,
        KpiCode = key.KpiCode,
        Variant = key.Variant,
        PeriodType = key.PeriodType,
        PeriodLabel = key.PeriodLabel,
        Breakdown = key.Breakdown,
        BreakdownValue = key.BreakdownValue,
        OldValue = before?.Value.Value,
        NewValue = after?.Value.Value,
        OldValueText = before?.Value.ValueText,
        NewValueText = after?.Value.ValueText,
        OldN = before?.Value.N,
        NewN = after?.Value.N,
        Fields = fields,
    };

    private readonly record struct Key(string KpiCode, string Variant, string PeriodType, string PeriodLabel, string Breakdown, string BreakdownValue)
    {
        public static Key Of(KpiValue v) => new(v.KpiCode, v.Variant, v.PeriodType, v.PeriodLabel, v.Breakdown, v.BreakdownValue);
    }
}
