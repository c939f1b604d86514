using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>A declaration to schedule around one DST change of one office.</summary>
internal sealed record DstTarget(OfficeProfile Office, DstTransition Transition);

/// <summary>
/// Chooses the declarations deliberately placed around the year's DST changes, grouped by the local date of
/// the change so the day loop can add them to that day. Zones without DST (Honolulu) get none.
/// </summary>
internal static class DstTargets
{
    public static Dictionary<LocalDate, List<DstTarget>> Plan(AttributeDrawer drawer, Random rng, int perKind)
    {
        var byDate = new Dictionary<LocalDate, List<DstTarget>>();
        foreach (bool gap in new[] { true, false })
        {
            bool Eligible(OfficeProfile o) => o.Transitions.Any(t => t.IsGap == gap);
            for (int i = 0; i < perKind && drawer.AnyOffice(Eligible); i++)
            {
                OfficeProfile office = drawer.PickOffice(Eligible);
                DstTransition[] changes = office.Transitions.Where(t => t.IsGap == gap).ToArray();
                DstTransition change = changes[rng.Next(changes.Length)];
                LocalDate date = change.At.WithOffset(change.Before).Date;
                if (!byDate.TryGetValue(date, out List<DstTarget>? list))
                {
                    byDate[date] = list = [];
                }

                list.Add(new DstTarget(office, change));
            }
        }

        return byDate;
    }
}
