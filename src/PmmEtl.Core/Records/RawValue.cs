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
    private readonly string? _text;
    private readonly LocalDateTime _value;

    /// <summary>'\0' for text; otherwise the date–time separator of the text the value was read from.</summary>
    private readonly char _separator;

    private RawValue(string? text, LocalDateTime value, char separator)
    {
        _text = text;
        _value = value;
        _separator = separator;
    }

    public static RawValue FromText(string? text) => new(text, default, '\0');

    /// <summary>A value read from <c>yyyy-MM-dd HH:mm:ss</c> (<paramref name="separator"/> ' ') or <c>yyyy-MM-ddTHH:mm:ss</c> ('T').</summary>
    public static RawValue FromValue(LocalDateTime value, char separator)
    {
        if (!IsoLocalText.IsWritable(value) || (separator != ' ' && separator != 'T'))
        {
            // Only a value whose text can be rebuilt exactly may stand in for it.
            throw new ArgumentOutOfRangeException(nameof(value), "only an ISO date-time of years 1–9999 in whole seconds, separated by ' ' or 'T', can stand for its text");
        }

        return new RawValue(null, value, separator);
    }

    /// <summary>True when the source read the value itself (<see cref="Value"/>); false when it gave text.</summary>
    public bool HasValue => _separator != '\0';

    /// <summary>The value the source read; meaningful only when <see cref="HasValue"/>.</summary>
    public LocalDateTime Value => _value;

    /// <summary>The text as the source had it (rebuilt from the value when the source kept only that).</summary>
    public string? Text => HasValue ? IsoLocalText.Format(_value, _separator) : _text;

    /// <summary>True when the source gave neither text nor a value (or only blanks).</summary>
    public bool IsEmpty => !HasValue && string.IsNullOrWhiteSpace(_text);

    public static implicit operator RawValue(string? text) => FromText(text);

    public override string? ToString() => Text;
}
