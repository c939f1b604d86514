using PmmEtl.Core.Records;

namespace PmmEtl.Testing;

/// <summary>Raw records of any type written as field → text pairs.</summary>
public static class TestRecords
{
    public static RawRecord Raw(RecordSchema type, string sourceName, long row, IEnumerable<(string Field, string? Text)> fields)
    {
        var raw = new RawRecord(type, sourceName, row);
        foreach ((string field, string? text) in fields)
        {
            raw[field] = text;
        }

        return raw;
    }

    /// <summary>The record's fields that hold text, by name (rebuilt from values a source read).</summary>
    public static Dictionary<string, string?> Fields(this RawRecord raw) =>
        raw.Schema.Fields.Select((f, i) => (f.Name, Text: raw[i].Text)).Where(f => f.Text is not null).ToDictionary(f => f.Name, f => f.Text);
}

/// <summary>Normalised rows of any type written as field → typed value pairs (string, bool, LocalDate, Instant, double, long).</summary>
public static class TestRows
{
    public static RecordRow Row(RecordSchema type, string sourceName, long row, params (string Field, object? Value)[] values)
    {
        var record = new RecordRow(type, sourceName, row);
        foreach ((string field, object? value) in values)
        {
            int i = type.IndexOf(field);
            switch (value)
            {
                case null:
                    break;
                case string s:
                    record.SetText(i, s);
                    break;
                case bool b:
                    record.SetBool(i, b);
                    break;
                case NodaTime.LocalDate d:
                    record.SetDate(i, d);
                    break;
                case NodaTime.Instant t:
                    record.SetInstant(i, t);
                    break;
                case double n:
                    record.SetNumber(i, n);
                    break;
                case long l:
                    record.SetInteger(i, l);
                    break;
                case int l:
                    record.SetInteger(i, l);
                    break;
                default:
                    throw new ArgumentException($"{type.Name}.{field}: {value.GetType().Name} is not a field value", nameof(values));
            }
        }

        return record;
    }
}
