using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PmmEtl.Extract.Registers;

/// <summary>
/// The canonical fields one source gives for one register (the query's aliased columns, a CSV file's header), in
/// the order of their values: built once per query or file and shared by every row it reads.
/// </summary>
public sealed class FieldLayout
{
    private readonly Dictionary<string, int> _ordinals;

    public FieldLayout(IReadOnlyList<string> names)
    {
        Names = names;
        _ordinals = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            _ordinals.Add(names[i], i);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public bool TryGetOrdinal(string name, out int ordinal) => _ordinals.TryGetValue(name, out ordinal);
}

/// <summary>
/// One raw record's fields: a shared <see cref="FieldLayout"/> and one array of texts, read as the canonical name →
/// text dictionary <see cref="Core.Registers.RawRecord.Fields"/> is. A row costs one array, not a hash table of its own.
/// </summary>
public sealed class FieldRow(FieldLayout layout, string?[] values) : IReadOnlyDictionary<string, string?>
{
    public static FieldRow Empty { get; } = new(new FieldLayout([]), []);

    public string? this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"no field '{key}' in this row");

    public IEnumerable<string> Keys => layout.Names;

    public IEnumerable<string?> Values => values;

    public int Count => layout.Count;

    public bool ContainsKey(string key) => layout.TryGetOrdinal(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        if (layout.TryGetOrdinal(key, out int ordinal))
        {
            value = values[ordinal];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (int i = 0; i < layout.Count; i++)
        {
            yield return new KeyValuePair<string, string?>(layout.Names[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
