namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// Cases that fail on a defect of the measurer found by the property tests and reported to the lead, who is changing
/// src/PmmEtl.Core/Measure at the same time: each skips with the defect, until it is fixed and its line removed.
/// </summary>
public static class KnownDefects
{
    private static readonly (string Code, string Variant, string Source, string Defect)[] Defects =
    [
        ("K13", "as_printed", "declaration",
            "a printed variant of a population KPI (no population of its own) gets no row at all for a year without records of the "
            + "population's type: PopulationKpis.MeasureOne writes the 'not measurable' row for the KPI's own variant only, and "
            + "KpiFormula.Apply writes printed variants only beside an aggregate, so the variant vanishes instead of saying why"),
    ];

    /// <summary>The defect a case (a whole removal or one year of it) runs into, or null.</summary>
    public static string? Of(string code, string variant, string source, int? year) =>
        Defects.Where(d => d.Code == code && d.Variant == variant && d.Source == source).Select(d => $"defect: {d.Defect}").FirstOrDefault();
}
