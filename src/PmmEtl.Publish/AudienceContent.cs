using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Publish;

/// <summary>What one audience publishes: its rows after filtering and suppression; no exclusions table unless national.</summary>
internal sealed record AudienceContent(
    Disclosure Audience, List<PublishedValue> Values, IReadOnlyList<KpiExclusionCount>? Exclusions, List<PublishedBin> Bins, int? SuppressBelow);
