using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports.Html.Charts;

/// <summary>One responsible actor's share of a release time (minutes), or null when the audience may not see it.</summary>
internal sealed record ActorShare(string Actor, double? Minutes, string Color);

/// <summary>
/// A release time split by responsible actor as one stacked bar: the shares add up to the KPI (see the design notes),
/// and whatever part the audience may not see is drawn grey as "not disclosed".
/// </summary>
internal static class ActorBar
{
    public static string Render(string title, double total, IReadOnlyList<ActorShare> shares, double width = 560)
    {
        const double left = 10, right = 10, barTop = 30, barHeight = 30;
        const double height = 112;
        var svg = new Svg(width, height, title);
        double plot = width - left - right;
        double scale = total > 0 ? plot / total : 0;
        double x = left;
        double shown = 0;
        var legend = new List<(string Text, string Color)>();
        foreach (ActorShare share in shares.Where(s => s.Minutes is > 0))
        {
            double w = share.Minutes!.Value * scale;
            svg.Rect(x, barTop, w, barHeight, share.Color, $"{share.Actor}: {Number(share.Minutes.Value)} min ({Number(100 * share.Minutes.Value / total, 1)} %)");
            if (w > 64)
            {
                svg.Label(x + (w / 2), barTop + 19, $"{Number(100 * share.Minutes.Value / total, 0)} %", "middle", 11, "#ffffff", bold: true);
            }

            legend.Add(($"{share.Actor} {Number(share.Minutes.Value)} min", share.Color));
            x += w;
            shown += share.Minutes.Value;
        }

        double hidden = total - shown;
        if (hidden > total * 0.0005)
        {
            svg.Rect(x, barTop, hidden * scale, barHeight, "#d5dbe1", $"Not disclosed to this audience: {Number(hidden)} min");
            legend.Add(($"not disclosed {Number(hidden)} min", "#d5dbe1"));
        }

        svg.Label(left, barTop - 10, $"total {Number(total)} min", "start", 11, Svg.Ink, bold: true);
        double lx = left;
        foreach ((string text, string color) in legend)
        {
            svg.Rect(lx, barTop + barHeight + 18, 10, 10, color);
            svg.Label(lx + 14, barTop + barHeight + 27, text, "start", 10.5, Svg.Ink);
            lx += 24 + (text.Length * 6.1);
        }

        return svg.ToString();
    }
}
