using NodaTime;
using static PmmEtl.DemoSource.Generation.EventCodes;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Turns a sound declaration into one with a deliberate defect of the kind real extracts contain, so the
/// pipeline's validation and quarantine have something to catch.
/// </summary>
internal sealed class BadRowInjector
{
    // Codes that are not in the office table: a placeholder, a foreign code, a typo of a real office.
    private static readonly WeightedChoice<string> UnknownOffices = new(("XX999", 60), ("ZZ000", 20), ("USNYC9", 20));

    private readonly Random _rng;

    public BadRowInjector(Random rng) => _rng = rng;

    /// <remarks>A duplicate copy needs nothing here: the factory already gave it the id of the row it repeats.</remarks>
    public void Apply(DeclarationPlan plan, BadKind kind)
    {
        plan.Bad = kind;
        switch (kind)
        {
            case BadKind.ReleaseBeforeArrival:
                ReleaseBeforeArrival(plan);
                break;
            case BadKind.UnknownOffice:
                plan.OfficeCode = UnknownOffices.Pick(_rng);
                break;
            case BadKind.UnparsableTime:
                int index = _rng.Next(plan.Events.Count);
                plan.Events[index] = plan.Events[index].WithRawText(Garble(plan.Events[index].Local));
                break;
            case BadKind.MissingLodgement:
                MissingLodgement(plan);
                break;
        }
    }

    /// <summary>A release keyed in 1–20 hours before the arrival (the factory made this an import with an arrival first).</summary>
    private void ReleaseBeforeArrival(DeclarationPlan plan)
    {
        Instant arrival = plan.Events.Single(e => e.Code == Arrival).At;
        int release = plan.Events.FindIndex(e => e.Code == Released);
        plan.Events[release] = PlannedEvent.Happened(Released, arrival - _rng.UniformHours(1, 20), plan.Attributes.Office.Zone);
    }

    private void MissingLodgement(DeclarationPlan plan)
    {
        int lodgement = plan.Events.FindIndex(e => e.Code == Lodgement);
        switch (_rng.Next(3))
        {
            case 0:
                plan.Events[lodgement] = plan.Events[lodgement].WithRawText(null);
                break;
            case 1:
                plan.Events[lodgement] = plan.Events[lodgement].WithRawText("");
                break;
            default:
                plan.Events.RemoveAt(lodgement);
                break;
        }
    }

    /// <summary>Texts no parser for 'yyyy-MM-dd HH:mm:ss' accepts, most of them derived from the real time.</summary>
    private string Garble(LocalDateTime local) => _rng.Next(5) switch
    {
        0 => $"{local.Year:D4}-02-30 {local.Hour:D2}:{local.Minute:D2}:{local.Second:D2}",
        1 => $"{local.Day:D2}/{local.Month:D2}/{local.Year:D4} {local.Hour:D2}:{local.Minute:D2}",
        2 => "N/A",
        3 => $"{local.Year:D4}-{local.Month:D2}-{local.Day:D2} 25:{local.Minute:D2}:{local.Second:D2}",
        _ => "0000-00-00 00:00:00",
    };
}
