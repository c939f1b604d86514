using Microsoft.Data.Sqlite;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Wco;
using PmmEtl.Normalise;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Extract.Tests.Registers;

/// <summary>A SQLite source with two registers: a dated one read by window, an undated one read whole.</summary>
public sealed class SqlRecordSourceTests : IDisposable
{
    private const string Inspections = """
        SELECT insp_no AS inspection_id, insp_day AS inspection_date, office AS office_code, obj AS object_type, kind AS inspection_type,
               who AS performed_by, why AS selection_source, started AS started_at, ended AS ended_at, hit AS irregularity_found, 'ignored' AS remark
        FROM inspections WHERE insp_day >= @from AND insp_day < @to ORDER BY insp_no
        """;

    // The undated register's query names the window too: it must get the open window, so every row comes.
    private const string StaffQuery = """
        SELECT id AS staff_id, sex AS gender, grade, started AS employment_start, ended AS employment_end, frontline AS frontline_inspection
        FROM staff WHERE started >= @from AND started < @to ORDER BY id
        """;

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public SqlRecordSourceTests()
    {
        _file = _folder.File("customs.db");
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        connection.Open();
        using SqliteCommand create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE inspections (insp_no TEXT, insp_day TEXT, office TEXT, obj TEXT, kind TEXT, who TEXT, why TEXT, started TEXT, ended TEXT, hit INTEGER);
            INSERT INTO inspections VALUES
              ('I1', '2025-02-28', 'NYC', 'GOODS', 'PHYSICAL', 'CUSTOMS', 'RISK_PROFILE', '2025-02-28 09:00:00', '2025-02-28 10:00:00', 1),
              ('I2', '2025-03-09', 'nyc', 'goods', 'NII', 'JOINT', 'RANDOM', '2025-03-09 01:30:00', '2025-03-09 03:15:00', 0),
              ('I3', '2025-03-31', 'ORD', 'PASSENGER', 'DOCUMENTARY', 'CUSTOMS', 'OFFICER', NULL, NULL, NULL),
              ('I4', '2025-04-01', 'NYC', 'GOODS', 'PHYSICAL', 'CUSTOMS', 'TIP', NULL, NULL, 1);
            CREATE TABLE staff (id TEXT, sex TEXT, grade TEXT, started TEXT, ended TEXT, frontline INTEGER);
            INSERT INTO staff VALUES ('S1', 'FEMALE', 'SENIOR', '2001-05-01', NULL, 0), ('S2', 'MALE', 'OFFICER', '2024-09-01', '2025-06-30', 1);
            """;
        create.ExecuteNonQuery();
    }

    public void Dispose() => _folder.Dispose();

    private SourceDefinition Source(Dictionary<string, string> queries) =>
        new() { Kind = "sqlite", ConnectionString = $"Data Source={_file};Pooling=False", Queries = queries, FilePath = _file };

    private SourceDefinition BothRegisters() => Source(new() { ["declaration"] = "SELECT 1", ["staff"] = StaffQuery, ["inspection"] = Inspections });

    private static readonly ExtractWindow March = new(new LocalDate(2025, 3, 1), new LocalDate(2025, 4, 1));

    [Fact]
    public void The_registers_with_a_query_are_available_in_load_order()
    {
        IRecordSource source = RecordSources.Create(BothRegisters(), "p");

        Assert.IsType<SqlRecordSource>(source);
        Assert.Equal(["inspection", "staff"], source.Available.Where(t => t.Name != "declaration").Select(r => r.Name));
    }

    [Fact]
    public void A_dated_register_is_read_for_the_window_with_its_columns_as_canonical_text()
    {
        IRecordSource source = RecordSources.Create(BothRegisters(), "p");

        List<RawRecord> rows = source.Read(RegisterList.Inspection, March, CancellationToken.None).ToList();

        // I1 (28 Feb) and I4 (1 Apr, the exclusive end) are outside [2025-03-01, 2025-04-01).
        Assert.Equal(["I2", "I3"], rows.Select(r => r["inspection_id"]));
        RawRecord i2 = rows[0];
        Assert.Equal(("p:source.queries.inspection", 1L, RegisterList.Inspection), (i2.SourceName, i2.RowNumber, i2.Schema));
        Assert.Equal(("nyc", "goods", "2025-03-09 01:30:00", "0"), (i2["office_code"], i2["object_type"], i2["started_at"], i2["irregularity_found"]));
        // An optional field the query does not give is absent (null in every row, and said so by the source).
        Assert.Null(i2["direction"]);
        Assert.Equal(FieldPresence.Absent, source.Describe(RegisterList.Inspection).Presence("direction"));
        Assert.Equal(FieldPresence.Given, source.Describe(RegisterList.Inspection).Presence("started_at"));
        Assert.Null(rows[1]["started_at"]);
        Assert.Equal(2L, rows[1].RowNumber);
    }

    [Fact]
    public void An_undated_register_is_read_whole_whatever_the_window()
    {
        IRecordSource source = RecordSources.Create(BothRegisters(), "p");

        List<RawRecord> rows = source.Read(RegisterList.Staff, March, CancellationToken.None).ToList();

        // Neither employment_start (2001-05-01, 2024-09-01) is in March 2025: the query got the open window.
        Assert.Equal(["S1", "S2"], rows.Select(r => r["staff_id"]));
        Assert.Equal(("2024-09-01", "2025-06-30", "1"), (rows[1]["employment_start"], rows[1]["employment_end"], rows[1]["frontline_inspection"]));
    }

    [Fact]
    public void Read_rows_normalise_in_the_office_zone()
    {
        var normaliser = new RecordNormaliser(Sources.Offices, new LocalTimeResolver(DstPolicy.Default), new Dictionary<string, double> { ["USD"] = 1.0 });
        IRecordSource source = RecordSources.Create(BothRegisters(), "p");

        RecordRow i2 = normaliser.Normalise(source.Read(RegisterList.Inspection, March, CancellationToken.None).First()).Record!;

        // 9 March 2025 in New York: 01:30 EST = 06:30 UTC; 03:15 is after the 02:00 → 03:00 spring change, EDT = 07:15 UTC.
        Assert.Equal(("NYC", "GOODS", false), (i2["office_code"], i2["object_type"], i2["irregularity_found"]));
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 6, 30), i2["started_at"]);
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 7, 15), i2["ended_at"]);
        Assert.Equal(new LocalDate(2025, 3, 9), i2.BusinessDate);
    }

    [Fact]
    public void A_query_without_a_column_that_identifies_a_record_fails_naming_the_query_and_the_column_before_any_row()
    {
        const string sql = "SELECT insp_day AS inspection_date, office AS office_code, obj AS object_type, kind AS inspection_type FROM inspections";
        IRecordSource source = RecordSources.Create(Source(new() { ["declaration"] = "SELECT 1", ["inspection"] = sql }), "p");

        using IEnumerator<RawRecord> rows = source.Read(RegisterList.Inspection, March, CancellationToken.None).GetEnumerator();
        var e = Assert.Throws<SourceConfigurationException>(() => rows.MoveNext());

        Assert.Equal(
            "source.queries.inspection: the query returns no column named inspection_id (alias the source column to the canonical field name, or map it in source.fields.inspection)",
            e.Message);
    }

    [Fact]
    public void A_field_the_query_does_not_return_is_absent_and_the_records_still_load()
    {
        // performed_by and selection_source, refused when empty, are not returned at all: the source does not have them.
        const string sql = "SELECT insp_no AS inspection_id, insp_day AS inspection_date, office AS office_code, obj AS object_type, kind AS inspection_type FROM inspections";
        IRecordSource source = RecordSources.Create(Source(new() { ["declaration"] = "SELECT 1", ["inspection"] = sql }), "p");

        RecordMapping mapping = source.Describe(RegisterList.Inspection);
        Assert.Equal((FieldPresence.Absent, FieldPresence.Absent, FieldPresence.Given),
            (mapping.Presence("performed_by"), mapping.Presence("selection_source"), mapping.Presence("inspection_type")));
        var normaliser = new RecordNormaliser(Sources.Offices, new LocalTimeResolver(DstPolicy.Default), new Dictionary<string, double> { ["USD"] = 1.0 },
            new PmmEtl.Core.Measure.SourceFields("sqlite", new Dictionary<string, RecordMapping> { ["inspection"] = mapping }, t => t));
        List<RecordRow> rows = source.Read(RegisterList.Inspection, March, CancellationToken.None).Select(r => normaliser.Normalise(r).Record!).ToList();
        Assert.Equal(["I1", "I2", "I3", "I4"], rows.Select(r => (string?)r["inspection_id"]));
        Assert.All(rows, r => Assert.Null(r["selection_source"]));
    }

    [Fact]
    public void A_register_without_a_query_is_not_available_and_cannot_be_read()
    {
        IRecordSource source = RecordSources.Create(Source(new() { ["declaration"] = "SELECT 1", ["staff"] = StaffQuery }), "p");

        Assert.Equal(["declaration", "staff"], source.Available.Select(r => r.Name));
        var e = Assert.Throws<InvalidOperationException>(() => source.Read(RegisterList.Seizure, March, CancellationToken.None));
        Assert.Equal("source.queries.seizure: no query for the seizure record type", e.Message);
    }

    [Fact]
    public void A_wco_xml_source_gives_no_registers()
    {
        IRecordSource source = RecordSources.Create(Sources.Wco(new WcoXmlSourceSettings { Path = _folder.Path }), "p");

        Assert.Equal(["declaration"], source.Available.Select(t => t.Name));
        Assert.Equal(["declaration", "declaration_amount", "aeo_authorisation"], RecordSources.QueryNames.Take(3));
        Assert.Equal(RegisterList.Registers.Count + 1, RecordSources.QueryNames.Count);
    }
}
