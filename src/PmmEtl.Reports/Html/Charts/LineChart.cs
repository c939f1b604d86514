using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports.Html.Charts;

/// <summary>One line of a line chart: a value (or a gap) per x label.</summary>
internal sealed record Series(string Name, IReadOnlyList<double?> Values, string Color, bool Dashed = false);

/// <summary>Values over ordered periods (the months of a year), one line per series; a missing value breaks the line.</summary>
internal static class LineChart
{
    public static string Render(string title, IReadOnlyList<string> labels, IReadOnlyList<Series> series, string unit, double width = 560, double height = 230)
    {
        const double left = 58, right = 14, top = 26, bottom = 34;
        var svg = new Svg(width, height, title);
        NiceScale scale = NiceScale.For(series.SelectMany(s => s.Values).OfType<double>());
        double plotBottom = height - bottom;
        svg.YAxis(scale, left, width - right, plotBottom, top, v => Number(v, scale.Step < 1 ? 1 : 0));
        svg.Label(4, top - 12, unit, "start", 10, Svg.Muted);

        double slot = (width - left - right) / Math.Max(labels.Count, 1);
        double X(int i) => left + (slot * i) + (slot / 2);
        for (int i = 0; i < labels.Count; i++)
        {
            svg.Label(X(i), plotBottom + 16, labels[i], "middle", 10, Svg.Muted);
        }

        foreach (Series s in series)
        {
            var run = new List<(double, double)>();
            for (int i = 0; i <= s.Values.Count; i++)
            {
                if (i < s.Values.Count && s.Values[i] is { } v)
                {
                    run.Add((X(i), scale.Y(v, plotBottom, top)));
                    continue;
                }

                if (run.Count > 1)
                {
                    svg.Polyline(run, s.Color, s.Dashed ? 1.5 : 2.2, s.Dashed ? "5 4" : null);
                }

                run.Clear();
            }

            for (int i = 0; i < s.Values.Count; i++)
            {
                if (s.Values[i] is { } v)
                {
                    svg.Circle(X(i), scale.Y(v, plotBottom, top), s.Dashed ? 2 : 3, s.Color, $"{s.Name} {labels[i]}: {Number(v)} {Unit(unit)}");
                }
            }
        }

        // Legend, top right, when there is more than one line.
        if (series.Count > 1)
        {
            double x = width - right;
            foreach (Series s in series.Reverse())
            {
                double w = (s.Name.Length * 6.2) + 26;
                x -= w;
                svg.Line(x, top - 14, x + 16, top - 14, s.Color, s.Dashed ? 1.5 : 2.2, s.Dashed ? "5 4" : null);
                svg.Label(x + 20, top - 10, s.Name, "start", 10, Svg.Ink);
            }
        }

        return svg.ToString();
    }
}
