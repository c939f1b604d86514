using NodaTime;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Time;

/// <summary>
/// <c>valid_range: { from: 1900-01-01, to: 2199-12-31 }</c>: the dates and instants accepted (the default); a value
/// outside refuses its record. Bounded to what every engine and writer can hold. The record is Core's: the normaliser applies it.
/// </summary>
internal static class ValidRangeSectionReader
{
    public static ValidRange Read(YamlNodeReader? r)
    {
        if (r is null)
        {
            return ValidRange.Default;
        }

        r.OnlyKeys("from", "to");
        LocalDate? from = Date(r, "from");
        LocalDate? to = Date(r, "to");
        if (from is { } f && to is { } t && f > t)
        {
            r.Problem(r.Get("to"), "to", "must not be before from");
        }

        return from is { } a && to is { } b && a <= b ? new ValidRange(a, b) : ValidRange.Default;
    }

    private static LocalDate? Date(YamlNodeReader r, string key) =>
        r.Date(key, required: true, (1753, 9998, "what every engine and the workbook can hold"));
}
