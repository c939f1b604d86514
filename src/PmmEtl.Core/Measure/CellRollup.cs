using NodaTime;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Measure;

/// <summary>
/// Rolls a population's finest cells up to one period type, for the total and each grouping: the population, the
/// records excluded by each reason, N, hits, and for a duration part its exact sum, minimum and maximum; the
/// percentiles come from the engine alongside the cells. The same code for every engine, so a KPI's counts can only
/// differ between engines if their cells do.
/// </summary>
public static class CellRollup
{
    /// <param name="part">The duration part whose statistics are rolled up; ignored for counts (<paramref name="parts"/> empty).</param>
    /// <param name="parts">The parts the cells carry statistics for, in the cells' order.</param>
    /// <param name="groupings">The groupings to roll up to, each an index into the cells' values.</param>
    public static List<KpiAggregate> Roll(PopulationCells cells, int exclusions, DurationPart part, IReadOnlyList<DurationPart> parts,
        PeriodType periodType, IReadOnlyList<(BreakdownKind Kind, int Index)> groupings)
    {
        int partIndex = parts.Count > 0 ? IndexOf(parts, part) : -1;
        var groups = new Dictionary<(LocalDate Start, int Grouping, string? Value), Totals>();
        foreach (MeasureCell cell in cells.Cells)
        {
            LocalDate start = Periods.Start(periodType, cell.Month);
            Add(groups, (start, -1, null), cell, partIndex, exclusions);
            for (int g = 0; g < groupings.Count; g++)
            {
                Add(groups, (start, g, cell.Values[groupings[g].Index]), cell, partIndex, exclusions);
            }
        }

        var result = new List<KpiAggregate>(groups.Count);
        foreach (((LocalDate start, int grouping, string? value), Totals t) in groups)
        {
            int cellGrouping = grouping < 0 ? -1 : groupings[grouping].Index;
            (double? median, double? p90) = partIndex >= 0
                && cells.Percentiles.TryGetValue(new PercentileKey(periodType, start, cellGrouping, value, part), out var pc) ? pc : (null, null);
            result.Add(new KpiAggregate(start, grouping < 0 ? null : groupings[grouping].Kind, value, t.Population, t.Excluded, t.Measured,
                (double?)t.Sum, t.Min, t.Max, median, p90, t.Hits));
        }

        result.Sort((a, b) => a.PeriodStart.CompareTo(b.PeriodStart));
        return result;
    }

    private static int IndexOf(IReadOnlyList<DurationPart> parts, DurationPart part)
    {
        for (int k = 0; k < parts.Count; k++)
        {
            if (parts[k] == part)
            {
                return k;
            }
        }

        throw new ArgumentException($"the cells carry no {part} part", nameof(part));
    }

    private static void Add(Dictionary<(LocalDate, int, string?), Totals> groups, (LocalDate, int, string?) key, MeasureCell cell, int part, int exclusions)
    {
        if (!groups.TryGetValue(key, out Totals? t))
        {
            groups[key] = t = new Totals(exclusions);
        }

        t.Population += cell.Rows;
        if (cell.Exclusion is { } e)
        {
            t.Excluded[e] += cell.Rows;
            return;
        }

        // Counts are measured when not excluded; durations only where the part's interval was measured too.
        long measured = part < 0 ? cell.Rows : cell.Parts[part].Count;
        t.Measured += measured;
        if (cell.Hit)
        {
            t.Hits += measured;
        }

        if (part >= 0 && cell.Parts[part] is { Count: > 0 } s)
        {
            t.Sum = (t.Sum ?? 0) + s.Sum;
            t.Min = t.Min is { } min && min <= s.Min ? min : s.Min;
            t.Max = t.Max is { } max && max >= s.Max ? max : s.Max;
        }
    }

    /// <summary>A group being rolled up from cells.</summary>
    private sealed class Totals(int exclusions)
    {
        public long Population;
        public long[] Excluded = new long[exclusions];
        public long Measured;
        public long Hits;
        public decimal? Sum;
        public double? Min;
        public double? Max;
    }
}
