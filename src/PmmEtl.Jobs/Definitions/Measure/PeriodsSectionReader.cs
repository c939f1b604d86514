using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Measure;

/// <summary><c>periods.financial_year_start</c>: the first month (1–12) of the administration's financial year (K41); January by default.</summary>
internal static class PeriodsSectionReader
{
    public static int Read(YamlNodeReader? p)
    {
        if (p is null)
        {
            return 1;
        }

        p.OnlyKeys("financial_year_start");
        return p.Int("financial_year_start", required: false, 1, 12) ?? 1;
    }
}
