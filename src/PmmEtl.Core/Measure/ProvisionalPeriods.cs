using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// Marks the values of periods that had not ended at the run's data cut-off: a period whose last day is on or after
/// the run's date, or, for a value read from records, whose last month lies beyond the last month of data the run's
/// warehouse holds (K41's financial year 2025-26 measured from July–December 2025 data). Such a value is published
/// with <see cref="KpiValue.Provisional"/> and a note, so that nobody reads it as final and a later version that
/// changes it is expected rather than a revision.
/// </summary>
internal sealed class ProvisionalPeriods(CoverageBook coverage, SourceFields sources, LocalDate runDate)
{
    private readonly LocalDate? _cutoff = coverage.DataCutoff(sources);

    public IEnumerable<KpiValue> Mark(KpiDefinition kpi, IEnumerable<KpiValue> values)
    {
        LocalDate? dataUntil = Reads(kpi).Any() ? _cutoff : null;
        foreach (KpiValue value in values)
        {
            LocalDate lastDay = value.PeriodEnd.PlusDays(-1);
            LocalDate lastMonth = new(lastDay.Year, lastDay.Month, 1);
            string? why = lastDay >= runDate
                ? $"provisional: {value.PeriodLabel} had not ended on the run's date ({runDate:yyyy-MM-dd})"
                : dataUntil is { } until && until < lastMonth
                    ? $"provisional: the data loaded stops at {until:yyyy-MM}, before {value.PeriodLabel} ends"
                    : null;
            yield return why is null ? value : value with { Provisional = true, Note = value.Note is null ? why : $"{value.Note}; {why}" };
        }
    }

    /// <summary>The dated record types any value of the entry reads by period (population, variants, variables).</summary>
    private IEnumerable<string> Reads(KpiDefinition kpi)
    {
        IEnumerable<string> types = [];
        if (kpi.Measure is { } measure)
        {
            types = types.Concat(CoverageNeeds.Of(measure, sources.Gives));
        }

        foreach (KpiVariant variant in kpi.Variants)
        {
            if (variant.Measure is { } own)
            {
                types = types.Concat(CoverageNeeds.Of(own, sources.Gives));
            }

            types = types.Concat((variant.Variables ?? []).SelectMany(v => CoverageNeeds.Of(v, sources.Gives)));
        }

        types = types.Concat(kpi.Variables.SelectMany(v => CoverageNeeds.Of(v, sources.Gives)));
        // A type the source does not give holds nothing: its values already say "not measurable", not "provisional".
        return types.Where(sources.Gives).Distinct(StringComparer.Ordinal);
    }
}
