using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;

namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>
/// The FoS questionnaire asks a Standard's additional information only where the Standard is implemented, fully or
/// partially (<see cref="FosAdditionalInformation"/>). Checked once every input file is read, because the levels (an
/// assessment file) and the answers (its <c>fos_items</c>, or an aggregates file) may come from different files: an
/// answer for a Standard that is not asked is an error naming the answer's file and line; an item only an officer can
/// answer (a number or a text) of an asked Standard that no file answers is an error naming the line of the level that
/// asks it. Record-based items need no answer: they are measured.
/// </summary>
internal static class FosAdditionalInformationCheck
{
    public static void Check(IReadOnlyList<KpiDefinition> catalogue, IReadOnlyList<FosLevelAnswer> levels, IReadOnlyList<EnteredValue> entered, List<string> problems)
    {
        List<KpiDefinition> items = [.. catalogue.Where(FosAdditionalInformation.IsItem)];
        foreach (EnteredValue e in entered)
        {
            KpiDefinition? item = items.FirstOrDefault(k => string.Equals(k.Code, e.KpiCode, StringComparison.OrdinalIgnoreCase));
            if (item is not null && FosAdditionalInformation.NotAsked(item, levels, e.PeriodStart.Year) is { } why)
            {
                problems.Add($"{InputsSectionReader.Where(e.Source)}: {item.Code}: {why}");
            }
        }

        foreach ((int standard, int year) in levels.Select(l => (l.Standard, l.Year)).Distinct().OrderBy(s => s.Year).ThenBy(s => s.Standard))
        {
            FosLevelAnswer level = FosAdditionalInformation.StandardLevel(levels, standard, year)!;
            if (level.Level < KpiCatalogue.FosAdditionalInformationLevel)
            {
                continue;
            }

            foreach (KpiDefinition item in items.Where(k => k.FosStandard == standard && k.Variables.Count > 0 && k.Variables.All(v => v.IsEntered)))
            {
                if (!entered.Any(e => string.Equals(e.KpiCode, item.Code, StringComparison.OrdinalIgnoreCase) && e.PeriodStart.Year == year && e.Breakdown is null))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{InputsSectionReader.Where(level.Source)}: fos_items.{item.Code}: missing: Standard {standard} is at level {level.Level} in {year} ({level.IndicatorCode}), so the questionnaire asks '{item.Name}'; answer it under fos_items (or in an aggregates file)"));
                }
            }
        }
    }
}
