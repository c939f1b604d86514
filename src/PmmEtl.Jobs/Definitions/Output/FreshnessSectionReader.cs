using NodaTime;
using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Output;

/// <summary>Reads <c>freshness:</c>: how old the newest lodgement loaded may be before a run refuses to publish.</summary>
internal static class FreshnessSectionReader
{
    public static Duration? Read(YamlNodeReader? freshness)
    {
        if (freshness is null)
        {
            return null;
        }

        freshness.OnlyKeys("max_source_age_hours");
        return freshness.Int("max_source_age_hours", required: true, 1, 24 * 366) is { } hours ? Duration.FromHours(hours) : null;
    }
}
