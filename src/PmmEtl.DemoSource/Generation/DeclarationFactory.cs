using NodaTime;
using static PmmEtl.DemoSource.Generation.EventCodes;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Builds one declaration: draws its columns, lays out its milestones, anchors them in time and applies
/// at most one deliberate defect. Times are computed as instants and only then turned into the office's
/// wall-clock time, which is what the source stores.
/// </summary>
internal sealed class DeclarationFactory
{
    // Business lodgements follow office hours; arrivals at ports and borders come at any hour.
    private static readonly WeightedChoice<int> OfficeHours = Hours(h => h switch
    {
        < 7 => 0.08,
        7 or 18 => 0.5,
        < 18 => 1.0,
        _ => 0.15,
    });

    private static readonly WeightedChoice<int> AroundTheClock = Hours(h => h switch
    {
        < 6 => 0.45,
        23 => 0.6,
        _ => 1.0,
    });

    private readonly Random _rng;
    private readonly AttributeDrawer _drawer;
    private readonly MilestonePlanner _planner;
    private readonly BadRowInjector _injector;
    private readonly LocalDate _lastDay;
    private long _sequence;

    public DeclarationFactory(Random rng, AttributeDrawer drawer, int year)
    {
        _rng = rng;
        _drawer = drawer;
        _planner = new MilestonePlanner(rng);
        _injector = new BadRowInjector(rng);
        _lastDay = new LocalDate(year, 12, 31);
    }

    /// <summary>A declaration whose first milestone is on <paramref name="day"/> at the office.</summary>
    /// <param name="repeats">For a duplicate copy: the earlier row it repeats (same id, office, type and trader).</param>
    public DeclarationPlan Ordinary(LocalDate day, BadKind bad, DuplicateSource? repeats)
    {
        DeclarationAttributes attributes = repeats is { } r
            ? _drawer.Draw(r.Office, r.Type, r.Trader)
            : _drawer.Draw(arrivalFirst: bad == BadKind.ReleaseBeforeArrival);
        List<Milestone> milestones = _planner.Plan(attributes);
        bool anyHour = milestones[0].Code == Arrival && attributes.Office.ReceivesAroundTheClock;
        LocalTime time = new(
            (anyHour ? AroundTheClock : OfficeHours).Pick(_rng), _rng.Next(60), _rng.Next(60));
        // Lenient: a start drawn inside the spring gap moves past it, as a real clock would read.
        Instant start = attributes.Office.Zone.AtLeniently(day + time).ToInstant();

        if (bad == BadKind.None && _rng.Chance(Scale.OpenShare(Period.DaysBetween(day, _lastDay))))
        {
            LeaveOpen(milestones);
        }

        DeclarationPlan plan = Place(attributes, milestones, start);
        plan.RepeatedId = repeats?.Id;
        _injector.Apply(plan, bad);
        return plan;
    }

    /// <summary>
    /// A declaration with one milestone (never the first) placed in the gap or fold of a DST change, so its
    /// milestones span the change. In a gap, that milestone is written as a clock that has not yet moved
    /// forward reads it: a local time that does not exist, which is what real systems end up storing.
    /// </summary>
    public DeclarationPlan AroundTransition(DstTarget target)
    {
        DeclarationAttributes attributes = _drawer.Draw(target.Office);
        List<Milestone> milestones = _planner.Plan(attributes);
        DstTransition change = target.Transition;
        int anchor = _rng.Next(1, milestones.Count);
        int length = (int)change.Length.TotalSeconds;
        int from = change.IsGap ? 0 : -length;
        Instant at = change.At + Duration.FromSeconds(_rng.Next(from, length));
        DeclarationPlan plan = Place(attributes, milestones, at - milestones[anchor].Offset);
        if (change.IsGap)
        {
            plan.Events[anchor] = plan.Events[anchor] with { Local = at.WithOffset(change.Before).LocalDateTime };
        }

        return plan;
    }

    private DeclarationPlan Place(DeclarationAttributes attributes, List<Milestone> milestones, Instant start)
    {
        DateTimeZone zone = attributes.Office.Zone;
        var events = new List<PlannedEvent>(milestones.Count);
        foreach (Milestone m in milestones)
        {
            events.Add(PlannedEvent.Happened(m.Code, start + m.Offset, zone));
        }

        return new DeclarationPlan(attributes, _sequence++, start, start.InZone(zone).Date, events);
    }

    /// <summary>Not released (nor loaded) yet; half of them not even cleared, some still under inspection.</summary>
    private void LeaveOpen(List<Milestone> milestones)
    {
        bool notCleared = _rng.Chance(0.5);
        milestones.RemoveAll(m => m.Code is Released or LoadedOnBoard || (notCleared && m.Code is Cleared or InspectionEnd));
    }

    private static WeightedChoice<int> Hours(Func<int, double> weight) =>
        new(Enumerable.Range(0, 24).Select(h => (h, weight(h))).ToArray());
}
