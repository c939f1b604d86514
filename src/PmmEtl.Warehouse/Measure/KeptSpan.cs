using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Warehouse.Measure;

/// <summary>
/// What is kept under one key over a span of whole periods (months, or quarters): each period of [from, to) that holds
/// rows, read back when its fingerprint is the one it was kept with, else empty and listed as stale for the caller to
/// compute; then <see cref="Keep"/> writes the computed periods (and those read back that gained something,
/// <see cref="Refresh"/>) and forgets those whose rows are gone.
/// </summary>
internal sealed class KeptSpan
{
    private readonly KeptMonths _store;
    private readonly string _key;
    private readonly IReadOnlyDictionary<LocalDate, (string Print, string Payload)> _stored;
    private readonly HashSet<LocalDate> _refreshed = [];
    private readonly bool _counted;

    /// <param name="prints">The fingerprint of every period (by its start) of the span that holds rows (any outside it are ignored).</param>
    /// <param name="counted">Whether the months count among the population months read back and computed (<see cref="KeptMonths.Counts"/>).</param>
    public KeptSpan(KeptMonths store, string key, PeriodType period, IReadOnlyDictionary<LocalDate, string> prints, LocalDate from, LocalDate to,
        int groupings, int parts, bool counted = true)
    {
        _counted = counted && period == PeriodType.Month;
        _store = store;
        _key = key;
        Prints = prints;
        _stored = store.Stored(key, from, to);
        Periods = [.. prints.Keys.Where(p => p >= from && p < to).Order()];
        foreach (LocalDate start in Periods)
        {
            // A period whose kept payload cannot be read (edited by hand, cut short) is computed again like a stale
            // one: it is derived data, and the rows are there.
            if (_stored.TryGetValue(start, out var s) && s.Print == prints[start] && MonthPayload.TryRead(s.Payload, start, groupings, parts) is { } read)
            {
                Kept[start] = read;
            }
            else
            {
                Kept[start] = new KeptMonth([], [], [], []);
                Stale.Add(start);
            }
        }
    }

    /// <summary>The fingerprint of every period that holds rows.</summary>
    public IReadOnlyDictionary<LocalDate, string> Prints { get; }

    /// <summary>The starts of the periods of the span that hold rows, in order.</summary>
    public LocalDate[] Periods { get; }

    /// <summary>Each period's kept values: read back, or (stale) empty until the caller fills them.</summary>
    public Dictionary<LocalDate, KeptMonth> Kept { get; } = [];

    /// <summary>The periods to compute, in order.</summary>
    public List<LocalDate> Stale { get; } = [];

    /// <summary>
    /// A period read back whose kept values the caller changed (bin values a year asked of it for the first time): it is
    /// written again by <see cref="Keep"/> with its unchanged fingerprint, still counted as read back.
    /// </summary>
    public void Refresh(LocalDate start) => _refreshed.Add(start);

    /// <summary>
    /// Keeps the stale and refreshed periods as the caller filled them and forgets kept periods of the span whose rows
    /// are gone; months are counted as read back or computed (<see cref="KeptMonths.Counts"/>).
    /// </summary>
    public void Keep()
    {
        _store.Replace(_key, Stale.Union(_refreshed).ToDictionary(p => p, p => (Prints[p], MonthPayload.Write(Kept[p]))), _stored.Keys.Where(p => !Prints.ContainsKey(p)));
        if (_counted)
        {
            _store.Count(Periods.Length - Stale.Count, Stale.Count);
        }
    }
}
