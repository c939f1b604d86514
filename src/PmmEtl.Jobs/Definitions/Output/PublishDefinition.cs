using PmmEtl.Core.Catalogue;

namespace PmmEtl.Jobs.Definitions.Output;

/// <summary><c>publish:</c> which audiences get a publication, and the small-count threshold of the public and WCO ones.</summary>
public sealed record PublishDefinition(IReadOnlyList<Disclosure> Audiences, int? SuppressBelow)
{
    public static PublishDefinition Default { get; } = new([Disclosure.Public, Disclosure.Wco, Disclosure.National], null);
}
