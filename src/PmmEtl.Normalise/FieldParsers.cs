using System.Globalization;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise;

/// <summary>Which parser reads a field: one per <see cref="FieldType"/>, and one for a time the source gives as a date only.</summary>
internal enum ParserKind : byte
{
    Text,
    Code,
    Bool,
    Date,
    DateOfTime,
    LocalTime,
    Number,
    Integer,
}

/// <summary>
/// One parser per <see cref="FieldType"/> (and precision), chosen once per field when a record type's plan is built.
/// Each reads one field's (non-blank) raw value as its type into the row; on failure it leaves the field null and names
/// the problem. Dispatched by a switch, not a delegate per field: a static method behind a delegate goes through an
/// argument-shuffling stub, and a declaration has two dozen fields.
/// </summary>
internal static class FieldParsers
{
    public static ParserKind For(FieldType type, FieldPresence presence) => type switch
    {
        FieldType.Text => ParserKind.Text,
        FieldType.Code => ParserKind.Code,
        FieldType.Bool => ParserKind.Bool,
        FieldType.Date => ParserKind.Date,
        FieldType.LocalTime when presence == FieldPresence.DateOnly => ParserKind.DateOfTime,
        FieldType.LocalTime => ParserKind.LocalTime,
        FieldType.Number => ParserKind.Number,
        FieldType.Integer => ParserKind.Integer,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no parser for this field type"),
    };

