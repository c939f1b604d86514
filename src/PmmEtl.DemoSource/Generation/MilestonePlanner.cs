using NodaTime;
using static PmmEtl.DemoSource.Generation.EventCodes;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Lays out a declaration's milestones as durations from its first milestone. Working in durations
/// (not wall-clock times) is what keeps the waiting times realistic when a DST change falls in between.
/// </summary>
internal sealed class MilestonePlanner
{
    private readonly Random _rng;

    public MilestonePlanner(Random rng) => _rng = rng;

    /// <summary>The milestones in time order, the first at offset zero.</summary>
    public List<Milestone> Plan(DeclarationAttributes d)
    {
        var milestones = d.Type switch
        {
            "IM" => Import(d),
            "EX" => Export(d),
            "TR" => TransitOrCargo(d, arrivalAfter: _rng.LogNormalHours(2, 0.6, 0.25, 24)),
            _ => TransitOrCargo(d, arrivalAfter: d.CargoDirection == "I"
                ? _rng.LogNormalHours(12, 0.8, 1, 72)   // inward manifests are lodged before the ship or plane arrives
                : _rng.LogNormalHours(6, 0.7, 1, 48)),
        };

        milestones.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        Duration first = milestones[0].Offset;
        for (int i = 0; i < milestones.Count; i++)
        {
            milestones[i] = milestones[i] with { Offset = milestones[i].Offset - first };
        }

        return milestones;
    }

    /// <summary>Arrival, then lodgement (or lodgement 1–48 h before arrival), optional permit, control, clearance, release.</summary>
    private List<Milestone> Import(DeclarationAttributes d)
    {
        Duration arrival = Duration.Zero;
        Duration lodged = d.PreArrival ? -_rng.UniformHours(1, 48)
            : d.FastTrack ? _rng.UniformMinutes(5, 40)
            : _rng.LogNormalHours(2.75, 0.35, 0.5, 12);
        var list = new List<Milestone>(7) { new(Arrival, arrival), new(Lodgement, lodged) };
        Duration cleared = Control(d, list, lodged, arrival);
        Duration released = Max(cleared, arrival) + ReleaseDelay(d);
        list.Add(new(Cleared, cleared));
        list.Add(new(Released, released));
        return list;
    }

    /// <summary>Lodgement, arrival at the office of exit, optional permit, control, clearance, release, loading on board.</summary>
    private List<Milestone> Export(DeclarationAttributes d)
    {
        Duration lodged = Duration.Zero;
        Duration arrival = d.FastTrack ? _rng.UniformHours(0.5, 4) : _rng.LogNormalHours(6, 0.7, 1, 30);
        var list = new List<Milestone>(8) { new(Lodgement, lodged), new(Arrival, arrival) };
        Duration cleared = Control(d, list, arrival, arrival);
        Duration released = cleared + ReleaseDelay(d);
        list.Add(new(Cleared, cleared));
        list.Add(new(Released, released));
        list.Add(new(LoadedOnBoard, released + _rng.LogNormalHours(14, 0.8, 1, 72)));
        return list;
    }

    /// <summary>Transit and cargo declarations record lodgement, arrival and release only.</summary>
    private List<Milestone> TransitOrCargo(DeclarationAttributes d, Duration arrivalAfter)
    {
        Duration release = arrivalAfter + d.Channel switch
        {
            'G' => _rng.UniformMinutes(10, 45),
            'Y' => _rng.LogNormalHours(2, 0.5, 0.5, 8),
            _ => _rng.LogNormalHours(6, 0.5, 2, 24),
        };
        return [new(Lodgement, Duration.Zero), new(Arrival, arrivalAfter), new(Released, release)];
    }

    /// <summary>
    /// Adds the optional OGA permit and the inspection, and returns the clearance. Customs works from
    /// lodgement (<paramref name="documentsFrom"/>) but can only inspect goods that have arrived.
    /// </summary>
    private Duration Control(DeclarationAttributes d, List<Milestone> list, Duration documentsFrom, Duration arrival)
    {
        Duration ready = Max(list[0].Offset, list[1].Offset);
        Duration start = documentsFrom;
        if (d.HasOga)
        {
            Duration permit = ready + _rng.LogNormalHours(5, 0.6, 0.5, 48);
            list.Add(new(OgaPermit, permit));
            start = Max(start, permit);
        }

        switch (d.Channel)
        {
            case 'G':
                return start + (d.FastTrack ? _rng.UniformMinutes(2, 15) : _rng.UniformMinutes(20, 60));
            case 'Y':
                return start + _rng.LogNormalHours(3, 0.45, 1, 10);
            default:
                Duration inspectionStart = Max(start, arrival) + _rng.LogNormalHours(10, 0.5, 3, 36);
                Duration inspectionEnd = inspectionStart + _rng.UniformHours(1, 6);
                list.Add(new(InspectionStart, inspectionStart));
                list.Add(new(InspectionEnd, inspectionEnd));
                return inspectionEnd + _rng.LogNormalHours(1, 0.5, 1.0 / 6, 6);
        }
    }

    /// <summary>Time between clearance and the goods actually leaving Customs control.</summary>
    private Duration ReleaseDelay(DeclarationAttributes d) =>
        d.ImmediateRelease ? _rng.UniformMinutes(1, 10)
        : d.FastTrack ? _rng.UniformMinutes(5, 30)
        : _rng.LogNormalHours(0.67, 0.6, 5.0 / 60, 8);

    private static Duration Max(Duration a, Duration b) => a > b ? a : b;
}
