using NodaTime;
using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Records;

/// <summary>The milestones of one declaration, found once, for the registers that follow it (shipments, inspections).</summary>
internal readonly struct DeclarationTimes
{
    private readonly PlannedEvent? _arrival;
    private readonly PlannedEvent? _lodgement;
    private readonly PlannedEvent? _inspectionStart;
    private readonly PlannedEvent? _inspectionEnd;
    private readonly PlannedEvent? _cleared;
    private readonly PlannedEvent? _released;
    private readonly PlannedEvent? _loaded;

    public DeclarationTimes(DeclarationPlan plan)
    {
        Zone = plan.Attributes.Office.Zone;
        foreach (PlannedEvent e in plan.Events)
        {
            switch (e.Code)
            {
                case EventCodes.Arrival: _arrival = e; break;
                case EventCodes.Lodgement: _lodgement = e; break;
                case EventCodes.InspectionStart: _inspectionStart = e; break;
                case EventCodes.InspectionEnd: _inspectionEnd = e; break;
                case EventCodes.Cleared: _cleared = e; break;
                case EventCodes.Released: _released = e; break;
                case EventCodes.LoadedOnBoard: _loaded = e; break;
            }
        }
    }

    public DateTimeZone Zone { get; }

    public PlannedEvent? Arrival => _arrival;
    public PlannedEvent? Lodgement => _lodgement;
    public PlannedEvent? InspectionStart => _inspectionStart;
    public PlannedEvent? InspectionEnd => _inspectionEnd;
    public PlannedEvent? Cleared => _cleared;
    public PlannedEvent? Released => _released;
    public PlannedEvent? LoadedOnBoard => _loaded;

    /// <summary>
    /// The wall-clock time the declaration table shows for a milestone, so that registers repeat its DST cases (a
    /// time in the spring gap stays in the gap); a garbled one falls back to the true instant.
    /// </summary>
    public LocalDateTime? Local(PlannedEvent? e) => e is { } x ? (x.Raw ? x.At.InZone(Zone).LocalDateTime : x.Local) : null;

    public LocalDateTime Local(Instant at) => at.InZone(Zone).LocalDateTime;
}
