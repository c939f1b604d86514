using YamlDotNet.RepresentationModel;

namespace PmmEtl.Extract.Definitions;

/// <summary>Reads the small shapes source mappings use: a code map of scalars, and a scalar-or-list of texts.</summary>
internal static class YamlMaps
{
    /// <summary>A mapping of national codes to canonical codes ("40": AIR); every key and value must be a non-empty scalar.</summary>
    public static IReadOnlyDictionary<string, string>? CodeMap(YamlNodeReader r, string key)
    {
        if (r.Mapping(key, required: false) is not { } map)
        {
            return null;
        }

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Node.Children)
        {
            string? from = (k as YamlScalarNode)?.Value;
            string? to = (v as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                map.Problem(v, from ?? "?", "expected a code and the canonical code it stands for (\"40\": AIR)");
                continue;
            }

            if (!codes.TryAdd(from.Trim(), to.Trim()))
            {
                map.Problem(k, from, "code listed twice");
            }
        }

        return codes;
    }

    /// <summary>One text or a list of texts (element paths, function codes).</summary>
    public static IReadOnlyList<string>? Texts(YamlNodeReader r, string key)
    {
        YamlNode? node = r.Get(key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } one } when !string.IsNullOrWhiteSpace(one):
                return [one.Trim()];
            case YamlSequenceNode list:
                var texts = new List<string>();
                foreach (YamlNode item in list.Children)
                {
                    if (item is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
                    {
                        texts.Add(text.Trim());
                    }
                    else
                    {
                        r.Problem(item, key, "expected a list of non-empty texts");
                    }
                }

                return texts;
            default:
                r.Problem(node, key, "expected a text or a list of texts");
                return null;
        }
    }
}
