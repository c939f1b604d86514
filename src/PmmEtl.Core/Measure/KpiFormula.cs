using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// The one place where a KPI's formula is applied to aggregates: Σ T_i / N for mean durations, (A / B) × 100
/// for ratios, with the KPI's precision (half away from zero). Engines only aggregate; they never compute a KPI.
/// </summary>
public sealed partial class KpiFormula
{
    public const string PmmVariant = "pmm";
    public const string TotalBreakdown = "total";
    public const string AllValues = "ALL";

    private readonly string _pipeline;
    private readonly string _runId;
    private readonly Instant _computedAt;

    public KpiFormula(string pipeline, string runId, Instant computedAt)
    {
        _pipeline = pipeline;
        _runId = runId;
        _computedAt = computedAt;
    }

    public string Pipeline => _pipeline;

    public string RunId => _runId;

    /// <summary>
    /// A population KPI's rows for one aggregate: the value (the ratio of hits to the records measured, or the mean of
    /// the part's durations), and for the KPI's whole interval its printed variants. <paramref name="unavailable"/>, when
    /// given, is why the source cannot support the value (a field it does not give): the row keeps its counts and says so
    /// instead of a number. Every row with records left out names the main reasons with their counts.
    /// </summary>
    /// <param name="variant"><see cref="PmmVariant"/>, or the name of a variant measured from a population of its own.</param>
    public IEnumerable<KpiValue> Apply(KpiDefinition kpi, PopulationMeasure measure, string variant, DurationPart part, PeriodType periodType, KpiAggregate a,
        string? unavailable = null, string? variantNote = null)
    {
        (string breakdown, string breakdownValue, Disclosure disclosure) = Cell(kpi, part, a);
        LocalDate end = Periods.End(periodType, a.PeriodStart);
        string noun = RecordTypes.Plural(measure.RecordType);
        string? excluded = ExcludedNote(measure, a, noun);
        var row = new KpiValue
        {
            Pipeline = _pipeline,
            KpiCode = kpi.Code,
            KpiId = kpi.Id,
            Variant = variant,
            PeriodType = periodType.ToCode(),
            PeriodLabel = Periods.Label(periodType, a.PeriodStart),
            PeriodStart = a.PeriodStart,
            PeriodEnd = end,
            Breakdown = breakdown,
            BreakdownValue = breakdownValue,
            Unit = kpi.Unit,
            N = a.Measured,
            Excluded = a.Population - a.Measured,
            Disclosure = disclosure.ToCode(),
            RunId = _runId,
            ComputedAt = _computedAt,
        };

        if (unavailable is not null)
        {
            KpiValue none = row with { Note = Join(Join($"not measurable: {unavailable}", excluded), variantNote) };
            yield return none;
            // Its printed variants rest on the same data: they are not measurable either, and say so in their own rows.
            if (part == DurationPart.Total)
            {
                foreach (KpiValue printed in PrintedVariantsOf(kpi, variant, none))
                {
                    yield return printed;
                }
            }

            yield break;
        }

        if (measure.Duration is null)
        {
            yield return row with
            {
                Value = a.Measured > 0 ? Round(100.0 * a.Hits / a.Measured, kpi.Precision) : null,
                Numerator = a.Hits,
                Denominator = a.Measured,
                Note = Join(Join(a.Measured > 0 ? null : $"not measurable: no {noun} in scope (B = 0)", excluded), variantNote),
            };
            yield break;
        }

        double? sum = Settle(a.Sum);
        yield return row with
        {
            Value = a.Measured > 0 ? Round(sum!.Value / a.Measured, kpi.Precision) : null,
            Median = RoundOrNull(Settle(a.Median), kpi.Precision),
            P90 = RoundOrNull(Settle(a.P90), kpi.Precision),
            Min = RoundOrNull(a.Min, kpi.Precision),
            Max = RoundOrNull(a.Max, kpi.Precision),
            SumMinutes = sum,
            Note = Join(Join(a.Measured > 0 ? null : $"not measurable: no {noun} measured (N = 0)", excluded), variantNote),
        };

        // Printed variants read the printed formula literally, over the KPI's own aggregates; they exist for the whole interval only.
        if (part != DurationPart.Total || variant != PmmVariant)
        {
            yield break;
        }

        foreach (KpiVariant printed in kpi.Variants.Where(v => v.Measure is null && v.Formula is null))
        {
            long denominator = printed.Denominator == DenominatorBasis.Population ? a.Population : a.Measured;
            yield return row with
            {
                Variant = printed.Name,
                Value = denominator > 0 && sum is { } total ? Round(total / denominator, kpi.Precision) : null,
                SumMinutes = sum,
                Denominator = denominator,
                Note = printed.Description,
            };
        }
    }

