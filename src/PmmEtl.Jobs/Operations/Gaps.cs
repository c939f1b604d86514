using NodaTime;
using PmmEtl.Core.Stages;

namespace PmmEtl.Jobs.Operations;

/// <summary>An office's business date with no data where data was expected.</summary>
public sealed record Gap(string OfficeCode, LocalDate BusinessDate, string Kind);

/// <summary>
/// Finds gaps in the partition book. A date between an office's first and last partition that was never loaded
/// is <c>not_loaded</c>; a loaded date with no rows is <c>empty</c> when the office had rows on the same weekday
/// in any of the four weeks before (so quiet Sundays at a port that never works Sundays are not reported).
/// </summary>
public static class Gaps
{
    public static IReadOnlyList<Gap> Find(IReadOnlyList<PartitionState> partitions)
    {
        var gaps = new List<Gap>();
        foreach (IGrouping<string, PartitionState> office in partitions.GroupBy(p => p.OfficeCode))
        {
            Dictionary<LocalDate, PartitionState> byDate = office.ToDictionary(p => p.BusinessDate);
            LocalDate first = byDate.Keys.Min();
            LocalDate last = byDate.Keys.Max();
            for (LocalDate d = first; d <= last; d = d.PlusDays(1))
            {
                if (!byDate.TryGetValue(d, out PartitionState? p))
                {
                    gaps.Add(new Gap(office.Key, d, "not_loaded"));
                }
                else if (p.State == PartitionStates.Done && p.RowsLoaded == 0 && Expected(byDate, d))
                {
                    gaps.Add(new Gap(office.Key, d, "empty"));
                }
            }
        }

        return gaps.OrderBy(g => g.BusinessDate).ThenBy(g => g.OfficeCode, StringComparer.Ordinal).ToList();
    }

    private static bool Expected(Dictionary<LocalDate, PartitionState> byDate, LocalDate date) =>
        Enumerable.Range(1, 4).Any(week => byDate.TryGetValue(date.PlusWeeks(-week), out PartitionState? p) && p.RowsLoaded > 0);
}
