namespace PmmEtl.Extract.Files;

/// <summary>
/// A national code list mapped onto canonical codes ("40" → AIR, "IM*" → IMPORT, "*" → OTHER). An exact key wins
/// over a prefix key (one ending in '*'); among prefixes the longest wins; the key "*" alone takes any other
/// non-blank code. Keys and values are compared after trimming.
/// </summary>
public sealed class CodeMap
{
    private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);
    private readonly (string Prefix, string Value)[] _prefixes;

    // "*" is the catch-all: a code list with a standard "other" member maps what it does not list there, while a
    // blank code stays blank (a missing value is not an "other" one).
    private readonly string? _otherwise;

    public CodeMap(IReadOnlyDictionary<string, string> entries)
    {
        var prefixes = new List<(string, string)>();
        foreach ((string key, string value) in entries)
        {
            if (key.Trim() == "*")
            {
                _otherwise = value;
            }
            else if (key.Length > 1 && key.EndsWith('*'))
            {
                prefixes.Add((key[..^1], value));
            }
            else
            {
                _exact[key.Trim()] = value;
            }
        }

        _prefixes = prefixes.OrderByDescending(p => p.Item1.Length).ToArray();
    }

    public bool TryMap(string value, out string mapped)
    {
        string key = value.Trim();
        if (_exact.TryGetValue(key, out string? exact))
        {
            mapped = exact;
            return true;
        }

        foreach ((string prefix, string prefixValue) in _prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                mapped = prefixValue;
                return true;
            }
        }

        if (_otherwise is not null && key.Length > 0)
        {
            mapped = _otherwise;
            return true;
        }

        mapped = value;
        return false;
    }
}
