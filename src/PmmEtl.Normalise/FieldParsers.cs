using System.Globalization;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise;

/// <summary>Reads one field's (non-blank) raw value as its type into the row; on failure it leaves the field null and names the problem.</summary>
internal delegate void FieldParser(FieldPlan field, RawValue raw, ref RowState state);

/// <summary>One parser per <see cref="FieldType"/> (and precision), chosen once per field when a record type's plan is built.</summary>
internal static class FieldParsers
{
    public static FieldParser For(FieldType type, FieldPresence presence) => type switch
    {
        FieldType.Text => Text,
        FieldType.Code => Code,
        FieldType.Bool => Bool,
        FieldType.Date => Date,
        FieldType.LocalTime when presence == FieldPresence.DateOnly => DateOfTime,
        FieldType.LocalTime => LocalTime,
        FieldType.Number => Number,
        FieldType.Integer => Integer,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no parser for this field type"),
    };

    private static void Text(FieldPlan field, RawValue raw, ref RowState state)
    {
        string value = raw.Text!.Trim();
        if (field.MaxLength is { } max && value.Length > max)
        {
            state.Add(field.Name, $"longer than {max} characters ({value.Length})", RecordNormaliser.Shorten(value));
            return;
        }

        state.Row.SetText(field.Index, value);
    }

    private static void Code(FieldPlan field, RawValue raw, ref RowState state)
    {
        string text = raw.Text!;
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

    private static void Bool(FieldPlan field, RawValue raw, ref RowState state)
    {
        // The shapes national systems write flags in.
        switch (raw.Text!.Trim().ToUpperInvariant())
        {
            case "1" or "Y" or "YES" or "TRUE" or "T":
                state.Row.SetBool(field.Index, true);
                return;
            case "0" or "N" or "NO" or "FALSE" or "F":
                state.Row.SetBool(field.Index, false);
                return;
            default:
                state.Add(field.Name, "not a yes/no flag (expected 1/0, Y/N, yes/no or true/false)", raw.Text);
                return;
        }
    }

    private static void Date(FieldPlan field, RawValue raw, ref RowState state)
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
    private static void DateOfTime(FieldPlan field, RawValue raw, ref RowState state)
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

    private static void LocalTime(FieldPlan field, RawValue raw, ref RowState state)
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

    private static void Number(FieldPlan field, RawValue raw, ref RowState state)
    {
        if (double.TryParse(raw.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            state.Row.SetNumber(field.Index, value);
            return;
        }

        state.Add(field.Name, "not a number (expected digits with a decimal point, like 1234.5)", raw.Text);
    }

    private static void Integer(FieldPlan field, RawValue raw, ref RowState state)
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
