using System.Buffers;
using System.Text;
using System.Text.Json;
using NodaTime;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Measure;

/// <summary>One row of the rank search's level 1: the values of one part, grouping (−1: the total) and value in one bin of one month.</summary>
public readonly record struct BinCount(int Part, int Grouping, string? Value, int Bin, long Count, double Min, double Max);

/// <summary>
/// A median and 90th percentile of one part, grouping (−1: the total) and value over one period: a month's own, kept
/// with the month, or a quarter's, kept apart; so a night re-ranks only the periods it touched. NaN where the engine
/// gave none.
/// </summary>
public readonly record struct MonthPercentile(int Part, int Grouping, string? Value, double Median, double P90);

/// <summary>
/// The values of one rank-search bin of one part, grouping (−1: the total) and value in one month: the distinct values
/// ascending, and how many of each. Exact, and the same whichever period asked for them, so a year's level 2 merges
/// its months' (<see cref="RankValues"/>).
/// </summary>
public sealed record BinValues(int Part, int Grouping, string? Value, int Bin, double[] Values, long[] Counts);

/// <summary>
/// What is kept of one month of a population: cells, bin counts, the month's own percentiles, and the values of the bins
/// a quarter or year asked of it (a quarter or a histogram uses some of them).
/// </summary>
public sealed record KeptMonth(List<MeasureCell> Cells, List<BinCount> Bins, List<MonthPercentile> Percentiles, List<BinValues> Values);

/// <summary>
/// What is kept of one month of a population (<see cref="KeptMonths"/>): its finest cells, its bin counts, its
/// month-period percentiles and the values of the bins longer periods asked of it, as compact JSON arrays. Numbers round-trip exactly: sums are decimals written digit for
/// digit, and a double is written as its shortest round-trip text, which parses back to the same double (a NaN, a bin
/// without values or a percentile the engine gave none of, as null).
/// </summary>
public static class MonthPayload
{
    public static string Write(KeptMonth month) => Write(month.Cells, month.Bins, month.Percentiles, month.Values);

