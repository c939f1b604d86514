using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Time;

namespace PmmEtl.Extract.Files;

/// <summary>Reformats a date column (<c>business_date</c>) into ISO <c>yyyy-MM-dd</c>.</summary>
public sealed class DateText
{
    private readonly string? _pattern;
    private readonly LocalDatePattern? _date;

    private DateText(string? pattern, LocalDatePattern? date)
    {
        _pattern = pattern;
        _date = date;
    }

    public static DateText Create(string? pattern) =>
        new(pattern, pattern is null ? null : LocalDatePattern.CreateWithInvariantCulture(pattern));

    public string? Reformat(string text, out string? error)
    {
        error = null;
        string trimmed = text.Trim();
        if (_date is null)
        {
            return trimmed;
        }

        ParseResult<LocalDate> parsed = _date.Parse(trimmed);
        if (parsed.Success)
        {
            return parsed.Value.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);
        }

        error = $"'{TimeTextReader.Shorten(trimmed)}' does not match the date format '{_pattern}'";
        return null;
    }
}
