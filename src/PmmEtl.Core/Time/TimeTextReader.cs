using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace PmmEtl.Core.Time;

/// <summary>
/// The one reader of time text, for every source kind, and the one writer of the ISO text the normaliser reads:
/// <list type="bullet">
/// <item>local wall-clock text, as customs systems store it (no offset): ISO dates with a space or <c>T</c> between
/// date and time, with or without seconds and fractions (a period or a comma before them);</item>
/// <item>text with its own UTC offset (<c>2025-07-04T10:15:30+02:00</c>, <c>…Z</c>), as exports give it: an exact
/// instant, no zone and no DST policy applies;</item>
/// <item>the WCO Data Model's compact forms: formatCode 304 (<c>yyyyMMddHHmmssZ</c>, <c>yyyyMMddHHmmss±hh</c> or
/// <c>±hhmm</c>, an exact instant) and 204 (<c>yyyyMMddHHmmss</c>, the office's local time);</item>
/// <item>ISO dates (<c>yyyy-MM-dd</c>).</item>
/// </list>
/// It lives in Core because the projects that read or write time text (Extract for files and WCO messages, Normalise
/// for the canonical forms, DemoSource for the demo database) all reference Core and none of the others; it does no
/// I/O. Patterns a pipeline configures for its own files (<c>time_format</c>) are read where they are configured.
/// </summary>
public static partial class TimeTextReader
{
    /// <summary>Every local form read, in the order tried; <c>;</c> takes a period or a comma before the fraction.</summary>
    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    /// <summary>Every form with an offset read, in the order tried.</summary>
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern Compact = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss");

    /// <summary>The local form written for the normaliser: what <see cref="TryParse"/> reads back exactly.</summary>
    public static LocalDateTimePattern LocalText { get; } = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss.FFFFFFF");

    /// <summary>The form with an offset written for the normaliser: what <see cref="TryParseOffset"/> reads back exactly.</summary>
    public static OffsetDateTimePattern OffsetText { get; } = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFo<Z+HH:mm>");

    /// <summary>Reads local wall-clock text (no offset); false for anything else, text with an offset included.</summary>
    public static bool TryParse(string text, out LocalDateTime value)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        // Fast path for the common "yyyy-MM-dd HH:mm:ss" shape: NodaTime's pattern engine is general and slower.
        // Text of that shape that names no real time is refused here, as it always was, without trying the patterns.
        switch (IsoLocalText.ParseDateTime(s, out value, out _))
        {
            case IsoLocalShape.Valid:
                return true;
            case IsoLocalShape.Invalid:
                value = default;
                return false;
        }

        return FirstMatch(LocalPatterns, s.ToString(), out value);
    }

    /// <summary>
    /// Reads a time that carries its own UTC offset. The value is returned with its offset, so the caller can check its
    /// range before turning it into an instant (which overflows near the year 10000).
    /// </summary>
    public static bool TryParseOffset(string text, out OffsetDateTime value) => FirstMatch(OffsetPatterns, text.Trim(), out value);

    /// <summary>The value of the first pattern of the list that reads <paramref name="text"/> whole.</summary>
    private static bool FirstMatch<T>(IEnumerable<IPattern<T>> patterns, string text, out T value)
    {
        foreach (IPattern<T> pattern in patterns)
        {
            ParseResult<T> result = pattern.Parse(text);
            if (result.Success)
            {
                value = result.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Reads an ISO date, <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseDate(string text, out LocalDate value)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        // Fast path for "yyyy-MM-dd"; anything else, an impossible day of that shape included, is the ISO pattern's to judge.
        if (IsoLocalText.ParseDate(s, out value) == IsoLocalShape.Valid)
        {
            return true;
        }

        ParseResult<LocalDate> result = LocalDatePattern.Iso.Parse(s.ToString());
        value = result.Success ? result.Value : default;
        return result.Success;
    }

    /// <summary>True when the text has the shape of a WCO formatCode 304 time (fourteen digits and a zone designator).</summary>
    public static bool IsWco304(string text) => Format304().IsMatch(text.Trim());

    /// <summary>Reads a WCO formatCode 304 time (<c>yyyyMMddHHmmssZ</c>, <c>yyyyMMddHHmmss±hh</c>, <c>±hhmm</c> or <c>±hh:mm</c>): an exact instant.</summary>
    public static bool TryParseWco304(string text, out OffsetDateTime exact, out string? error)
    {
        string trimmed = text.Trim();
        exact = default;
        error = null;
        Match m = Format304().Match(trimmed);
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
                    error = $"'{Shorten(trimmed)}' has an impossible offset";
                    return false;
                }

                offset = Offset.FromSeconds(sign * (hours * 3600 + minutes * 60));
            }

            exact = local.Value.WithOffset(offset);
            return true;
        }

        error = $"'{Shorten(trimmed)}' is not a formatCode 304 time (yyyyMMddHHmmssZ or yyyyMMddHHmmss±hh)";
        return false;
    }

    /// <summary>Reads a WCO formatCode 204 time (<c>yyyyMMddHHmmss</c>): a local time of the office.</summary>
    public static bool TryParseWco204(string text, out LocalDateTime value)
    {
        ParseResult<LocalDateTime> result = Compact.Parse(text.Trim());
        value = result.Success ? result.Value : default;
        return result.Success;
    }

    /// <summary>Text quoted in a message, cut at 40 characters.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    [GeneratedRegex(@"^(\d{14})(Z|[+-](\d{2}):?(\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Format304();
}
