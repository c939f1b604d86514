using PmmEtl.Core.Catalogue;

namespace PmmEtl.Publish.Audiences;

/// <summary>
/// Who may see a published row. A publication is made for one audience: public sees public rows, WCO sees public
/// and WCO rows, national sees everything. The audience's folder name is its disclosure code.
/// </summary>
public static class AudienceRules
{
    /// <summary>Narrowest first, the order in which the trees are listed and published.</summary>
    public static IReadOnlyList<Disclosure> All { get; } = [Disclosure.Public, Disclosure.Wco, Disclosure.National];

    public static string FolderName(Disclosure audience) => audience.ToCode();

    public static bool TryParse(string code, out Disclosure audience)
    {
        foreach (Disclosure candidate in All)
        {
            if (string.Equals(candidate.ToCode(), code, StringComparison.Ordinal))
            {
                audience = candidate;
                return true;
            }
        }

        audience = Disclosure.National;
        return false;
    }

    /// <summary>A row's disclosure level. An unknown code counts as national, so a misspelt level never publishes a row more widely.</summary>
    public static Disclosure LevelOf(string disclosureCode) =>
        TryParse(disclosureCode, out Disclosure level) ? level : Disclosure.National;

    public static bool MaySee(Disclosure audience, string disclosureCode) => LevelOf(disclosureCode) <= audience;

    /// <summary>
    /// The per-reason exclusion counts are methodology detail the PMM disclosure lists do not cover, so they stay
    /// national; every published value row still carries its own total <c>excluded</c> count.
    /// </summary>
    public static bool SeesExclusions(Disclosure audience) => audience == Disclosure.National;

    /// <summary>
    /// Suppression protects publications that leave the administration; the national tree is its complete record
    /// and is never suppressed.
    /// </summary>
    public static bool IsSuppressed(Disclosure audience) => audience != Disclosure.National;
}
