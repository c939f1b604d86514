using System.Text;
using static PmmEtl.Reports.Html.Text;

namespace PmmEtl.Reports.Html.Charts;

/// <summary>
/// Inline SVG, drawn on the server: no script, no external font or stylesheet, so the report renders the same offline,
/// in a mail client's preview and in a browser. Each chart has a title and a description for screen readers.
/// </summary>
internal sealed class Svg
{
    public const string Ink = "#33414e";
    public const string Grid = "#e3e8ed";
    public const string Muted = "#8696a7";

    private readonly StringBuilder _svg = new();

    public Svg(double width, double height, string title)
    {
        Width = width;
        Height = height;
        _svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Px(width)} {Px(height)}\" width=\"{Px(width)}\" height=\"{Px(height)}\" role=\"img\" class=\"chart\">");
        _svg.Append($"<title>{E(title)}</title>");
    }

    public double Width { get; }

    public double Height { get; }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _svg.Append($"<line x1=\"{Px(x1)}\" y1=\"{Px(y1)}\" x2=\"{Px(x2)}\" y2=\"{Px(y2)}\" stroke=\"{stroke}\" stroke-width=\"{Px(width)}\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>");
        return this;
    }

    public Svg Rect(double x, double y, double width, double height, string fill, string? tooltip = null, string? pattern = null)
    {
        _svg.Append($"<rect x=\"{Px(x)}\" y=\"{Px(y)}\" width=\"{Px(Math.Max(width, 0))}\" height=\"{Px(Math.Max(height, 0))}\" fill=\"{fill}\"{(pattern is null ? "" : $" stroke=\"{pattern}\" stroke-dasharray=\"3 2\"")}>");
        if (tooltip is not null)
        {
            _svg.Append($"<title>{E(tooltip)}</title>");
        }

        _svg.Append("</rect>");
        return this;
    }

    public Svg Circle(double x, double y, double r, string fill, string? tooltip = null)
    {
        _svg.Append($"<circle cx=\"{Px(x)}\" cy=\"{Px(y)}\" r=\"{Px(r)}\" fill=\"{fill}\">");
        if (tooltip is not null)
        {
            _svg.Append($"<title>{E(tooltip)}</title>");
        }

        _svg.Append("</circle>");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2, string? dash = null)
    {
        string path = string.Join(' ', points.Select(p => $"{Px(p.X)},{Px(p.Y)}"));
        _svg.Append($"<polyline points=\"{path}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{Px(width)}\" stroke-linejoin=\"round\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>");
        return this;
    }

    public Svg Label(double x, double y, string text, string anchor = "middle", double size = 11, string fill = Ink, bool bold = false, double rotate = 0)
    {
        string transform = rotate != 0 ? $" transform=\"rotate({Px(rotate)} {Px(x)} {Px(y)})\"" : "";
        _svg.Append($"<text x=\"{Px(x)}\" y=\"{Px(y)}\" text-anchor=\"{anchor}\" font-size=\"{Px(size)}\" fill=\"{fill}\"{(bold ? " font-weight=\"600\"" : "")}{transform}>{E(text)}</text>");
        return this;
    }

    /// <summary>Horizontal grid lines with their values on the left.</summary>
    public Svg YAxis(NiceScale scale, double left, double right, double bottom, double top, Func<double, string> format)
    {
        foreach (double tick in scale.Ticks())
        {
            double y = scale.Y(tick, bottom, top);
            Line(left, y, right, y, tick == 0 ? Muted : Grid);
            Label(left - 6, y + 4, format(tick), "end", 10, Muted);
        }

        return this;
    }

    public override string ToString() => _svg + "</svg>";
}
