using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// Reads a WCO Data Model <c>DateTimeString</c> into ISO text without applying any zone: formatCode 304
/// (<c>yyyyMMddHHmmssZ</c>, <c>yyyyMMddHHmmss±hh</c> or <c>±hhmm</c>) is an exact instant and keeps its offset;
/// 204 (<c>yyyyMMddHHmmss</c>) is a local time of the office. Text without a formatCode is read as 304 when it has
/// that shape (fourteen digits and a zone designator can mean nothing else; many systems leave the attribute out),
/// and the caller is told so it can count it; any other text without a formatCode passes as ISO text.
/// </summary>
public static partial class WcoDateTime
{
    private static readonly LocalDateTimePattern Compact = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss");
    private static readonly LocalDateTimePattern IsoLocal = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");

    /// <summary>The exact form the normaliser reads as an instant.</summary>
    public static OffsetDateTimePattern IsoOffset { get; } = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFo<Z+HH:mm>");

    /// <summary>A time for a declaration field: ISO text (local or with an offset), or null with the reason.</summary>
    public static string? ToIsoText(WcoValue value, out string? error, out bool withoutFormatCode)
    {
        error = null;
        withoutFormatCode = false;
        string text = value.Text.Trim();
        switch (value.FormatCode)
        {
            case "304":
                return TryExact(text, out OffsetDateTime exact, out error) ? IsoOffset.Format(exact) : null;
            case "204":
                ParseResult<LocalDateTime> local = Compact.Parse(text);
                if (local.Success)
                {
                    return IsoLocal.Format(local.Value);
                }

                error = $"'{Short(text)}' is not a formatCode 204 time (yyyyMMddHHmmss)";
                return null;
            case "102":
                error = $"'{Short(text)}' is a date (formatCode 102) where a time is needed";
                return null;
            case null when Format304().IsMatch(text):
                if (TryExact(text, out OffsetDateTime unmarked, out error))
                {
                    withoutFormatCode = true;
                    return IsoOffset.Format(unmarked);
                }

                return null;
            case null:
                return text;
            default:
                error = $"unsupported DateTimeString formatCode '{value.FormatCode}' (304 or 204 are read)";
                return null;
        }
    }

    /// <summary>A notification's time: it must name an instant (formatCode 304, or ISO text with an offset) so events can be ordered.</summary>
    public static bool TryExact(WcoValue value, out OffsetDateTime exact, out string? error, out bool withoutFormatCode)
    {
        string text = value.Text.Trim();
        withoutFormatCode = value.FormatCode is null && Format304().IsMatch(text);
        if (value.FormatCode == "304" || withoutFormatCode)
        {
            return TryExact(text, out exact, out error);
        }

        if (value.FormatCode is null && OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } iso)
        {
            exact = iso.Value;
            error = null;
            return true;
        }

        exact = default;
        error = $"'{Short(text)}' (formatCode {value.FormatCode ?? "none"}) is not a time with an offset (formatCode 304: yyyyMMddHHmmssZ or yyyyMMddHHmmss±hh)";
        return false;
    }

    private static bool TryExact(string text, out OffsetDateTime exact, out string? error)
    {
        exact = default;
        error = null;
        Match m = Format304().Match(text);
        if (m.Success && Compact.Parse(m.Groups[1].Value) is { Success: true } local)
        {
            Offset offset = Offset.Zero;
            if (m.Groups[2].Value != "Z")
            {
                int sign = m.Groups[2].Value[0] == '-' ? -1 : 1;
                int hours = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                int minutes = m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
                if (hours > 18 || minutes > 59)
                {
                    error = $"'{Short(text)}' has an impossible offset";
                    return false;
                }

                offset = Offset.FromSeconds(sign * (hours * 3600 + minutes * 60));
            }

            exact = local.Value.WithOffset(offset);
            return true;
        }

        error = $"'{Short(text)}' is not a formatCode 304 time (yyyyMMddHHmmssZ or yyyyMMddHHmmss±hh)";
        return false;
    }

    private static string Short(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    [GeneratedRegex(@"^(\d{14})(Z|[+-](\d{2}):?(\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Format304();
}
