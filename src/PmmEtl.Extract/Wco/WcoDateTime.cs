using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Time;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// Reads a WCO Data Model <c>DateTimeString</c> into ISO text without applying any zone: formatCode 304
/// (<c>yyyyMMddHHmmssZ</c>, <c>yyyyMMddHHmmss±hh</c> or <c>±hhmm</c>) is an exact instant and keeps its offset;
/// 204 (<c>yyyyMMddHHmmss</c>) is a local time of the office. Text without a formatCode is read as 304 when it has
/// that shape (fourteen digits and a zone designator can mean nothing else; many systems leave the attribute out),
/// and the caller is told so it can count it; any other text without a formatCode passes as ISO text. The forms
/// themselves are read by <see cref="TimeTextReader"/>; this class only chooses by formatCode.
/// </summary>
public static class WcoDateTime
{
    /// <summary>The exact form the normaliser reads as an instant.</summary>
    public static OffsetDateTimePattern IsoOffset => TimeTextReader.OffsetText;

    /// <summary>A time for a declaration field: ISO text (local or with an offset), or null with the reason.</summary>
    public static string? ToIsoText(WcoValue value, out string? error, out bool withoutFormatCode)
    {
        error = null;
        withoutFormatCode = false;
        string text = value.Text.Trim();
        switch (value.FormatCode)
        {
            case "304":
                return TimeTextReader.TryParseWco304(text, out OffsetDateTime exact, out error) ? IsoOffset.Format(exact) : null;
            case "204":
                if (TimeTextReader.TryParseWco204(text, out LocalDateTime local))
                {
                    return TimeTextReader.LocalText.Format(local);
                }

                error = $"'{TimeTextReader.Shorten(text)}' is not a formatCode 204 time (yyyyMMddHHmmss)";
                return null;
            case "102":
                error = $"'{TimeTextReader.Shorten(text)}' is a date (formatCode 102) where a time is needed";
                return null;
            case null when TimeTextReader.IsWco304(text):
                if (TimeTextReader.TryParseWco304(text, out OffsetDateTime unmarked, out error))
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
        withoutFormatCode = value.FormatCode is null && TimeTextReader.IsWco304(text);
        if (value.FormatCode == "304" || withoutFormatCode)
        {
            return TimeTextReader.TryParseWco304(text, out exact, out error);
        }

        if (value.FormatCode is null && TimeTextReader.TryParseOffset(text, out exact))
        {
            error = null;
            return true;
        }

        exact = default;
        error = $"'{TimeTextReader.Shorten(text)}' (formatCode {value.FormatCode ?? "none"}) is not a time with an offset (formatCode 304: yyyyMMddHHmmssZ or yyyyMMddHHmmss±hh)";
        return false;
    }
}