    /// <summary>
    /// A period without a record of the population's type in it (or without any in scope, or for which the source
    /// cannot give the value): a row that says so, and one for each printed variant of the KPI's own value.
    /// </summary>
    public IEnumerable<KpiValue> NoRecords(KpiDefinition kpi, PopulationMeasure measure, string variant, PeriodType periodType, LocalDate start, bool typeHasRecords,
        string? variantNote = null, string? unavailable = null)
    {
        string label = Periods.Label(periodType, start);
        string why = unavailable is not null ? $"not measurable: {unavailable}"
            : typeHasRecords ? $"not measurable: no {RecordTypes.Plural(measure.RecordType)} in scope in {label}"
            : $"not measurable: no {measure.RecordType} records for {label}";
        KpiValue row = Row(kpi, variant, new CellKey(periodType, start, TotalBreakdown, AllValues, kpi.Disclosure)) with { Note = Join(why, variantNote) };
        return [row, .. PrintedVariantsOf(kpi, variant, row)];
    }

    /// <summary>The printed variants' rows where the KPI's own value has none: the same cell, the same reason.</summary>
    private static IEnumerable<KpiValue> PrintedVariantsOf(KpiDefinition kpi, string variant, KpiValue none) =>
        variant != PmmVariant
            ? []
            : kpi.Variants.Where(v => v.Measure is null && v.Formula is null)
                .Select(v => none with { Variant = v.Name, Note = Join(none.Note, v.Description) });

    /// <summary>Exclusion counts are published for the total row of each period only.</summary>
    public IEnumerable<KpiExclusionCount> Exclusions(KpiDefinition kpi, PopulationMeasure measure, PeriodType periodType, KpiAggregate a)
    {
        if (a.Breakdown is not null)
        {
            yield break;
        }

        for (int i = 0; i < measure.Exclusions.Count; i++)
        {
            if (a.ExcludedByReason[i] > 0)
            {
                yield return new KpiExclusionCount(_pipeline, kpi.Code, periodType.ToCode(), Periods.Label(periodType, a.PeriodStart),
                    a.PeriodStart, measure.Exclusions[i].Reason, measure.Exclusions[i].Explanation, a.ExcludedByReason[i], _runId);
            }
        }
    }

    /// <summary>
    /// "63 declarations excluded: no arrival of goods recorded; 2 …": the main reasons a row's records were left out of
    /// N, largest first, so that every audience sees why a value rests on fewer records than its population (the
    /// exclusions file, with every reason, is national only).
    /// </summary>
    private static string? ExcludedNote(PopulationMeasure measure, KpiAggregate a, string noun)
    {
        const int Shown = 3;
        var reasons = measure.Exclusions.Select((e, i) => (e.Explanation, Count: i < a.ExcludedByReason.Count ? a.ExcludedByReason[i] : 0))
            .Where(r => r.Count > 0).OrderByDescending(r => r.Count).ToList();
        if (reasons.Count == 0)
        {
            return null;
        }

        string text = string.Join("; ", reasons.Take(Shown).Select(r => $"{r.Count} {noun} excluded: {r.Explanation}"));
        return reasons.Count > Shown ? $"{text}; {reasons.Skip(Shown).Sum(r => r.Count)} more for other reasons" : text;
    }

    public static double Round(double value, int precision) => Math.Round(value, precision, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Engines add doubles in different orders, so a sum of minutes differs in its last bits between DuckDB and
    /// PostgreSQL, and a mean that lies on a rounding midpoint (430.565) could round either way. Durations come
    /// from instants of whole seconds or finer, so a sum taken to a millionth of a minute is exact for the data
    /// and identical on every engine; the KPI is computed from that.
    /// </summary>
    public static double? Settle(double? engineValue) => engineValue is { } v ? Math.Round(v, 6, MidpointRounding.AwayFromZero) : null;

    private static double? RoundOrNull(double? value, int precision) => value is { } v ? Round(v, precision) : null;

    private static (string Breakdown, string Value, Disclosure Disclosure) Cell(KpiDefinition kpi, DurationPart part, KpiAggregate a)
    {
        if (part != DurationPart.Total)
        {
            string actor = part.ToString().ToUpperInvariant();
            Breakdown actorBreakdown = kpi.Breakdowns.Single(b => b.Kind == BreakdownKind.ResponsibleActor);
            return (BreakdownKind.ResponsibleActor.ToCode(), actor, Stricter(kpi.Disclosure, actorBreakdown.DisclosureOf(actor)));
        }

        if (a.Breakdown is not { } kind)
        {
            return (TotalBreakdown, AllValues, kpi.Disclosure);
        }

        Breakdown breakdown = kpi.Breakdowns.Single(b => b.Kind == kind);
        string value = a.BreakdownValue ?? "UNKNOWN";
        return (kind.ToCode(), value, Stricter(kpi.Disclosure, breakdown.DisclosureOf(value)));
    }

    // A breakdown never discloses more widely than its KPI.
    private static Disclosure Stricter(Disclosure a, Disclosure b) => (Disclosure)Math.Max((int)a, (int)b);
}
