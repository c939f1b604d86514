namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// Cases that fail on a defect of the measurer found by the property tests and reported to the lead, who is changing
/// src/PmmEtl.Core/Measure at the same time: each skips with the defect, until it is fixed and its line removed (the
/// case then runs and must pass).
/// </summary>
public static class KnownDefects
{
    private static readonly (Func<string, string, string, int?, bool> Applies, string Defect)[] Defects =
    [
        // The demo's declarations are all of its year: removing them, or that year of them, empties the population.
        ((code, variant, source, year) => code == "K13" && variant == "as_printed" && source == "declaration" && (year is null || year == RemovalProperties.DemoYears[^1]),
            "a printed variant of a population KPI (no population of its own) gets no row at all for a year without records of the "
            + "population's type: PopulationKpis.MeasureOne writes the 'not measurable' row for the KPI's own variant only, and "
            + "KpiFormula.Apply writes printed variants only beside an aggregate, so the variant vanishes instead of saying why"),
        // Every variable that reads seizure items through HasItemIn (K23–K39, pmm and per_inspection): a year of seizures without their items.
        ((_, _, source, year) => source == "seizure_item" && year is not null,
            "a year with seizures but no seizure items gives A = 0 (ratios 0 %, variations −100 %) instead of 'not measurable': "
            + "VariableKpis.PeriodTypes (Related) checks the periods of registers related with SamePeriod only; the seizure_item "
            + "register that HasItemIn (SeizureHasCategory) reads, dated by the seizure's own date, is checked only for having any record"),
    ];

    /// <summary>The defect a case (a whole removal or one year of it) runs into, or null.</summary>
    public static string? Of(string code, string variant, string source, int? year) =>
        Defects.Where(d => d.Applies(code, variant, source, year)).Select(d => $"defect: {d.Defect}").FirstOrDefault();
}
