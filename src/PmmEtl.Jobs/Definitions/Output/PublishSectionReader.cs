using PmmEtl.Core.Catalogue;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Output;

/// <summary>Reads <c>publish:</c>: the audiences (public, wco, national; each once, at least one) and <c>suppress_below</c>.</summary>
internal static class PublishSectionReader
{
    public static PublishDefinition Read(YamlNodeReader? p)
    {
        if (p is null)
        {
            return PublishDefinition.Default;
        }

        p.OnlyKeys("audiences", "suppress_below");
        var audiences = new List<Disclosure>();
        if (p.Sequence("audiences", required: false) is { } list)
        {
            for (int i = 0; i < list.Children.Count; i++)
            {
                string? name = (list.Children[i] as YamlScalarNode)?.Value;
                Disclosure? audience = name switch { "public" => Disclosure.Public, "wco" => Disclosure.Wco, "national" => Disclosure.National, _ => null };
                if (audience is null || audiences.Contains(audience.Value))
                {
                    p.Problem(list.Children[i], $"audiences[{i}]", audience is null ? $"unknown audience '{name}' (expected public, wco or national)" : $"audience '{name}' is listed twice");
                    continue;
                }

                audiences.Add(audience.Value);
            }

            if (list.Children.Count == 0)
            {
                p.Problem(list, "audiences", "list at least one audience");
            }
        }

        return new PublishDefinition(audiences.Count > 0 ? audiences : PublishDefinition.Default.Audiences, p.Int("suppress_below", required: false, 1, 1_000_000));
    }
}
