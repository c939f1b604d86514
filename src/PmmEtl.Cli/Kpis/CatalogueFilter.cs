using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Cli.Kpis;

/// <summary>
/// Which catalogue entries <c>pmm-etl kpis</c> lists. <c>--area</c> takes a PMM area's numeral (<c>I</c> … <c>IV</c>),
/// <c>tools</c> (the WCO-tool KPIs), <c>fos</c> (every FoS entry) or any part of an area's name; <c>--input</c> an
/// input kind; <c>--family</c> <c>pmm</c> or <c>fos</c>. The filters combine.
/// </summary>
internal sealed partial class CatalogueFilter
{
    public static readonly string[] Inputs = [.. Enum.GetValues<InputKind>().Select(k => k.ToCode())];
    public static readonly string[] Families = [.. Enum.GetValues<CatalogueFamily>().Select(f => f.ToCode())];

    private readonly string? _area;
    private readonly string? _input;
    private readonly string? _family;

    private CatalogueFilter(string? area, string? input, string? family)
    {
        _area = area;
        _input = input;
        _family = family;
    }

    /// <summary>The filter, or why an argument is not one (an unknown input kind or family, an area nothing is in).</summary>
    public static (CatalogueFilter? Filter, string? Error) Parse(string? area, string? input, string? family, IReadOnlyList<KpiDefinition> catalogue)
    {
        input = input?.Trim().ToLowerInvariant();
        family = family?.Trim().ToLowerInvariant();
        area = area?.Trim();
        if (input is not null && !Inputs.Contains(input))
        {
            return (null, $"--input '{input}' is not an input kind; use one of {string.Join(", ", Inputs)}");
        }

        if (family is not null && !Families.Contains(family))
        {
            return (null, $"--family '{family}' is not a family; use pmm or fos");
        }

        if (area is { Length: 0 })
        {
            return (null, "--area is empty");
        }

        // A keyword always names an area, even one without entries yet; free text that matches nothing is a typo.
        var filter = new CatalogueFilter(area, input, family);
        if (area is not null && !IsKeyword(area) && !catalogue.Any(filter.InArea))
        {
            string areas = string.Join("; ", catalogue.Where(k => k.Family == CatalogueFamily.Pmm).Select(k => k.Area).Distinct());
            return (null, $"--area '{area}' matches no area of the catalogue; use I, II, III, IV, tools, fos or part of an area's name ({areas})");
        }

        return (filter, null);
    }

    public bool Matches(KpiDefinition k) =>
        InArea(k)
        && (_input is null || k.Input.ToCode() == _input)
        && (_family is null || k.Family.ToCode() == _family);

    /// <summary>The short form of an entry's area the table shows: I … IV, tools, or "FoS n" (n: the standard).</summary>
    public static string ShortArea(KpiDefinition k)
    {
        if (k.Family == CatalogueFamily.Fos)
        {
            Match standard = FosStandard().Match(k.Code);
            return standard.Success ? $"FoS {standard.Groups[1].Value}" : "FoS";
        }

        Match numeral = AreaNumeral().Match(k.Area);
        return numeral.Success ? numeral.Groups[1].Value : IsToolsArea(k.Area) ? "tools" : k.Area;
    }

    private bool InArea(KpiDefinition k)
    {
        if (_area is null)
        {
            return true;
        }

        if (_area.Equals("fos", StringComparison.OrdinalIgnoreCase))
        {
            return k.Family == CatalogueFamily.Fos;
        }

        if (_area.Equals("tools", StringComparison.OrdinalIgnoreCase))
        {
            return k.Family == CatalogueFamily.Pmm && IsToolsArea(k.Area);
        }

        // "I" is a substring of nearly every name, so a numeral matches only the area it numbers ("I. Trade …").
        if (RomanNumeral().IsMatch(_area))
        {
            Match numeral = AreaNumeral().Match(k.Area);
            return numeral.Success && numeral.Groups[1].Value.Equals(_area, StringComparison.OrdinalIgnoreCase);
        }

        return k.Area.Contains(_area, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsKeyword(string area) =>
        area.Equals("fos", StringComparison.OrdinalIgnoreCase) || area.Equals("tools", StringComparison.OrdinalIgnoreCase) || RomanNumeral().IsMatch(area);

    private static bool IsToolsArea(string area) => area.Contains("WCO tool", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[IVX]+$", RegexOptions.IgnoreCase)]
    private static partial Regex RomanNumeral();

    [GeneratedRegex(@"^([IVX]+)\.\s")]
    private static partial Regex AreaNumeral();

    [GeneratedRegex(@"^FOS-(\d+)\.", RegexOptions.IgnoreCase)]
    private static partial Regex FosStandard();
}
