using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Warehouse.Measure;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// A kept month is read back exactly as it was computed, or a night would publish a value a full re-run does not:
/// every double bit for bit (bin edges and the doubles beside them, the smallest and largest), every decimal sum digit
/// for digit, nulls, and grouping values with quotes, separators and letters outside ASCII.
/// </summary>
public sealed class MonthPayloadTests
{
    private static readonly LocalDate March = new(2025, 3, 1);

    private static readonly double[] Doubles =
    [
        0, 1.0 / 3, 17.283333333333335, 1e-300, double.Epsilon, double.MaxValue, 65536, Math.BitDecrement(64), Math.BitIncrement(64),
        Math.BitDecrement(0.125), 31.016666666666666, 2_000_000.0166666667,
    ];

    [Fact]
    public void Cells_bins_percentiles_and_bin_values_read_back_bit_for_bit()
    {
        MeasureCell[] cells =
        [
            new(March, null, true, ["SEA", null], 3, [new PartStats(3, 123.456000m, Doubles[1], Doubles[2]), new PartStats(0, null, null, null)]),
            new(March, 2, false, ["O'NEIL \"x\" / é", "T,1"], 1_000_000_000_000, [new PartStats(1, 0.000001m, Doubles[3], Doubles[5]), new PartStats(1, -1.5m, 0, 0)]),
            .. Doubles.Select((d, i) => new MeasureCell(March, i % 3, i % 2 == 0, [$"V{i}", null], i, [new PartStats(i, (decimal)i / 7, d, d), new PartStats(i, 98765432109876.543210m, -d, d)])),
        ];
        BinCount[] bins =
        [
            new(0, -1, null, 0, 5, 0, 0.1),
            new(1, 1, "O'NEIL", 609, long.MaxValue, double.NaN, double.NaN),
            .. Doubles.Select((d, i) => new BinCount(i % 2, (i % 3) - 1, i % 2 == 0 ? null : "é", i * 37, i, Math.BitDecrement(d), d)),
        ];

        MonthPercentile[] percentiles =
        [
            new(0, -1, null, Doubles[1], Doubles[2]),
            new(1, 0, "O'NEIL \"x\" / é", double.NaN, double.NaN),
            .. Doubles.Select((d, i) => new MonthPercentile(i % 2, (i % 3) - 1, i % 2 == 0 ? null : $"V{i}", d, Math.BitDecrement(d))),
        ];

        double[] ascending = [.. Doubles.Order()];
        // Each bin's values as many as its bin counted, between its least and greatest; the last, of a bin the month
        // does not hold, empty.
        BinValues[] values =
        [
            new(0, -1, null, 347, ascending, [.. ascending.Select((_, i) => (long)i + 1)]),
            new(1, 1, "O'NEIL \"x\" / é", 609, [Math.BitDecrement(64), 64, Math.BitIncrement(64)], [long.MaxValue - 3, 1, 2]),
            new(1, 0, null, 0, [], []),
        ];
        bins =
        [
            .. bins,
            new(0, -1, null, 347, ascending.Length * (ascending.Length + 1) / 2, ascending[0], ascending[^1]),
            new(1, 1, "O'NEIL \"x\" / é", 609, long.MaxValue, Math.BitDecrement(64), Math.BitIncrement(64)),
        ];

        KeptMonth read = MonthPayload.Read(MonthPayload.Write(cells, bins, percentiles, values), March, groupings: 2, parts: 2);

        Assert.Equal(cells.Select(Text), read.Cells.Select(Text));
        Assert.Equal(bins.Select(Text), read.Bins.Select(Text));
        Assert.Equal(percentiles.Select(Text), read.Percentiles.Select(Text));
        Assert.Equal(values.Select(Text), read.Values.Select(Text));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"c\":[[null,true")]
    [InlineData("{\"b\":[]}")]
    [InlineData("{\"c\":[[null,true,[\"A\",\"B\",\"C\"],1,[]]],\"b\":[],\"q\":[],\"v\":[]}")]
    [InlineData("{\"c\":[[null,\"yes\",[],1,[]]],\"b\":[],\"q\":[],\"v\":[]}")]
    [InlineData("{\"c\":[],\"b\":[]}")]
    [InlineData("{\"c\":[],\"b\":[],\"q\":[]}")]
    [InlineData("{\"c\":[],\"b\":[[2,-1,null,5,1,0.5,0.5]],\"q\":[],\"v\":[]}")]
    [InlineData("{\"c\":[],\"b\":[],\"q\":[[0,-1,null,1.5,2.5]],\"v\":[]}")]
    [InlineData("{\"c\":[],\"b\":[],\"q\":[],\"v\":[],\"z\":[]}")]
    [InlineData("{\"c\":[],\"b\":[],\"q\":[],\"v\":[]} []")]
    [InlineData("{\"c\":[[null,true,[\"A\"],1,[]]],\"b\":[],\"q\":[],\"v\":[]}")]
    [InlineData("{\"c\":[[null,true,[\"A\",\"B\"],1.5,[]]],\"b\":[],\"q\":[],\"v\":[]}")]
    [InlineData("{\"c\":[],\"b\":[],\"q\":[],\"v\":[[0,-1,null,5,[]]]}")]
    public void A_text_this_layout_did_not_write_is_refused_not_thrown(string payload) =>
        Assert.Null(MonthPayload.TryRead(payload, March, groupings: 2, parts: 0));

    /// <summary>
    /// A kept bin's values are refused unless strictly ascending, each with a whole positive count (the merge relies on
    /// it), and as many as the month's own count of the bin, between its least and greatest: the month is then
    /// computed again from its rows. The bin here counts 2 values from 1.5 to 2.5.
    /// </summary>
    [Theory]
    [InlineData("[[0,-1,null,5,[2.5,1,1.5,1]]]")]
    [InlineData("[[0,-1,null,5,[1.5,1,1.5,1]]]")]
    [InlineData("[[0,-1,null,5,[1.5,0,2.5,2]]]")]
    [InlineData("[[0,-1,null,5,[1.5,-3]]]")]
    [InlineData("[[0,-1,null,5,[1.5,2.5]]]")]
    [InlineData("[[0,-1,null,5,[1.5]]]")]
    [InlineData("[[0,-1,null,5,[1.5,\"2\"]]]")]
    [InlineData("[[0,-1,null,5,1.5,2]]")]
    [InlineData("[[0,-1,null,5,[1.5,2]],[0,-1,null]]")]
    [InlineData("[[0,-1,null,5,[1.5,1]]]")]
    [InlineData("[[0,-1,null,5,[1.5,3]]]")]
    [InlineData("[[0,-1,null,5,[1.0,1,2.5,1]]]")]
    [InlineData("[[0,-1,null,5,[1.5,1,3.0,1]]]")]
    [InlineData("[[0,-1,null,6,[1.5,2]]]")]
    [InlineData("[[0,-1,\"SEA\",5,[1.5,2]]]")]
    [InlineData("[[0,-1,null,5,[1.5,9223372036854775807,2.5,9223372036854775807]]]")]
    public void Bin_values_not_those_of_the_months_bin_counts_are_refused(string values) =>
        Assert.Null(MonthPayload.TryRead(Month(values), March, groupings: 0, parts: 1));

    /// <summary>The same month with values its bin counts describe (and an empty bin it does not hold) is read: the cases above are refused for what they change alone.</summary>
    [Theory]
    [InlineData("[[0,-1,null,5,[1.5,1,2.5,1]]]")]
    [InlineData("[[0,-1,null,5,[1.5,2]]]")]
    [InlineData("[[0,-1,null,5,[1.5,1,2.5,1]],[0,-1,null,6,[]]]")]
    public void Bin_values_of_the_months_bin_counts_are_read(string values) =>
        Assert.NotNull(MonthPayload.TryRead(Month(values), March, groupings: 0, parts: 1));

    private static string Month(string values) => "{\"c\":[],\"b\":[[0,-1,null,5,2,1.5,2.5]],\"q\":[],\"v\":" + values + "}";

    [Fact]
    public void An_empty_month_reads_back_empty()
    {
        KeptMonth read = MonthPayload.Read(MonthPayload.Write([], [], [], []), March, 3, 4);
        Assert.Empty(read.Cells);
        Assert.Empty(read.Bins);
        Assert.Empty(read.Percentiles);
        Assert.Empty(read.Values);
    }

    /// <summary>Doubles as their bits, decimals with their scale: "equal" here means identical.</summary>
    private static string Text(MeasureCell c) =>
        $"{c.Month} {c.Exclusion} {c.Hit} [{string.Join("|", c.Values.Select(v => v ?? "<null>"))}] {c.Rows} " +
        string.Join(" ", c.Parts.Select(p => $"{p.Count}:{p.Sum?.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Bits(p.Min)}:{Bits(p.Max)}"));

    private static string Text(BinCount b) => $"{b.Part} {b.Grouping} {b.Value ?? "<null>"} {b.Bin} {b.Count} {Bits(b.Min)} {Bits(b.Max)}";

    private static string Text(BinValues v) =>
        $"{v.Part} {v.Grouping} {v.Value ?? "<null>"} {v.Bin} " + string.Join(" ", v.Values.Zip(v.Counts, (d, n) => $"{Bits(d)}x{n}"));

    private static string Text(MonthPercentile q) => $"{q.Part} {q.Grouping} {q.Value ?? "<null>"} {Bits(q.Median)} {Bits(q.P90)}";

    private static string Bits(double? d) => d is { } v ? BitConverter.DoubleToInt64Bits(v).ToString(System.Globalization.CultureInfo.InvariantCulture) : "<null>";
}
