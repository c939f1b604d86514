namespace PmmEtl.DemoSource.Generation;

/// <summary>Picks one of a few items with fixed relative weights.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(params (T Item, double Weight)[] entries)
    {
        if (entries.Length == 0)
        {
            throw new ArgumentException("At least one entry is required.", nameof(entries));
        }

        _items = new T[entries.Length];
        _cumulative = new double[entries.Length];
        double total = 0;
        for (int i = 0; i < entries.Length; i++)
        {
            total += entries[i].Weight;
            _items[i] = entries[i].Item;
            _cumulative[i] = total;
        }
    }

    public T Pick(Random rng)
    {
        double x = rng.NextDouble() * _cumulative[^1];
        for (int i = 0; i < _cumulative.Length - 1; i++)
        {
            if (x < _cumulative[i])
            {
                return _items[i];
            }
        }

        return _items[^1];
    }
}
