using NodaTime;
using PmmEtl.Core.Time;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Writes declarations with their events and counts what was written: bad rows, and the DST cases judged
/// the way the pipeline will see them, from the written text in the office's zone.
/// </summary>
internal sealed class DeclarationRecorder
{
    private readonly DemoDatabase _database;

    public DeclarationRecorder(DemoDatabase database) => _database = database;

    public long Declarations { get; private set; }
    public long Events { get; private set; }
    public long BadRows { get; private set; }
    public long GapTimes { get; private set; }
    public long FoldTimes { get; private set; }
    public long SpanningDst { get; private set; }

    public void Record(DeclarationPlan plan)
    {
        long rowId = ++Declarations;
        _database.InsertDeclaration(rowId, plan);
        OfficeProfile office = plan.Attributes.Office;
        foreach (PlannedEvent e in plan.Events)
        {
            _database.InsertEvent(rowId, e.Code, e.Raw ? e.RawText : IsoLocalText.Format(e.Local, ' '), EventCodes.ActorOf(e.Code));
            Events++;
            // An unknown office has no zone for the pipeline, so its times cannot be in a gap or fold.
            if (!e.Raw && plan.IsKnownOffice)
            {
                CountDstCase(office, e.Local);
            }
        }

        BadRows += plan.Bad == BadKind.None ? 0 : 1;
        SpanningDst += plan.IsKnownOffice && SpansChange(plan, office) ? 1 : 0;
    }

    private void CountDstCase(OfficeProfile office, LocalDateTime local)
    {
        foreach (DstTransition change in office.Transitions)
        {
            // Only the dates of a change can hold such times; MapLocal elsewhere would just cost time.
            if (change.TouchesDate(local.Date))
            {
                int count = office.Zone.MapLocal(local).Count;
                GapTimes += count == 0 ? 1 : 0;
                FoldTimes += count == 2 ? 1 : 0;
                return;
            }
        }
    }

    private static bool SpansChange(DeclarationPlan plan, OfficeProfile office)
    {
        if (office.Transitions.Count == 0 || plan.Events.Count == 0)
        {
            return false;
        }

        Instant first = Instant.MaxValue;
        Instant last = Instant.MinValue;
        foreach (PlannedEvent e in plan.Events)
        {
            first = e.At < first ? e.At : first;
            last = e.At > last ? e.At : last;
        }

        return office.Transitions.Any(t => first < t.At && t.At <= last);
    }
}
