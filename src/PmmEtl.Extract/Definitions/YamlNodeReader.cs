using System.Globalization;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Extract.Definitions;

/// <summary>
/// Typed access to a YAML mapping that records every problem with its line and full key path
/// (e.g. <c>line 14: offices[2].zone: …</c>) instead of stopping at the first, and rejects unknown keys
/// so that a misspelt setting is an error rather than a silently ignored default.
/// </summary>
public sealed class YamlNodeReader
{
    private readonly List<string> _problems;

    public YamlNodeReader(YamlMappingNode node, string path, List<string> problems)
    {
        Node = node;
        Path = path;
        _problems = problems;
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public void Problem(YamlNode? at, string key, string message) =>
        _problems.Add($"line {(at ?? Node).Start.Line}: {Key(key)}: {message}");

    /// <summary>Reports a value that is none of a setting's choices; returns <paramref name="fallback"/> so reading goes on.</summary>
    public T UnknownPolicy<T>(string key, string value, string expected, T fallback)
    {
        Problem(Get(key), key, $"unknown policy '{value}' (expected {expected})");
        return fallback;
    }

    public string Key(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void OnlyKeys(params string[] allowed)
    {
        foreach (var (keyNode, _) in Node.Children)
        {
            if (KeyText(keyNode) is not { } key)
            {
                continue;
            }

            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Problem(keyNode, key, $"unknown key (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    /// <summary>
    /// A key of this mapping as text. YAML allows a list or a mapping as a key (<c>[a, b]: 1</c>, <c>? {a: 1}</c>);
    /// no setting is named so, and such a key is a problem with its line, never a crash.
    /// </summary>
    public string? KeyText(YamlNode keyNode)
    {
        if (keyNode is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        string kind = keyNode is YamlSequenceNode ? "a list" : keyNode is YamlMappingNode ? "a mapping" : "another kind of node";
        _problems.Add($"line {keyNode.Start.Line}: {(Path.Length == 0 ? "(top level)" : Path)}: a key must be a name, not {kind}");
        return null;
    }

    public YamlNode? Get(string key) =>
        Node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    public string? String(string key, bool required)
    {
        YamlNode? node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Problem(null, key, "missing required key");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Problem(node, key, "expected a non-empty text value");
            return null;
        }

        return scalar.Value;
    }

    public int? Int(string key, bool required, int min, int max)
    {
        string? text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            Problem(Get(key), key, $"expected a whole number from {min} to {max}, got '{text}'");
            return null;
        }

        return value;
    }

    /// <summary>
    /// An ISO date (<c>yyyy-MM-dd</c>); a problem naming the key when it is not one, or when it falls outside
    /// <paramref name="years"/> (inclusive, with why the bounds are there).
    /// </summary>
    public LocalDate? Date(string key, bool required, (int From, int To, string Why)? years = null)
    {
        string? text = String(key, required);
        if (text is null)
        {
            return null;
        }

        ParseResult<LocalDate> parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success || (years is { } y && (parsed.Value.Year < y.From || parsed.Value.Year > y.To)))
        {
            string within = years is { } b ? $" between {b.From} and {b.To} ({b.Why})" : "";
            Problem(Get(key), key, $"expected a date yyyy-MM-dd{within}, got '{text}'");
            return null;
        }

        return parsed.Value;
    }

    public bool Bool(string key, bool defaultValue)
    {
        string? text = String(key, required: false);
        if (text is null)
        {
            return defaultValue;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Problem(Get(key), key, $"expected true or false, got '{text}'");
                return defaultValue;
        }
    }

    public YamlNodeReader? Mapping(string key, bool required)
    {
        YamlNode? node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Problem(null, key, "missing required section");
            }

            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Problem(node, key, "expected a mapping of keys to values");
            return null;
        }

        return new YamlNodeReader(mapping, Key(key), _problems);
    }

    public YamlSequenceNode? Sequence(string key, bool required)
    {
        YamlNode? node = Get(key);
        if (node is null)
        {
            if (required)
            {
                Problem(null, key, "missing required list");
            }

            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Problem(node, key, "expected a list");
            return null;
        }

        return sequence;
    }

    public YamlNodeReader Child(YamlMappingNode node, string path) => new(node, path, _problems);
}
