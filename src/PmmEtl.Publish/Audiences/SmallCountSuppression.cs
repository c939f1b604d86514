using System.Globalization;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Publish.Audiences;

/// <summary>
/// Hides cells counting fewer than <c>threshold</c> declarations (but at least one; an empty cell reveals nothing
/// and already says "not measurable"). The row stays, with its counts, so a reader sees what was suppressed; what
/// could give the value away becomes null: the value, the distribution columns, Σ minutes and the numerator.
/// <para>
/// The count of a cell is N (declarations measured) for mean durations, variants included, and the denominator B
/// for ratios. A KPI the catalogue does not know uses the smaller of the two. A text value (an entered answer, a
/// label) goes with the number: a suppressed cell publishes neither.
/// </para>
/// <para>
/// Questionnaire KPIs (checklists, WCO-tool awareness and use, FoS implementation levels and answers) are the
/// administration's answers about itself: their N and B count criteria or tools, not declarations or people, so
/// there is nothing to protect and they are never suppressed (a nine-criterion checklist would otherwise always be).
/// </para>
/// <para>
/// Only primary suppression: a suppressed cell may still be derived from its total and its siblings. Choose
/// breakdowns and a threshold with that in mind.
/// </para>
/// </summary>
internal sealed class SmallCountSuppression
{
    private readonly int? _threshold;

    public SmallCountSuppression(int? threshold)
    {
        if (threshold is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The suppression threshold must be at least 1.");
        }

        _threshold = threshold;
    }

    public static SmallCountSuppression Off { get; } = new(null);

    /// <summary>
    /// The count a cell rests on. Record-based KPIs count the records behind their denominator (N): their B may be
    /// an amount (K03's trade value in USD), which says nothing about how few operators stand behind it.
    /// </summary>
    public static long CountOf(KpiValue value) => KpiCatalogue.Find(value.KpiCode) switch
    {
        null => value.N,
        { IsPopulationKpi: false } => value.N,
        { Formula: FormulaKind.MeanDuration } => value.N,
        { Formula: FormulaKind.Ratio } => value.Denominator ?? value.N,
        _ => Math.Min(value.N, value.Denominator ?? value.N),
    };

    public bool Hides(long count) => _threshold is { } t && count > 0 && count < t;

    /// <summary>False for the questionnaire KPIs, whose counts are of criteria or tools (see the class remarks).</summary>
    public static bool CountsRecords(KpiValue value) => KpiCatalogue.Find(value.KpiCode)?.Input != InputKind.Questionnaire;

    public PublishedValue Apply(PublishedValue row)
    {
        long count = CountOf(row.Value);
        if (!CountsRecords(row.Value) || !Hides(count))
        {
            return row;
        }

        string note = string.Create(CultureInfo.InvariantCulture,
            $"suppressed: counts {count} declarations, fewer than the publication minimum of {_threshold}");
        return row with
        {
            Suppressed = true,
            Value = row.Value with
            {
                Value = null,
                ValueText = null,
                Median = null,
                P90 = null,
                Min = null,
                Max = null,
                SumMinutes = null,
                Numerator = null,
                Note = row.Value.Note is { } existing ? note + "; " + existing : note,
            },
        };
    }

    public PublishedBin Apply(PublishedBin bin) =>
        bin.Count is { } count && Hides(count) ? bin with { Count = null, Suppressed = true } : bin;
}
