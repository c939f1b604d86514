namespace PmmEtl.DemoSource.Generation;

/// <summary>What a duplicate copy keeps from the row it repeats.</summary>
internal sealed record DuplicateSource(string Id, OfficeProfile Office, string Type, Trader Trader);

/// <summary>
/// Recently written sound rows a duplicate copy can repeat. Only rows already written (earlier days) are
/// here, so a copy always comes after its original; each original is repeated at most once.
/// </summary>
internal sealed class DuplicateSources
{
    private const int Capacity = 512;
    private readonly List<DuplicateSource> _recent = new(Capacity);
    private long _remembered;

    public void Remember(DeclarationPlan plan)
    {
        if (plan.Bad != BadKind.None || !plan.IsKnownOffice)
        {
            return;
        }

        var source = new DuplicateSource(plan.DeclarationId, plan.Attributes.Office, plan.Attributes.Type, plan.Attributes.Trader);
        if (_recent.Count < Capacity)
        {
            _recent.Add(source);
        }
        else
        {
            _recent[(int)(_remembered % Capacity)] = source;
        }

        _remembered++;
    }

    public bool TryTake(Random rng, out DuplicateSource source)
    {
        if (_recent.Count == 0)
        {
            source = null!;
            return false;
        }

        int index = rng.Next(_recent.Count);
        source = _recent[index];
        _recent[index] = _recent[^1];
        _recent.RemoveAt(_recent.Count - 1);
        return true;
    }
}
