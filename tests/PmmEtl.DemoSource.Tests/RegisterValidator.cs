using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;
using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// Judges register rows the way the normaliser will, from the canonical schema alone: a code outside the field's
/// list, a date or time that does not parse, a flag or number that is not one, a required value missing, an office
/// not in the office table; and, as the pipeline's shipment rule, a clearance that the demo's DST policy (ambiguous →
/// earlier, skipped → shifted forward) puts before its lodgement. Strict on purpose: the demo writes ISO dates,
/// 'yyyy-MM-dd HH:mm:ss' times, 1/0 flags.
/// </summary>
public static class RegisterValidator
{
    public const string BadCode = "BadCode";
    public const string BadDate = "BadDate";
    public const string UnknownOffice = "UnknownOffice";
    public const string DstOrder = "DstOrder";

    /// <summary>The first problem of a row (the defect kind it shows), or null for a sound row.</summary>
    public static string? Problem(RecordSchema register, RegisterRow row)
    {
        if (register.OfficeField is { } office && ExpectedOffices.ZoneOf(row[office] ?? "") is null)
        {
            return UnknownOffice;
        }

        foreach (RecordField field in register.Fields.Where(f => !f.Derived))
        {
            string? value = row[field.Name];
            if (value is null)
            {
                if (field.Required)
                {
                    return BadCode;
                }

                continue;
            }

            bool ok = field.Type switch
            {
                FieldType.Code => field.Codes!.Contains(value),
                FieldType.Bool => value is "1" or "0",
                FieldType.Date => LocalDatePattern.Iso.Parse(value).Success,
                FieldType.LocalTime => SourceContent.ParseLocal(value) is not null,
                FieldType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                FieldType.Integer => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                _ => true,
            };
            if (!ok)
            {
                return field.Type is FieldType.Date or FieldType.LocalTime ? BadDate : BadCode;
            }
        }

        if (register.Name == "shipment" && SourceContent.ParseLocal(row["lodged_at"]) is { } lodged && SourceContent.ParseLocal(row["cleared_at"]) is { } cleared)
        {
            DateTimeZone zone = ExpectedOffices.ZoneOf(row["office_code"]!)!;
            if (zone.ResolveLocal(cleared, Resolvers.LenientResolver).ToInstant() < zone.ResolveLocal(lodged, Resolvers.LenientResolver).ToInstant())
            {
                return DstOrder;
            }
        }

        return null;
    }

    public static IReadOnlyDictionary<string, int> ProblemsByKind(RegisterRows rows) => rows.Rows
        .Select(r => Problem(rows.Register, r))
        .OfType<string>()
        .GroupBy(k => k)
        .ToDictionary(g => g.Key, g => g.Count());

    public static IEnumerable<RegisterRow> Sound(RegisterRows rows) => rows.Rows.Where(r => Problem(rows.Register, r) is null);
}
