using NodaTime;
using ParquetSharp;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Publish.Tests;

/// <summary>
/// The files as a second, independent implementation reads them: Apache Parquet C++ (the reader behind Arrow and
/// pandas) through ParquetSharp. Physical and logical types, compression, encodings and values, with no code of the
/// writer involved.
/// </summary>
public sealed class SecondReaderTests : IDisposable
{
    private static readonly Encoding[] Allowed = [Encoding.Plain, Encoding.PlainDictionary, Encoding.RleDictionary, Encoding.Rle];

    private readonly SnapshotFolder _temp = new();
    private readonly PublishedSnapshot _published;

    public SecondReaderTests() => _published = new ParquetSnapshotPublisher().Publish(SampleRows.Request(_temp.Output), SampleRows.Reader());

    [Fact]
    public void Kpi_values_have_the_physical_and_logical_types_Power_BI_reads()
    {
        using var file = new ParquetFileReader(Archive.Values(_published.Folder));
        SchemaDescriptor schema = file.FileMetaData.Schema;

        var actual = Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i)).ToDictionary(c => c.Name, Describe);

        const string text = "ByteArray String";
        Assert.Equal(new Dictionary<string, string>
        {
            ["pipeline"] = text, ["kpi_code"] = text, ["kpi_id"] = text, ["variant"] = text, ["period_type"] = text, ["period_label"] = text,
            ["period_start"] = "Int32 Date", ["period_end"] = "Int32 Date", ["breakdown"] = text, ["breakdown_value"] = text,
            ["value"] = "Double", ["unit"] = text, ["median"] = "Double", ["p90"] = "Double", ["min"] = "Double", ["max"] = "Double",
            ["sum_minutes"] = "Double", ["n"] = "Int64", ["numerator"] = "Int64", ["denominator"] = "Int64", ["excluded"] = "Int64",
            ["disclosure"] = text, ["note"] = text, ["run_id"] = text, ["computed_at"] = "Int64 Timestamp(UTC, Millis)",
            ["kpi_name"] = text, ["strategic_area"] = text, ["suppressed"] = "Boolean", ["value_text"] = text, ["provisional"] = "Boolean",
        }, actual);
    }

    [Theory]
    [InlineData(ParquetSnapshotPublisher.ValuesFileName)]
    [InlineData(ParquetSnapshotPublisher.ExclusionsFileName)]
    [InlineData(ParquetSnapshotPublisher.DistributionFileName)]
    [InlineData(ParquetSnapshotPublisher.CatalogueFileName)]
    public void Every_column_chunk_is_Snappy_with_plain_or_dictionary_encodings(string name)
    {
        using var file = new ParquetFileReader(Path.Combine(_published.Folder, name));

        Assert.True(file.FileMetaData.NumRowGroups > 0);
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using RowGroupReader group = file.RowGroup(g);
            for (int c = 0; c < group.MetaData.NumColumns; c++)
            {
                ColumnChunkMetaData chunk = group.MetaData.GetColumnChunkMetaData(c);
                Assert.Equal(Compression.Snappy, chunk.Compression);
                Assert.All(chunk.Encodings, e => Assert.Contains(e, Allowed));
            }
        }
    }

    [Fact]
    public void Kpi_values_read_back_equal_the_rows_fed_in()
    {
        using var file = new ParquetFileReader(Archive.Values(_published.Folder));
        using RowGroupReader group = file.RowGroup(0);
        int n = checked((int)group.MetaData.NumRows);
        T[] Column<T>(string name) => group.Column(file.FileMetaData.Schema.ColumnIndex(name)).LogicalReader<T>().ReadAll(n);

        string[] code = Column<string>("kpi_code");
        string[] variant = Column<string>("variant");
        string[] breakdownValue = Column<string>("breakdown_value");
        Date[] start = Column<Date>("period_start");
        double?[] value = Column<double?>("value");
        double?[] median = Column<double?>("median");
        long[] count = Column<long>("n");
        long?[] numerator = Column<long?>("numerator");
        string?[] note = Column<string?>("note");
        DateTime[] computedAt = Column<DateTime>("computed_at");
        bool[] suppressed = Column<bool>("suppressed");
        string?[] name = Column<string?>("kpi_name");

        var rows = Enumerable.Range(0, n).Select(i => new KpiValue
        {
            Pipeline = SampleRows.Pipeline, KpiCode = code[i], Variant = variant[i], BreakdownValue = breakdownValue[i],
            PeriodStart = LocalDate.FromDateTime(start[i].DateTime), Value = value[i], Median = median[i], N = count[i], Numerator = numerator[i],
            Note = note[i], ComputedAt = Instant.FromDateTimeUtc(DateTime.SpecifyKind(computedAt[i], DateTimeKind.Utc)),
            KpiId = "", PeriodType = "", PeriodLabel = "", PeriodEnd = default, Breakdown = "", Unit = "", Excluded = 0, Disclosure = "", RunId = "",
        }).ToList();

        static object?[] Key(KpiValue v) => [v.KpiCode, v.Variant, v.BreakdownValue, v.PeriodStart, v.Value, v.Median, v.N, v.Numerator, v.Note, v.ComputedAt];
        Assert.Equal(SampleRows.Values.Select(Key), rows.Select(Key));
        Assert.All(suppressed, Assert.False);
        Assert.Equal("Physical release time for import", name[0]);
        Assert.Equal("Rate of electronic declarations", name[1]);
    }

    [Fact]
    public void The_histogram_reads_back_with_its_open_ended_last_bin()
    {
        using var file = new ParquetFileReader(Path.Combine(_published.Folder, ParquetSnapshotPublisher.DistributionFileName));
        using RowGroupReader group = file.RowGroup(0);
        int n = checked((int)group.MetaData.NumRows);
        T[] Column<T>(string name) => group.Column(file.FileMetaData.Schema.ColumnIndex(name)).LogicalReader<T>().ReadAll(n);

        Assert.Equal([0d, 15d, 30d], Column<double>("lower_minutes"));
        Assert.Equal([15d, 30d, null], Column<double?>("upper_minutes"));
        Assert.Equal([40L, 7L, 3L], Column<long?>("count"));
    }

    public void Dispose() => _temp.Dispose();

    private static string Describe(ColumnDescriptor column)
    {
        using LogicalType logical = column.LogicalType;
        string annotation = logical switch
        {
            StringLogicalType => " String",
            DateLogicalType => " Date",
            TimestampLogicalType t => $" Timestamp({(t.IsAdjustedToUtc ? "UTC" : "local")}, {t.TimeUnit})",
            IntLogicalType { BitWidth: 64, IsSigned: true } => "", // the same as plain INT64
            NoneLogicalType => "",
            _ => " " + logical,
        };
        return column.PhysicalType + annotation;
    }
}
