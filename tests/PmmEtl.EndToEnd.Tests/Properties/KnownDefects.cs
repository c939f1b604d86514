namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// Cases that fail on a defect of the measurer found by the property tests and reported to the lead, who is changing
/// src/PmmEtl.Core/Measure at the same time: each skips with the defect, until it is fixed and its line removed (the
/// case then runs and must pass).
/// </summary>
public static class KnownDefects
{
    // Both defects the suite found when it was written are fixed: a printed variant now has its own "not measurable"
    // row wherever its KPI has one (KpiFormula.NoRecords), and the seizure items behind a category are a register
    // the value reads by period (CoverageNeeds). A new defect gets a line here, with where it lies, until it is fixed.
    private static readonly (Func<string, string, string, int?, bool> Applies, string Defect)[] Defects = [];

    /// <summary>The defect a case (a whole removal or one year of it) runs into, or null.</summary>
    public static string? Of(string code, string variant, string source, int? year) =>
        Defects.Where(d => d.Applies(code, variant, source, year)).Select(d => $"defect: {d.Defect}").FirstOrDefault();
}
