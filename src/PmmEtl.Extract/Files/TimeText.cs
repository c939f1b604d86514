using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Time;

namespace PmmEtl.Extract.Files;

/// <summary>
/// Reformats a file's time text into the ISO text the normaliser reads, without interpreting it in any zone:
/// a local time stays local (<c>2025-07-04 10:15:00</c>, the office's zone applies later), unless a fixed offset is
/// configured, which is appended (<c>2025-07-04T10:15:00+01:00</c>); a pattern with an offset field keeps the
/// offset the data carries. Without a pattern, ISO text passes as it is (a fixed offset is still appended to it).
/// </summary>
public sealed class TimeText
{
    private readonly string? _pattern;
    private readonly LocalDateTimePattern? _local;
    private readonly OffsetDateTimePattern? _withOffset;
    private readonly Offset? _fixedOffset;

    private TimeText(string? pattern, LocalDateTimePattern? local, OffsetDateTimePattern? withOffset, Offset? fixedOffset)
    {
        _pattern = pattern;
        _local = local;
        _withOffset = withOffset;
        _fixedOffset = fixedOffset;
    }

    /// <summary>Builds the reformatter; throws <see cref="InvalidPatternException"/> for a pattern NodaTime cannot read.</summary>
    public static TimeText Create(string? pattern, Offset? fixedOffset)
    {
        if (pattern is null)
        {
            return new TimeText(null, null, null, fixedOffset);
        }

        // An offset field ('o<…>') means the data says its own offset; otherwise the text is a wall-clock time.
        return pattern.Contains("o<", StringComparison.Ordinal)
            ? new TimeText(pattern, null, OffsetDateTimePattern.CreateWithInvariantCulture(pattern), fixedOffset)
            : new TimeText(pattern, LocalDateTimePattern.CreateWithInvariantCulture(pattern), null, fixedOffset);
    }

    /// <summary>The ISO text of <paramref name="text"/>, or null with the reason it cannot be read.</summary>
    public string? Reformat(string text, out string? error)
    {
        error = null;
        string trimmed = text.Trim();
        if (_withOffset is not null)
        {
            ParseResult<OffsetDateTime> exact = _withOffset.Parse(trimmed);
            if (exact.Success)
            {
                return TimeTextReader.OffsetText.Format(exact.Value);
            }

            error = $"'{TimeTextReader.Shorten(trimmed)}' does not match the time format '{_pattern}'";
            return null;
        }

        if (_local is not null)
        {
            ParseResult<LocalDateTime> local = _local.Parse(trimmed);
            if (local.Success)
            {
                return Write(local.Value);
            }

            error = $"'{TimeTextReader.Shorten(trimmed)}' does not match the time format '{_pattern}'";
            return null;
        }

        // No pattern: ISO text as it is; only a fixed offset needs the local time read, to append it.
        if (_fixedOffset is not null && TimeTextReader.TryParse(trimmed, out LocalDateTime parsed))
        {
            return Write(parsed);
        }

        return trimmed;
    }

    private string Write(LocalDateTime local) =>
        _fixedOffset is { } offset ? TimeTextReader.OffsetText.Format(local.WithOffset(offset)) : TimeTextReader.LocalText.Format(local);
}
