using System.Buffers;
using System.Text;
using System.Text.Json;
using NodaTime;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Measure;

/// <summary>One row of the rank search's level 1: the values of one part, grouping (−1: the total) and value in one bin of one month.</summary>
public readonly record struct BinCount(int Part, int Grouping, string? Value, int Bin, long Count, double Min, double Max);

/// <summary>
/// What is kept of one month of a population (<see cref="KeptMonths"/>): its finest cells and its bin counts, as compact
/// JSON arrays. Numbers round-trip exactly: sums are decimals written digit for digit, and a double is written as its
/// shortest round-trip text, which parses back to the same double (a NaN minimum, a bin without values, as null).
/// </summary>
public static class MonthPayload
{
    public static string Write(IEnumerable<MeasureCell> cells, IEnumerable<BinCount> bins)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("c");
            foreach (MeasureCell c in cells)
            {
                w.WriteStartArray();
                Nullable(w, c.Exclusion);
                w.WriteBooleanValue(c.Hit);
                w.WriteStartArray();
                foreach (string? v in c.Values)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
                w.WriteNumberValue(c.Rows);
                w.WriteStartArray();
                foreach (PartStats s in c.Parts)
                {
                    w.WriteNumberValue(s.Count);
                    Nullable(w, s.Sum);
                    Nullable(w, s.Min);
                    Nullable(w, s.Max);
                }

                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteStartArray("b");
            foreach (BinCount b in bins)
            {
                w.WriteStartArray();
                w.WriteNumberValue(b.Part);
                w.WriteNumberValue(b.Grouping);
                w.WriteStringValue(b.Value);
                w.WriteNumberValue(b.Bin);
                w.WriteNumberValue(b.Count);
                Nullable(w, double.IsNaN(b.Min) ? null : b.Min);
                Nullable(w, double.IsNaN(b.Max) ? null : b.Max);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>As <see cref="Read"/>, or null when the text is not a month this layout wrote (not JSON, cut short, other shapes).</summary>
    public static (List<MeasureCell> Cells, List<BinCount> Bins)? TryRead(string payload, LocalDate month, int groupings, int parts)
    {
        try
        {
            return Read(payload, month, groupings, parts);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads a month written by <see cref="Write"/> back: its cells (dated <paramref name="month"/>) and bin counts.</summary>
    public static (List<MeasureCell> Cells, List<BinCount> Bins) Read(string payload, LocalDate month, int groupings, int parts)
    {
        using var document = JsonDocument.Parse(payload);
        var cells = new List<MeasureCell>();
        foreach (JsonElement c in document.RootElement.GetProperty("c").EnumerateArray())
        {
            var values = new string?[groupings];
            int i = 0;
            foreach (JsonElement v in c[2].EnumerateArray())
            {
                values[i++] = v.GetString();
            }

            var stats = new PartStats[parts];
            JsonElement s = c[4];
            for (int k = 0; k < parts; k++)
            {
                stats[k] = new PartStats(s[4 * k].GetInt64(), Decimal(s[(4 * k) + 1]), Double(s[(4 * k) + 2]), Double(s[(4 * k) + 3]));
            }

            cells.Add(new MeasureCell(month, c[0].ValueKind == JsonValueKind.Null ? null : c[0].GetInt32(), c[1].GetBoolean(), values, c[3].GetInt64(), stats));
        }

        var bins = new List<BinCount>();
        foreach (JsonElement b in document.RootElement.GetProperty("b").EnumerateArray())
        {
            bins.Add(new BinCount(b[0].GetInt32(), b[1].GetInt32(), b[2].GetString(), b[3].GetInt32(), b[4].GetInt64(), Double(b[5]) ?? double.NaN, Double(b[6]) ?? double.NaN));
        }

        return (cells, bins);
    }

    private static void Nullable(Utf8JsonWriter w, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void Nullable(Utf8JsonWriter w, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void Nullable(Utf8JsonWriter w, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static decimal? Decimal(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    private static double? Double(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
}
