using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Produces the declarations day by day, each day's sorted by the time of their first milestone, with ids
/// assigned in that order, so row ids and sequence numbers grow with time as in a real register. Only one
/// day is held in memory, whatever the size of the source.
/// </summary>
internal sealed class DeclarationStream
{
    private readonly Random _rng;
    private readonly DemoSourceOptions _options;
    private readonly AttributeDrawer _drawer;
    private readonly DeclarationFactory _factory;
    private readonly DeclarationIds _ids;
    private readonly DuplicateSources _sources = new();

    public DeclarationStream(Random rng, DemoSourceOptions options, IReadOnlyList<OfficeProfile> offices, TraderPool traders)
    {
        _rng = rng;
        _options = options;
        _drawer = new AttributeDrawer(rng, offices, traders);
        _factory = new DeclarationFactory(rng, _drawer, options.Year);
        _ids = new DeclarationIds(options.Year);
    }

    public IEnumerable<DeclarationPlan> Plans()
    {
        int total = _options.Declarations;
        Dictionary<LocalDate, List<DstTarget>> targets = DstTargets.Plan(_drawer, _rng, Scale.DstDeclarationsPerKind(total));
        int ordinary = total - targets.Values.Sum(t => t.Count);
        int[] perDay = DayAllocation.Allocate(_options.Year, ordinary, _rng);
        BadKind[] bad = BadRowSelection.Choose(ordinary, Scale.BadRowsPerKind(total), _rng);

        var firstDay = new LocalDate(_options.Year, 1, 1);
        int index = 0;
        int pendingDuplicates = 0;
        for (int d = 0; d < perDay.Length; d++)
        {
            LocalDate day = firstDay.PlusDays(d);
            var batch = new List<DeclarationPlan>(perDay[d] + 8);
            for (int i = 0; i < perDay[d]; i++, index++)
            {
                BadKind kind = bad[index];
                // A duplicate needs an original from an earlier day; until there is one it waits for the next sound row.
                if (kind == BadKind.Duplicate)
                {
                    pendingDuplicates++;
                    kind = BadKind.None;
                }

                DuplicateSource? repeats = null;
                if (kind == BadKind.None && pendingDuplicates > 0 && _sources.TryTake(_rng, out DuplicateSource source))
                {
                    pendingDuplicates--;
                    kind = BadKind.Duplicate;
                    repeats = source;
                }

                batch.Add(_factory.Ordinary(day, kind, repeats));
            }

            if (targets.TryGetValue(day, out List<DstTarget>? aroundChanges))
            {
                batch.AddRange(aroundChanges.Select(_factory.AroundTransition));
            }

            batch.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Sequence.CompareTo(b.Sequence));
            foreach (DeclarationPlan plan in batch)
            {
                plan.DeclarationId = plan.RepeatedId ?? _ids.Next(plan.OfficeCode, plan.Attributes.Type);
                _sources.Remember(plan);
                yield return plan;
            }
        }
    }
}