    public static void Parse(FieldPlan field, in RawValue raw, ref RowState state)
    {
        switch (field.Parser)
        {
            case ParserKind.Text:
                Text(field, raw, ref state);
                break;
            case ParserKind.Code:
                Code(field, raw, ref state);
                break;
            case ParserKind.Bool:
                Bool(field, raw, ref state);
                break;
            case ParserKind.Date:
                Date(field, raw, ref state);
                break;
            case ParserKind.DateOfTime:
                DateOfTime(field, raw, ref state);
                break;
            case ParserKind.LocalTime:
                LocalTime(field, raw, ref state);
                break;
            case ParserKind.Number:
                Number(field, raw, ref state);
                break;
            case ParserKind.Integer:
                Integer(field, raw, ref state);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Parser, "no parser of this kind");
        }
    }

    private static void Text(FieldPlan field, in RawValue raw, ref RowState state)
    {
        string value = raw.Text!.Trim();
        if (field.MaxLength is { } max && value.Length > max)
        {
            state.Add(field.Name, $"longer than {max} characters ({value.Length})", RecordNormaliser.Shorten(value));
            return;
        }

        state.Row.SetText(field.Index, value);
    }

    private static void Code(FieldPlan field, in RawValue raw, ref RowState state)
    {
        string text = raw.Text!;
        if (field.Codes!.Contains(text))
        {
            // Nearly every code comes as listed: trimming and upper-casing it first cost more than the lookup.
            state.Row.SetText(field.Index, text);
            return;
        }

        string value = text.Trim().ToUpperInvariant();
        if (field.Codes!.Contains(value))
        {
            state.Row.SetText(field.Index, value);
            return;
        }

        if (field.Field.UnlistedAs is { } other)
        {
            // A national code the catalogue does not list is loaded as the list's catch-all member, and counted.
            state.Normaliser.CountUnlisted(state.Raw.Schema, field.Name, value);
            state.Row.SetText(field.Index, other);
            return;
        }

        state.Add(field.Name, $"unknown code '{RecordNormaliser.Shorten(value)}' (expected one of {field.CodeList})", text);
    }

    private static void Bool(FieldPlan field, in RawValue raw, ref RowState state)
    {
        string text = raw.Text!;
        if ((Flag(text) ?? Flag(text.Trim().ToUpperInvariant())) is { } flag)
        {
            state.Row.SetBool(field.Index, flag);
            return;
        }

        state.Add(field.Name, "not a yes/no flag (expected 1/0, Y/N, yes/no or true/false)", text);
    }

    /// <summary>The shapes national systems write flags in, upper-case; null for anything else.</summary>
    private static bool? Flag(string text) => text switch
    {
        "1" or "Y" or "YES" or "TRUE" or "T" => true,
        "0" or "N" or "NO" or "FALSE" or "F" => false,
        _ => null,
    };

    private static void Date(FieldPlan field, in RawValue raw, ref RowState state)
    {
        if (!TimeTextReader.TryParseDate(raw.Text!, out LocalDate date))
        {
            state.Add(field.Name, "unparsable date (expected yyyy-MM-dd)", raw.Text);
            return;
        }

        if (!state.Range.Contains(date))
        {
            state.Add(field.Name, $"date outside the valid range {state.Range.Describe()}", raw.Text);
            return;
        }

        state.Row.SetDate(field.Index, date);
    }

    /// <summary>A time of which the source keeps the date only: the date is kept aside (it can place the record), the instant stays unknown.</summary>
    private static void DateOfTime(FieldPlan field, in RawValue raw, ref RowState state)
    {
        string text = raw.Text!;
        LocalDate date;
        if (TimeTextReader.TryParseDate(text, out LocalDate d))
        {
            date = d;
        }
        else if (TimeTextReader.TryParse(text, out LocalDateTime local))
        {
            date = local.Date;
        }
        else
        {
            state.Add(field.Name, "unparsable date (expected yyyy-MM-dd; the pipeline gives this time as a date only)", text);
            return;
        }

        if (!state.Range.Contains(date))
        {
            state.Add(field.Name, $"date outside the valid range {state.Range.Describe()}", text);
            return;
        }

        state.SetDateOnly(field.Index, date);
    }

    private static void LocalTime(FieldPlan field, in RawValue raw, ref RowState state)
    {
        LocalDateTime local;
        if (raw.HasValue)
        {
            // The source read the fixed-width shape itself: the same value the parser would give for its text.
            local = raw.Value;
        }
        else if (!TimeTextReader.TryParse(raw.Text!, out local))
        {
            // A time with its own offset is already an instant: the office's zone and the DST policy do not apply.
            if (TimeTextReader.TryParseOffset(raw.Text!, out OffsetDateTime exact))
            {
                if (!state.Range.Contains(exact))
                {
                    state.Add(field.Name, $"time outside the valid range {state.Range.Describe()}", raw.Text);
                    return;
                }

                state.Row.SetInstant(field.Index, exact.ToInstant());
                return;
            }

            state.Add(field.Name, "unparsable time (expected yyyy-MM-dd HH:mm[:ss] local, or ISO-8601 with an offset)", raw.Text);
            return;
        }

        if (!state.Range.Contains(local))
        {
            state.Add(field.Name, $"time outside the valid range {state.Range.Describe()}", raw.Text);
            return;
        }

        if (state.Zone is not { } zone)
        {
            // The office problem is already reported; a record type without an office field cannot read local times at all.
            if (!state.OfficeRefused)
            {
                state.Add(field.Name, $"a local time needs the record's office to resolve it, and {state.Raw.Schema.Name} has no office (give the time with its offset)", raw.Text);
            }

            return;
        }

        Resolution resolution = zone.Resolve(local);
        if (resolution.Kind != ResolutionKind.Unique)
        {
            state.NoteDst(resolution.Kind == ResolutionKind.Ambiguous
                ? $"{field.Name} occurs twice in {zone.Zone.Id} (DST fold) and the policy took the {(state.Resolver.Policy.Ambiguous == AmbiguousTimePolicy.Later ? "later" : "earlier")} instant"
                : $"{field.Name} does not exist in {zone.Zone.Id} (DST gap) and the policy shifted it");
        }

        if (resolution.Rejected)
        {
            string what = resolution.Kind == ResolutionKind.Ambiguous ? "occurs twice (DST fold)" : "does not exist (DST gap)";
            state.Add(field.Name, $"local time {what} in {zone.Zone.Id} and the DST policy rejects it", raw.Text);
            return;
        }

        state.Row.SetInstant(field.Index, resolution.Instant);
    }

    private static void Number(FieldPlan field, in RawValue raw, ref RowState state)
    {
        if (double.TryParse(raw.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            state.Row.SetNumber(field.Index, value);
            return;
        }

        state.Add(field.Name, "not a number (expected digits with a decimal point, like 1234.5)", raw.Text);
    }

    private static void Integer(FieldPlan field, in RawValue raw, ref RowState state)
    {
        string text = raw.Text!;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            state.Row.SetInteger(field.Index, value);
            return;
        }

        // A NUMERIC column hands over "3.0": a whole number all the same.
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
            && number == decimal.Truncate(number) && number >= long.MinValue && number <= long.MaxValue)
        {
            state.Row.SetInteger(field.Index, (long)number);
            return;
        }

        state.Add(field.Name, "not a whole number", text);
    }
}
