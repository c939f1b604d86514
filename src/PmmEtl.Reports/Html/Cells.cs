using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports.Html;

/// <summary>How a value, a change and an anchor look in the report's tables.</summary>
internal static class Cells
{
    /// <summary>
    /// A value; its text when it has no number (a questionnaire answer, a level's label); or why there is none:
    /// suppressed, not measurable (the note as tooltip), or no such cell (—).
    /// </summary>
    public static string Value(ReportValue? row) => row switch
    {
        null => "<span class=\"none\">—</span>",
        { Suppressed: true } => $"<span class=\"supp\" title=\"{E(row.Value.Note)}\">suppressed</span>",
        { Value.Value: null, Value.ValueText: { } text } => $"<span class=\"txt\" title=\"{E(row.Value.Note)}\">{E(text)}</span>",
        { Value.Value: null } => $"<span class=\"nm\" title=\"{E(row.Value.Note)}\">not measurable</span>",
        _ => Number(row.Value.Value!.Value),
    };

    public static string Optional(ReportValue row, double? value) =>
        row.Suppressed ? "<span class=\"supp\">suppressed</span>" : value is { } v ? Number(v) : "<span class=\"none\">—</span>";

    /// <summary>This value minus the previous one in the KPI's unit, signed; the relative change as tooltip. Arrows stay grey: whether up is good depends on the KPI.</summary>
    public static string Change(ReportValue? current, ReportValue? previous)
    {
        if (current?.Value.Value is not { } now || previous?.Value.Value is not { } before)
        {
            return "<span class=\"none\">—</span>";
        }

        double delta = Math.Round(now - before, 2, MidpointRounding.AwayFromZero);
        string relative = before != 0 ? $"{Number(100 * delta / Math.Abs(before), 1)} % of {Number(before)}" : "";
        string css = delta > 0 ? "up" : delta < 0 ? "down" : "same";
        string sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
        return $"<span class=\"{css}\" title=\"{E(relative)}\">{sign}{Number(Math.Abs(delta))}</span>";
    }

    /// <summary>Axis ticks of counts: 2,500 as 2.5k, 10,000 as 10k.</summary>
    public static string Thousands(double v) => v >= 1000 ? $"{(v / 1000).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}k" : Number(v, 0);

    public static string Anchor(string code) => "kpi-" + new string([.. code.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
}
