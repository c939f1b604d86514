using System.Globalization;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Core.Inputs;

/// <summary>
/// When the FoS questionnaire asks a Standard's additional information: "if your country has implemented the Standard
/// (whether fully or partially)", read as at least one of its indicators reported at
/// <see cref="KpiCatalogue.FosAdditionalInformationLevel"/> or above for the year (docs/kpi-decisions.md). The input
/// checks refuse answers where it is not asked and require officer-given ones where it is; the measure publishes an
/// item only where it is asked.
/// </summary>
public static class FosAdditionalInformation
{
    /// <summary>The answer that sets Standard <paramref name="standard"/>'s level in <paramref name="year"/>: its highest; null when none is reported.</summary>
    public static FosLevelAnswer? StandardLevel(IEnumerable<FosLevelAnswer> levels, int standard, int year) =>
        levels.Where(l => l.Standard == standard && l.Year == year)
            .OrderByDescending(l => l.Level).ThenBy(l => l.IndicatorCode, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Whether <paramref name="kpi"/> is an FoS additional-information item (not a monitoring indicator).</summary>
    public static bool IsItem(KpiDefinition kpi) => kpi is { Family: CatalogueFamily.Fos, FosStandard: not null } && kpi.Formula != FormulaKind.ImplementationLevel;

    /// <summary>Why the questionnaire does not ask <paramref name="kpi"/> in <paramref name="year"/> ("not asked: …"); null when it does, or when it is no FoS item.</summary>
    public static string? NotAsked(KpiDefinition kpi, IEnumerable<FosLevelAnswer> levels, int year)
    {
        if (!IsItem(kpi))
        {
            return null;
        }

        int standard = kpi.FosStandard!.Value;
        int from = KpiCatalogue.FosAdditionalInformationLevel;
        return StandardLevel(levels, standard, year) switch
        {
            null => string.Create(CultureInfo.InvariantCulture,
                $"not asked: no implementation level of Standard {standard} is reported for {year} (inputs.assessments, fos), and additional information is asked only where the Standard is implemented, fully or partially (level {from} or 5)"),
            { Level: var level } answer when level < from => string.Create(CultureInfo.InvariantCulture,
                $"not asked: Standard {standard} is at level {level} in {year} (its highest, {answer.IndicatorCode}), and additional information is asked only where the Standard is implemented, fully or partially (level {from} or 5)"),
            _ => null,
        };
    }
}
