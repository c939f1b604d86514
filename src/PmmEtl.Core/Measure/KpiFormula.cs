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

    public IEnumerable<KpiValue> Apply(KpiDefinition kpi, DurationPart part, PeriodType periodType, KpiAggregate a)
    {
        (string breakdown, string breakdownValue, Disclosure disclosure) = Cell(kpi, part, a);
        LocalDate end = Periods.End(periodType, a.PeriodStart);
        var row = new KpiValue
        {
            Pipeline = _pipeline,
            KpiCode = kpi.Code,
            KpiId = kpi.Id,
            Variant = PmmVariant,
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

        if (kpi.Formula == FormulaKind.Ratio)
        {
            yield return row with
            {
                Value = a.Measured > 0 ? Round(100.0 * a.Hits / a.Measured, kpi.Precision) : null,
                Numerator = a.Hits,
                Denominator = a.Measured,
                Note = a.Measured > 0 ? null : "not measurable: no declarations in scope (B = 0)",
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
            Note = a.Measured > 0 ? null : "not measurable: no declarations measured (N = 0)",
        };

        // Variants read the printed formula literally; they exist for the whole interval only.
        if (part != DurationPart.Total)
        {
            yield break;
        }

        foreach (KpiVariant variant in kpi.Variants)
        {
            long denominator = variant.Denominator == DenominatorBasis.Population ? a.Population : a.Measured;
            yield return row with
            {
                Variant = variant.Name,
                Value = denominator > 0 && sum is { } total ? Round(total / denominator, kpi.Precision) : null,
                SumMinutes = sum,
                Denominator = denominator,
                Note = variant.Description,
            };
        }
    }

    /// <summary>Exclusion counts are published for the total row of each period only.</summary>
    public IEnumerable<KpiExclusionCount> Exclusions(KpiDefinition kpi, PeriodType periodType, KpiAggregate a)
    {
        if (a.Breakdown is not null)
        {
            yield break;
        }

        for (int i = 0; i < kpi.Exclusions.Count; i++)
        {
            if (a.ExcludedByReason[i] > 0)
            {
                yield return new KpiExclusionCount(_pipeline, kpi.Code, periodType.ToCode(), Periods.Label(periodType, a.PeriodStart),
                    a.PeriodStart, kpi.Exclusions[i].Reason, kpi.Exclusions[i].Explanation, a.ExcludedByReason[i], _runId);
            }
        }
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
