using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Jobs.Operations;

/// <summary>An office's business date of one record type with no data where data was expected.</summary>
public sealed record Gap(string OfficeCode, LocalDate BusinessDate, string Kind)
{
    public string RecordType { get; init; } = RecordTypes.Declaration.Name;
}

/// <summary>
/// Finds gaps in the per-record-type partition book. Every office × date a run covered is recorded, rows or none, so:
/// <list type="bullet">
/// <item><c>not_loaded</c>: a date between a type's first and last recorded date that no load of that type ever
/// committed (never covered, or pending/running/failed without an earlier committed load): a missed night, a
/// backfill day whose registers never loaded.</item>
/// <item><c>empty</c>: a committed date with no rows where the office had rows of that type on the same weekday in
/// any of the four weeks before (so quiet Sundays at a port that never works Sundays are not reported).</item>
/// </list>
/// A quiet day inside a loaded window is neither: it was loaded, and the office usually has nothing that weekday.
/// </summary>
public static class Gaps
{
    public const string NotLoaded = "not_loaded";
    public const string Empty = "empty";

    public static IReadOnlyList<Gap> Find(IReadOnlyList<PartitionState> partitions)
    {
        var gaps = new List<Gap>();
        foreach (IGrouping<string, PartitionState> type in partitions.GroupBy(p => p.RecordType, StringComparer.Ordinal))
        {
            LocalDate first = type.Min(p => p.BusinessDate);
            LocalDate last = type.Max(p => p.BusinessDate);
            foreach (IGrouping<string, PartitionState> office in type.GroupBy(p => p.OfficeCode, StringComparer.Ordinal))
            {
                Dictionary<LocalDate, PartitionState> byDate = office.ToDictionary(p => p.BusinessDate);
                for (LocalDate d = first; d <= last; d = d.PlusDays(1))
                {
                    if (!byDate.TryGetValue(d, out PartitionState? p) || p.CommittedRun is null)
                    {
                        gaps.Add(new Gap(office.Key, d, NotLoaded) { RecordType = type.Key });
                    }
                    else if (p.RowsLoaded == 0 && Expected(byDate, d))
                    {
                        gaps.Add(new Gap(office.Key, d, Empty) { RecordType = type.Key });
                    }
                }
            }
        }

        return gaps.OrderBy(g => g.BusinessDate).ThenBy(g => g.OfficeCode, StringComparer.Ordinal).ThenBy(g => g.RecordType, StringComparer.Ordinal).ToList();
    }

    private static bool Expected(Dictionary<LocalDate, PartitionState> byDate, LocalDate date) =>
        Enumerable.Range(1, 4).Any(week => byDate.TryGetValue(date.PlusWeeks(-week), out PartitionState? p) && p.CommittedRun is not null && p.RowsLoaded > 0);
}
