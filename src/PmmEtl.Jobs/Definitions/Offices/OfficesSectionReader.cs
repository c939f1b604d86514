using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Offices;

/// <summary>
/// Reads <c>offices:</c>, at least one, each with its code (listed once), name, type, country and an IANA zone of the
/// tzdb the pipeline carries. The record, <see cref="OfficeDefinition"/>, is in Core: the normaliser and the
/// warehouse use it.
/// </summary>
internal static class OfficesSectionReader
{
    public static IReadOnlyList<OfficeDefinition> Read(YamlNodeReader top)
    {
        var offices = new List<OfficeDefinition>();
        YamlSequenceNode? list = top.Sequence("offices", required: true);
        if (list is null)
        {
            return offices;
        }

        if (list.Children.Count == 0)
        {
            top.Problem(list, "offices", "list at least one office");
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is not YamlMappingNode node)
            {
                top.Problem(list.Children[i], $"offices[{i}]", "expected a mapping (code, name, type, country, zone, main_entry, main_exit)");
                continue;
            }

            YamlNodeReader o = top.Child(node, $"offices[{i}]");
            o.OnlyKeys("code", "name", "type", "country", "zone", "main_entry", "main_exit");
            string? code = o.String("code", required: true);
            string? zoneId = o.String("zone", required: true);
            DateTimeZone? zone = null;
            if (zoneId is not null && !Tzdb.TryGetZone(zoneId, out zone))
            {
                o.Problem(o.Get("zone"), "zone", $"'{zoneId}' is not an IANA time zone of tzdb {Tzdb.Version}");
            }

            if (code is not null && !codes.Add(code))
            {
                o.Problem(o.Get("code"), "code", $"office '{code}' is listed twice");
            }

            var office = new OfficeDefinition
            {
                Code = code ?? "",
                Name = o.String("name", required: true) ?? "",
                OfficeType = o.String("type", required: true) ?? "",
                Country = o.String("country", required: true) ?? "",
                Zone = zone ?? DateTimeZone.Utc,
                MainEntry = o.Bool("main_entry", false),
                MainExit = o.Bool("main_exit", false),
            };
            offices.Add(office);
        }

        return offices;
    }
}
