using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Jobs.Checking;

/// <summary>One published value of a KPI (its total, an actor's part, a breakdown, a variant) and the record fields it reads.</summary>
public sealed record KpiNeed(string Kpi, string What, IReadOnlyList<FieldUse> Uses)
{
    /// <summary>
    /// For the KPI's own values of a KPI counted on a type the source may not give (K12–K14 on shipments): the record
    /// type it is counted on instead where that type is missing, so a missing shipment register does not block it.
    /// </summary>
    public string? CountedOnInstead { get; init; }

    /// <summary>"K04 total", "K04 Customs part", "K04 by aeo", "K13 variant issued".</summary>
    public string Label => $"{Kpi} {What}";
}

/// <summary>
/// The fields each value of a KPI reads, from the catalogue's own field-use metadata (<see cref="FieldUses"/>), the
/// same the measure stage asks before it publishes a value: so what <c>check</c> says a field blocks is what a run
/// will publish as "not measurable".
/// </summary>
public static class KpiNeeds
{
    private static readonly DurationPart[] ActorParts = [DurationPart.Business, DurationPart.Oga, DurationPart.Customs];

    public static IEnumerable<KpiNeed> Of(KpiDefinition kpi)
    {
        if (kpi.Measure is { } measure)
        {
            string? instead = kpi.FallbackVariant is { } fallback ? kpi.Variants.Single(v => v.Name == fallback).Measure!.RecordType : null;
            yield return new KpiNeed(kpi.Code, "total", [.. FieldUses.Of(measure)]) { CountedOnInstead = instead };
            if (kpi.HasActorSplit && measure.Duration is { HasActorParts: true })
            {
                foreach (DurationPart part in ActorParts)
                {
                    yield return new KpiNeed(kpi.Code, $"{part} part", [.. FieldUses.Of(measure, part)]);
                }
            }

            foreach (Breakdown b in kpi.GroupingsOf(measure).Where(b => b.Field is not null))
            {
                yield return new KpiNeed(kpi.Code, $"by {b.Field}", [new FieldUse(measure.RecordType, b.Field!)]) { CountedOnInstead = instead };
            }
        }

        List<KpiVariable> read = kpi.Variables.Where(v => !v.IsEntered).ToList();
        if (read.Count > 0)
        {
            yield return new KpiNeed(kpi.Code, "total", [.. read.SelectMany(FieldUses.Of).Distinct()]);
            foreach (Breakdown b in kpi.Groupings.Where(b => b.Field is not null))
            {
                FieldUse[] uses = [.. read.Where(v => RecordTypes.Find(v.Register)?.HasField(b.Field!) == true).Select(v => new FieldUse(v.Register, b.Field!)).Distinct()];
                if (uses.Length > 0)
                {
                    yield return new KpiNeed(kpi.Code, $"by {b.Field}", uses);
                }
            }
        }

        foreach (KpiVariant variant in kpi.Variants)
        {
            IEnumerable<FieldUse> uses = variant.Measure is { } m ? FieldUses.Of(m)
                : variant.Variables is { } vars ? vars.Where(v => !v.IsEntered).SelectMany(FieldUses.Of)
                : [];
            FieldUse[] distinct = [.. uses.Distinct()];
            if (distinct.Length > 0)
            {
                yield return new KpiNeed(kpi.Code, $"variant {variant.Name}", distinct);
            }
        }
    }
}
