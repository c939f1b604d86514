using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Running;

/// <summary>The rule for which calendar years a run measures again: those whose values its load may have changed.</summary>
public static class MeasureYears
{
    /// <summary>The years the window covers, those its records fall in, and those the officers' inputs answer for.</summary>
    public static IReadOnlyList<int> Of(PipelineDefinition pipeline, ExtractWindow window, IReadOnlyList<RecordLoadResult> loads)
    {
        // Dated records give their years; officer-given answers give theirs (a self-assessment for 2025 is measured
        // even when no record of 2025 was loaded in this run). Undated types (staff, AEO register) have none.
        var years = new SortedSet<int>(loads.SelectMany(l => l.YearsTouched).Concat(pipeline.Inputs.Years()));
        // A year a register is declared complete for (covers:) has values even without records: its zeros are true.
        years.UnionWith(pipeline.Covers.Values.SelectMany(c => c.Months()).Select(m => m.Year));
        if (window is { From: { } from, To: { } to })
        {
            for (int y = from.Year; y <= to.PlusDays(-1).Year; y++)
            {
                years.Add(y);
            }
        }

        // A financial year is stored under the calendar year it starts in (FY2024-25 under 2024), so records of its
        // last months, in the next calendar year, change the year before: that year is measured again too.
        HashSet<string> financialYearTypes = RecordStage.FinancialYearTypes(pipeline);
        List<RecordLoadResult> financial = loads.Where(l => financialYearTypes.Contains(l.RecordType)).ToList();
        years.UnionWith(financial.SelectMany(l => l.FinancialYearsTouched));
        if (financial.Count > 0 && window is { From: { } start, To: { } end })
        {
            // A window reaching the months before the financial year starts may have replaced records of the year before's FY.
            for (LocalDate day = start; day < end; day = new LocalDate(day.Year + 1, 1, 1))
            {
                years.Add(Periods.Start(PeriodType.FinancialYear, day, pipeline.FinancialYearStartMonth).Year);
            }
        }

        return years.ToArray();
    }
}
