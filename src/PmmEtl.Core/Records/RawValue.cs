using NodaTime;

using PmmEtl.Core.Time;

namespace PmmEtl.Core.Records;

/// <summary>
/// One field of a raw record: the text a source gave, or, for a local time whose source has already read the
/// fixed-width ISO shape itself (the CSV reader, straight from its buffer), the value it read. The value stands for its
/// text exactly (<see cref="IsoLocalText.Format"/>), so the text is only built when someone asks for it, which on the
/// load path means a refused row whose quarantine entry quotes it.
/// </summary>
public readonly struct RawValue
{
    private const int SecondsPerDay = 86_400;

    private readonly string? _text;

    /// <summary>
    /// 0 for text; otherwise the value's whole seconds since 0001-01-01T00:00 shifted left by two, with its separator in
    /// the two low bits (1: ' ', 2: 'T'). So a value is sixteen bytes: a raw record holds one per field of its type, and
    /// thousands of them wait between the reader and the normaliser.
    /// </summary>
    private readonly long _packed;

    private RawValue(string? text, long packed)
    {
        _text = text;
        _packed = packed;
    }

    public static RawValue FromText(string? text) => new(text, 0);

    /// <summary>A value read from <c>yyyy-MM-dd HH:mm:ss</c> (<paramref name="separator"/> ' ') or <c>yyyy-MM-ddTHH:mm:ss</c> ('T').</summary>
    public static RawValue FromValue(LocalDateTime value, char separator)
    {
        if (!IsoLocalText.IsWritable(value) || (separator != ' ' && separator != 'T'))
        {
            // Only a value whose text can be rebuilt exactly may stand in for it.
            throw new ArgumentOutOfRangeException(nameof(value), "only an ISO date-time of years 1–9999 in whole seconds, separated by ' ' or 'T', can stand for its text");
        }

        long seconds = ((long)value.Date.ToDateOnly().DayNumber * SecondsPerDay) + (value.TimeOfDay.NanosecondOfDay / NodaConstants.NanosecondsPerSecond);
        return new RawValue(null, (seconds << 2) | (separator == ' ' ? 1L : 2L));
    }

    /// <summary>True when the source read the value itself (<see cref="Value"/>); false when it gave text.</summary>
    public bool HasValue => _packed != 0;

    /// <summary>The value the source read; meaningful only when <see cref="HasValue"/>.</summary>
    public LocalDateTime Value
    {
        get
        {
            long seconds = _packed >> 2;
            LocalDate date = LocalDate.FromDateOnly(DateOnly.FromDayNumber((int)(seconds / SecondsPerDay)));
            return date + LocalTime.FromSecondsSinceMidnight((int)(seconds % SecondsPerDay));
        }
    }

    private char Separator => (_packed & 3) == 1 ? ' ' : 'T';

    /// <summary>The text as the source had it (rebuilt from the value when the source kept only that).</summary>
    public string? Text => HasValue ? IsoLocalText.Format(Value, Separator) : _text;

    /// <summary>True when the source gave neither text nor a value (or only blanks).</summary>
    public bool IsEmpty => !HasValue && string.IsNullOrWhiteSpace(_text);

    public static implicit operator RawValue(string? text) => FromText(text);

    public override string? ToString() => Text;
}
