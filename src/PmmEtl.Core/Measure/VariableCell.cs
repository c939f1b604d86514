namespace PmmEtl.Core.Measure;

/// <summary>
/// One variable's value in one cell (period × breakdown value), as the formula receives it: the number, the
/// records behind it, where an entered value came from, or why there is no value at all.
/// </summary>
public sealed record VariableCell(double? Value, long Records, string? EnteredFrom = null, string? Missing = null)
{
    public static VariableCell NotAvailable(string reason) => new(null, 0, null, reason);
}

/// <summary>Where a KPI value row sits: its period and breakdown cell.</summary>
public sealed record CellKey(Catalogue.PeriodType PeriodType, NodaTime.LocalDate PeriodStart, string Breakdown, string BreakdownValue, Catalogue.Disclosure Disclosure);
