using NodaTime;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// What is kept under one key over a span of whole months: each month of [from, to) that holds rows, read back when its
/// rows are as they were when it was kept, else empty and listed as stale for the caller to compute; then
/// <see cref="Keep"/> writes the computed months and forgets those whose rows are gone.
/// </summary>
internal sealed class KeptSpan
{
    private readonly KeptMonths _store;
    private readonly string _key;
    private readonly IReadOnlyDictionary<LocalDate, (string Print, string Payload)> _stored;

    public KeptSpan(KeptMonths store, string key, IReadOnlyDictionary<LocalDate, string> prints, LocalDate from, LocalDate to, int groupings, int parts)
    {
        _store = store;
        _key = key;
        Prints = prints;
        _stored = store.Stored(key, from, to);
        Months = [.. prints.Keys.Where(m => m >= from && m < to).Order()];
        foreach (LocalDate month in Months)
        {
            // A month whose kept payload cannot be read (edited by hand, cut short) is computed again like a stale one:
            // it is derived data, and the rows are there.
            if (_stored.TryGetValue(month, out var s) && s.Print == prints[month] && MonthPayload.TryRead(s.Payload, month, groupings, parts) is { } read)
            {
                ByMonth[month] = read;
            }
            else
            {
                ByMonth[month] = new KeptMonth([], [], []);
                Stale.Add(month);
            }
        }
    }

    /// <summary>The fingerprint of every month of the table that holds rows.</summary>
    public IReadOnlyDictionary<LocalDate, string> Prints { get; }

    /// <summary>The months of the span that hold rows, in order.</summary>
    public LocalDate[] Months { get; }

    /// <summary>Each month's kept values: read back, or (stale) empty until the caller fills them.</summary>
    public Dictionary<LocalDate, KeptMonth> ByMonth { get; } = [];

    /// <summary>The months to compute, in order.</summary>
    public List<LocalDate> Stale { get; } = [];

    /// <summary>Keeps the stale months as the caller filled them, forgets kept months whose rows are gone, and counts.</summary>
    public void Keep(Func<KeptMonth, string> payload)
    {
        _store.Replace(_key, Stale.ToDictionary(m => m, m => (Prints[m], payload(ByMonth[m]))), _stored.Keys.Where(m => !Prints.ContainsKey(m)));
        _store.Count(Months.Length - Stale.Count, Stale.Count);
    }
}
