using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// The lookups input files are validated with, over whichever catalogue the reader was given (the real one by
/// default, a small one in tests): entries by code, the FoS monitoring indicators (FOS-x.y, implementation
/// levels) and the FoS additional-information items (FOS-x.A …).
/// </summary>
internal sealed partial class CatalogueIndex
{
    private readonly Dictionary<string, KpiDefinition> _byCode;

    public CatalogueIndex(IReadOnlyList<KpiDefinition> catalogue)
    {
        Entries = catalogue;
        _byCode = new Dictionary<string, KpiDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (KpiDefinition kpi in catalogue)
        {
            _byCode.TryAdd(kpi.Code, kpi);
        }

        FosIndicators = [.. catalogue.Where(k => k.Family == CatalogueFamily.Fos && k.Formula == FormulaKind.ImplementationLevel && IndicatorCode().IsMatch(k.Code))];
    }

    public IReadOnlyList<KpiDefinition> Entries { get; }

    public IReadOnlyList<KpiDefinition> FosIndicators { get; }

    public KpiDefinition? Find(string code) => _byCode.GetValueOrDefault(code.Trim());

    /// <summary>"1.1", "FOS-1.1" and "fos-1.1" all name FOS-1.1; "2.A" names FOS-2.A.</summary>
    public static string FosCode(string written)
    {
        string code = written.Trim().ToUpperInvariant();
        return code.StartsWith("FOS-", StringComparison.Ordinal) ? code : "FOS-" + code;
    }

    public KpiDefinition? FindFosIndicator(string written)
    {
        string code = FosCode(written);
        return FosIndicators.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.OrdinalIgnoreCase));
    }

    public KpiDefinition? FindFosItem(string written) =>
        Find(FosCode(written)) is { Family: CatalogueFamily.Fos } kpi && ItemCode().IsMatch(kpi.Code) ? kpi : null;

    /// <summary>"FOS-1.1 … FOS-15.1", for the message of an unknown indicator.</summary>
    public string DescribeFosIndicators() => FosIndicators.Count == 0
        ? "the catalogue has no FoS monitoring indicators"
        : $"the FoS monitoring indicators are {FosIndicators[0].Code} … {FosIndicators[^1].Code}";

    /// <summary>"A–I" when the items are consecutive letters, else the codes listed.</summary>
    public static string DescribeItems(IReadOnlyList<ChecklistItem> items)
    {
        if (items.Count == 0)
        {
            return "no items";
        }

        bool letters = items.All(i => i.Code.Length == 1 && char.IsAsciiLetterUpper(i.Code[0]))
                       && items.Select((item, n) => item.Code[0] - items[0].Code[0] == n).All(b => b);
        return letters && items.Count > 2 ? $"{items[0].Code}–{items[^1].Code}" : string.Join(", ", items.Select(i => i.Code));
    }

    [GeneratedRegex(@"^FOS-\d+\.\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex IndicatorCode();

    [GeneratedRegex(@"^FOS-\d+\.[A-Z]+$", RegexOptions.IgnoreCase)]
    private static partial Regex ItemCode();
}
