using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports.Html.Charts;

/// <summary>One bar: its label, its value (null: no value, drawn as an empty outline) and what its tooltip says.</summary>
internal sealed record Bar(string Label, double? Value, string Tooltip, bool Highlight = false);

/// <summary>Vertical bars of equal width, one per category: histogram bins, or one bar per year.</summary>
internal static class BarChart
{
    public static string Render(string title, IReadOnlyList<Bar> bars, string axisUnit, string color, Func<double, string> format,
        double width = 560, double height = 230, bool valueLabels = false, bool slantedLabels = false)
    {
        // Many long category labels (histogram ranges) are slanted so they do not run into each other.
        const double left = 58, right = 14, top = 26;
        double bottom = slantedLabels ? 50 : 34;
        var svg = new Svg(width, height, title);
        NiceScale scale = NiceScale.For(bars.Select(b => b.Value ?? 0));
        double plotBottom = height - bottom;
        svg.YAxis(scale, left, width - right, plotBottom, top, format);
        svg.Label(4, top - 12, axisUnit, "start", 10, Svg.Muted);

        double slot = (width - left - right) / Math.Max(bars.Count, 1);
        double barWidth = Math.Min(slot * 0.72, 90);
        for (int i = 0; i < bars.Count; i++)
        {
            Bar bar = bars[i];
            double x = left + (slot * i) + ((slot - barWidth) / 2);
            if (bar.Value is { } v)
            {
                double y = scale.Y(v, plotBottom, top);
                double zero = scale.Y(0, plotBottom, top);
                svg.Rect(x, Math.Min(y, zero), barWidth, Math.Abs(zero - y), bar.Highlight ? color : color + "b3", bar.Tooltip);
                if (valueLabels)
                {
                    svg.Label(x + (barWidth / 2), Math.Min(y, zero) - 5, format(v), "middle", 10, Svg.Ink, bold: bar.Highlight);
                }
            }
            else
            {
                // No value (suppressed): an outline at the axis, so the gap is visibly deliberate.
                svg.Rect(x, plotBottom - 6, barWidth, 6, "none", bar.Tooltip, Svg.Muted);
            }

            if (slantedLabels)
            {
                svg.Label(x + (barWidth / 2) + 4, plotBottom + 12, bar.Label, "end", 10, Svg.Muted, rotate: -35);
            }
            else
            {
                svg.Label(x + (barWidth / 2), plotBottom + 16, bar.Label, "middle", 10, Svg.Muted);
            }
        }

        return svg.ToString();
    }
}
