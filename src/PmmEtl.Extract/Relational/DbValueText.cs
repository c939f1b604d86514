using System.Data;
using System.Globalization;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// Turns a provider's value into the text a raw declaration holds. Wall-clock types stay local text; values that
/// are instants (a UTC <see cref="DateTime"/> from a <c>timestamptz</c>, a <see cref="DateTimeOffset"/>) keep their
/// offset, so the normaliser reads them as exact instants instead of local times of the office.
/// </summary>
public static class DbValueText
{
    public static string? Of(IDataRecord reader, int ordinal, bool zoned = false)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        object value = reader.GetValue(ordinal);
        // DuckDB hands a TIMESTAMPTZ over as its UTC wall clock without saying so (Kind Unspecified).
        return Of(zoned && value is DateTime { Kind: DateTimeKind.Unspecified } utc ? DateTime.SpecifyKind(utc, DateTimeKind.Utc) : value);
    }

    /// <summary>Whether a column's declared type holds instants (timestamptz, TIMESTAMP WITH TIME ZONE, datetimeoffset).</summary>
    public static bool IsZoned(string dataTypeName) =>
        !dataTypeName.Contains("without", StringComparison.OrdinalIgnoreCase)
        && (dataTypeName.Contains("tz", StringComparison.OrdinalIgnoreCase)
            || dataTypeName.Contains("with time zone", StringComparison.OrdinalIgnoreCase)
            || dataTypeName.Contains("offset", StringComparison.OrdinalIgnoreCase));

    public static string? Of(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        DateTime { Kind: DateTimeKind.Utc } utc => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
