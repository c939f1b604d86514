using PmmEtl.Core.Catalogue;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Measure;

/// <summary>Reads <c>kpis:</c>: <c>all</c> (the default) or a list of codes or ids of the catalogue, each once.</summary>
internal static class KpisSectionReader
{
    public static IReadOnlyList<KpiDefinition> Read(YamlNodeReader top, IReadOnlyList<KpiDefinition> catalogue)
    {
        YamlNode? node = top.Get("kpis");
        if (node is null || node is YamlScalarNode { Value: "all" })
        {
            return catalogue;
        }

        if (node is not YamlSequenceNode list)
        {
            top.Problem(node, "kpis", "expected all or a list of KPI codes (K01, FOS-1.1, …)");
            return [];
        }

        var kpis = new List<KpiDefinition>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string? code = (list.Children[i] as YamlScalarNode)?.Value;
            KpiDefinition? kpi = code is null ? null : catalogue.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.OrdinalIgnoreCase)
                                                                                  || string.Equals(k.Id, code, StringComparison.OrdinalIgnoreCase));
            if (kpi is null)
            {
                top.Problem(list.Children[i], $"kpis[{i}]", $"unknown KPI '{code}' (known: {string.Join(", ", catalogue.Select(k => k.Code))})");
            }
            else if (kpis.Contains(kpi))
            {
                top.Problem(list.Children[i], $"kpis[{i}]", $"{kpi.Code} is listed twice");
            }
            else
            {
                kpis.Add(kpi);
            }
        }

        return kpis;
    }
}
