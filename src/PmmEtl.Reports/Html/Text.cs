using System.Globalization;
using System.Net;

namespace PmmEtl.Reports.Html;

/// <summary>Escaping and the number formats the report shows (invariant culture: the same report everywhere).</summary>
internal static class Text
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Number(double value, int decimals = 2) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>SVG coordinates: invariant, one decimal.</summary>
    public static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Unit(string unit) => unit switch
    {
        "minutes" => "min",
        // A text answer's "unit" says only that it is text, which the answer shows.
        "text" => "",
        _ => unit,
    };

    /// <summary>A minute bound in the largest whole unit: 15m, 2h, 3d.</summary>
    public static (double Amount, string Unit) Minutes(double minutes) =>
        minutes >= 1440 && minutes % 1440 == 0 ? (minutes / 1440, "d")
        : minutes >= 60 && minutes % 60 == 0 ? (minutes / 60, "h")
        : (minutes, "m");

    /// <summary>A histogram bin's label: <c>30m–1h</c>, <c>1–2h</c>, <c>≥7d</c>.</summary>
    public static string Bin(double lower, double? upper)
    {
        (double lo, string loUnit) = Minutes(lower);
        if (upper is not { } up)
        {
            return $"≥{Amount(lo)}{loUnit}";
        }

        (double hi, string hiUnit) = Minutes(up);
        return lower == 0 || loUnit == hiUnit ? $"{Amount(lower == 0 ? 0 : lo)}–{Amount(hi)}{hiUnit}" : $"{Amount(lo)}{loUnit}–{Amount(hi)}{hiUnit}";
    }

    /// <summary>Minutes as a duration a reader grasps: 1,800.32 min is about 30 h 0 min.</summary>
    public static string Duration(double minutes)
    {
        if (minutes < 60)
        {
            return "";
        }

        long whole = (long)Math.Round(minutes, MidpointRounding.AwayFromZero);
        return whole >= 1440
            ? $"≈ {whole / 1440} d {whole % 1440 / 60} h"
            : $"≈ {whole / 60} h {whole % 60} min";
    }

    private static string Amount(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