    public static string Write(IEnumerable<MeasureCell> cells, IEnumerable<BinCount> bins, IEnumerable<MonthPercentile> percentiles, IEnumerable<BinValues> values)
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
                StartEntry(w, b.Part, b.Grouping, b.Value);
                w.WriteNumberValue(b.Bin);
                w.WriteNumberValue(b.Count);
                NaNAsNull(w, b.Min);
                NaNAsNull(w, b.Max);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteStartArray("q");
            foreach (MonthPercentile q in percentiles)
            {
                StartEntry(w, q.Part, q.Grouping, q.Value);
                NaNAsNull(w, q.Median);
                NaNAsNull(w, q.P90);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteStartArray("v");
            foreach (BinValues v in values)
            {
                StartEntry(w, v.Part, v.Grouping, v.Value);
                w.WriteNumberValue(v.Bin);
                w.WriteStartArray();
                for (int i = 0; i < v.Values.Length; i++)
                {
                    w.WriteNumberValue(v.Values[i]);
                    w.WriteNumberValue(v.Counts[i]);
                }

                w.WriteEndArray();
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>As <see cref="Read"/>, or null when the text is not a month this layout wrote (not JSON, cut short, other shapes).</summary>
    public static KeptMonth? TryRead(string payload, LocalDate month, int groupings, int parts)
    {
        try
        {
            return Read(payload, month, groupings, parts);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException or KeyNotFoundException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Reads a month written by <see cref="Write(KeptMonth)"/> back: its cells (dated <paramref name="month"/>), bin counts, percentiles and bin values.</summary>
    public static KeptMonth Read(string payload, LocalDate month, int groupings, int parts)
    {
        var tokens = new PayloadTokens(Encoding.UTF8.GetBytes(payload));
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        List<MeasureCell>? cells = null;
        List<BinCount>? bins = null;
        List<MonthPercentile>? percentiles = null;
        List<BinValues>? values = null;
        tokens.Expect(JsonTokenType.StartObject);
        while (tokens.Member() is { } member)
        {
            tokens.Expect(JsonTokenType.StartArray);
            switch (member)
            {
                case "c":
                    cells = ReadCells(ref tokens, seen, month, groupings, parts);
                    break;
                case "b":
                    bins = ReadBins(ref tokens, seen, parts);
                    break;
                case "q":
                    percentiles = ReadPercentiles(ref tokens, seen, parts);
                    break;
                case "v":
                    values = ReadValues(ref tokens, seen, parts);
                    break;
                default:
                    throw new FormatException($"a kept month holds an unknown member '{member}'");
            }
        }

        return tokens.AtEnd() && cells is not null && bins is not null && percentiles is not null && values is not null
            ? new KeptMonth(cells, bins, percentiles, Consistent(values, bins))
            : throw new FormatException("a kept month lacks cells, bins, percentiles or bin values, or has more after them");
    }

    /// <summary>
    /// A month's bin values must be of its own bin counts: as many as the bin counted, between its least and greatest (or
    /// none, for a bin the month does not hold).
    /// Otherwise the month is refused like any unreadable one and computed again from its rows, rather than let a year's
    /// percentile be ranked among values that are not the rows'.
    /// </summary>
    private static List<BinValues> Consistent(List<BinValues> values, List<BinCount> bins)
    {
        var counted = new Dictionary<(int, int, string?, int), BinCount>();
        foreach (BinCount b in bins)
        {
            counted[(b.Part, b.Grouping, b.Value, b.Bin)] = b;
        }

        foreach (BinValues v in values)
        {
            // A bin a year asked of a month that holds no value in it is kept empty, without a count of its own.
            bool described = counted.TryGetValue((v.Part, v.Grouping, v.Value, v.Bin), out BinCount bin)
                ? v.Counts.Sum() == bin.Count && !(v.Values[0] < bin.Min || v.Values[^1] > bin.Max)
                : v.Values.Length == 0;
            if (!described)
            {
                throw new FormatException($"a kept month's values of bin {v.Bin} are not those its bin counts describe");
            }
        }

        return values;
    }

    private static List<MeasureCell> ReadCells(ref PayloadTokens tokens, Dictionary<string, string> seen, LocalDate month, int groupings, int parts)
    {
        var cells = new List<MeasureCell>();
        while (tokens.NextElement())
        {
            int? exclusion = tokens.NullableInt();
            bool hit = tokens.Bool();
            tokens.Expect(JsonTokenType.StartArray);
            var values = new string?[groupings];
            for (int i = 0; i < groupings; i++)
            {
                values[i] = tokens.NullableText(seen);
            }

            tokens.Expect(JsonTokenType.EndArray);
            long rows = tokens.Long();
            tokens.Expect(JsonTokenType.StartArray);
            var stats = new PartStats[parts];
            for (int k = 0; k < parts; k++)
            {
                stats[k] = new PartStats(tokens.Long(), tokens.NullableDecimal(), tokens.NullableDouble(), tokens.NullableDouble());
            }

            tokens.Expect(JsonTokenType.EndArray);
            tokens.Expect(JsonTokenType.EndArray);
            cells.Add(new MeasureCell(month, exclusion, hit, values, rows, stats));
        }

        return cells;
    }

    private static List<BinCount> ReadBins(ref PayloadTokens tokens, Dictionary<string, string> seen, int parts)
    {
        var bins = new List<BinCount>();
        while (tokens.NextElement())
        {
            bins.Add(new BinCount(Part(tokens.Int(), parts), tokens.Int(), tokens.NullableText(seen), tokens.Int(), tokens.Long(),
                tokens.NullableDouble() ?? double.NaN, tokens.NullableDouble() ?? double.NaN));
            tokens.Expect(JsonTokenType.EndArray);
        }

        return bins;
    }

    private static List<MonthPercentile> ReadPercentiles(ref PayloadTokens tokens, Dictionary<string, string> seen, int parts)
    {
        var percentiles = new List<MonthPercentile>();
        while (tokens.NextElement())
        {
            percentiles.Add(new MonthPercentile(Part(tokens.Int(), parts), tokens.Int(), tokens.NullableText(seen),
                tokens.NullableDouble() ?? double.NaN, tokens.NullableDouble() ?? double.NaN));
            tokens.Expect(JsonTokenType.EndArray);
        }

        return percentiles;
    }

    /// <summary>Each bin's values as value, count pairs; refused unless strictly ascending with positive counts, as written.</summary>
    private static List<BinValues> ReadValues(ref PayloadTokens tokens, Dictionary<string, string> seen, int parts)
    {
        var read = new List<BinValues>();
        var values = new List<double>();
        var counts = new List<long>();
        while (tokens.NextElement())
        {
            int part = Part(tokens.Int(), parts);
            int grouping = tokens.Int();
            string? value = tokens.NullableText(seen);
            int bin = tokens.Int();
            values.Clear();
            counts.Clear();
            tokens.Expect(JsonTokenType.StartArray);
            while (tokens.NextNumber() is { } v)
            {
                long count = tokens.Long();
                if (count <= 0 || (values.Count > 0 && !(v > values[^1])))
                {
                    throw new FormatException("a kept bin's values are not ascending with positive counts");
                }

                values.Add(v);
                counts.Add(count);
            }

            tokens.Expect(JsonTokenType.EndArray);
            read.Add(new BinValues(part, grouping, value, bin, [.. values], [.. counts]));
        }

        return read;
    }

    /// <summary>Opens an entry of one part, grouping (−1: the total) and grouping value, as bins, percentiles and bin values all begin.</summary>
    private static void StartEntry(Utf8JsonWriter w, int part, int grouping, string? value)
    {
        w.WriteStartArray();
        w.WriteNumberValue(part);
        w.WriteNumberValue(grouping);
        w.WriteStringValue(value);
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

    /// <summary>A double, or null for NaN (a bin without values, a percentile the engine gave none of).</summary>
    private static void NaNAsNull(Utf8JsonWriter w, double value) => Nullable(w, double.IsNaN(value) ? null : value);

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

    private static int Part(int part, int parts) =>
        part >= 0 && part < parts ? part : throw new FormatException($"part {part} is not one of the population's {parts}");
}
