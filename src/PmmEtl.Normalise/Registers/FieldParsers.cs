using System.Globalization;
using NodaTime;
using PmmEtl.Core.Registers;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise.Registers;

/// <summary>Reads one field's (non-blank) text as its type; null with a problem named for the field when it cannot.</summary>
internal delegate object? FieldParser(FieldPlan field, string text, ref RowState row);

/// <summary>One parser per <see cref="FieldType"/>, chosen once per field when a register's plan is built.</summary>
internal static class FieldParsers
{
    // Flags are the commonest values: one box each for the whole run instead of one per value.
    public static readonly object True = true;
    public static readonly object False = false;

    public static FieldParser For(FieldType type) => type switch
    {
        FieldType.Text => Text,
        FieldType.Code => Code,
        FieldType.Bool => Bool,
        FieldType.Date => Date,
        FieldType.LocalTime => LocalTime,
        FieldType.Number => Number,
        FieldType.Integer => Integer,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no parser for this field type"),
    };

    private static object? Text(FieldPlan field, string text, ref RowState row)
    {
        string value = text.Trim();
        if (field.IsKey && value.Length > RecordNormaliser.MaxKeyLength)
        {
            // Keys are bounded like the declaration id: a longer one is garbage, not an identifier.
            row.Add(field.Name, $"longer than {RecordNormaliser.MaxKeyLength} characters ({value.Length})", RecordNormaliser.Shorten(value));
            return null;
        }

        return value;
    }

    private static object? Code(FieldPlan field, string text, ref RowState row)
    {
        string value = text.Trim().ToUpperInvariant();
        if (field.Codes!.Contains(value))
        {
            return value;
        }

        row.Add(field.Name, $"unknown code '{RecordNormaliser.Shorten(value)}' (expected one of {field.CodeList})", text);
        return null;
    }

    private static object? Bool(FieldPlan field, string text, ref RowState row)
    {
        // The shapes national systems write flags in; T/F as well, as the declaration normaliser reads them.
        switch (text.Trim().ToUpperInvariant())
        {
            case "1" or "Y" or "YES" or "TRUE" or "T":
                return True;
            case "0" or "N" or "NO" or "FALSE" or "F":
                return False;
            default:
                row.Add(field.Name, "not a yes/no flag (expected 1/0, Y/N, yes/no or true/false)", text);
                return null;
        }
    }

    private static object? Date(FieldPlan field, string text, ref RowState row)
    {
        if (LocalTimeParser.TryParseDate(text, out LocalDate date))
        {
            return date;
        }

        row.Add(field.Name, "unparsable date (expected yyyy-MM-dd)", text);
        return null;
    }

    private static object? LocalTime(FieldPlan field, string text, ref RowState row)
    {
        if (!LocalTimeParser.TryParse(text, out LocalDateTime local))
        {
            // A time with its own offset is already an instant: the office's zone and the DST policy do not apply.
            if (LocalTimeParser.TryParseInstant(text, out Instant exact))
            {
                return exact;
            }

            row.Add(field.Name, "unparsable time (expected yyyy-MM-dd HH:mm[:ss] local, or ISO-8601 with an offset)", text);
            return null;
        }

        if (row.Zone is not { } zone)
        {
            // The office problem is already reported; a register without an office field cannot read local times at all.
            if (!row.OfficeRefused)
            {
                row.Add(field.Name, $"a local time needs the record's office to resolve it, and {row.Raw.Register.Name} has no office (give the time with its offset)", text);
            }

            return null;
        }

        Resolution resolution = row.Resolver.Resolve(local, zone);
        if (resolution.Kind != ResolutionKind.Unique)
        {
            row.NoteDst(resolution.Kind == ResolutionKind.Ambiguous
                ? $"{field.Name} occurs twice in {zone.Id} (DST fold) and the policy took the {(row.Resolver.Policy.Ambiguous == AmbiguousTimePolicy.Later ? "later" : "earlier")} instant"
                : $"{field.Name} does not exist in {zone.Id} (DST gap) and the policy shifted it");
        }

        if (resolution.Rejected)
        {
            string what = resolution.Kind == ResolutionKind.Ambiguous ? "occurs twice (DST fold)" : "does not exist (DST gap)";
            row.Add(field.Name, $"local time {what} in {zone.Id} and the DST policy rejects it", text);
        }

        return resolution.Instant;
    }

    private static object? Number(FieldPlan field, string text, ref RowState row)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        row.Add(field.Name, "not a number (expected digits with a decimal point, like 1234.5)", text);
        return null;
    }

    private static object? Integer(FieldPlan field, string text, ref RowState row)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        // A NUMERIC column hands over "3.0": a whole number all the same.
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
            && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue)
        {
            return (long)number;
        }

        row.Add(field.Name, "not a whole number", text);
        return null;
    }
}
