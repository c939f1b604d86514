using System.Data.Common;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Benchmarks;

/// <summary>
/// The DuckDB bulk path of a load: 200,000 rows of <c>fact_declaration</c>'s shape (<see cref="FactColumns.Declaration"/>)
/// into an empty in-memory table, Complete (DuckDB's own insert into the table) included. <c>PerValue</c> is DuckDB.NET's
/// row appender, one <c>AppendValue</c> per value, as the load used it until the chunk appender; <c>Chunk</c> is the
/// dialect's appender, values written straight into the chunk's vectors. Results are per row.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12, invocationCount: 1)]
public class DuckDbAppenderBenchmarks
{
    private const int Rows = 200_000;
    private static readonly string[] Offices = ["USNYC1", "USJFK1", "USLRD1", "USCHI2", "USDEN3", "USLAX4", "USHNL5"];

    private readonly DuckDbDialect _dialect = new();
    private readonly IReadOnlyList<ColumnType> _types = FactColumns.Declaration.Types();
    private DuckDBConnection _connection = null!;
    private Row[] _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _rows = new Row[Rows];
        for (int n = 0; n < Rows; n++)
        {
            DateTime lodged = start.AddMinutes(n * 2.5);
            bool inspected = n % 5 == 0;
            _rows[n] = new Row(
                $"25{Offices[n % Offices.Length]}IM{n:D7}", n % 3 == 0 ? "EXPORT" : "IMPORT", n % 3 == 0 ? "EXPORT" : "IMPORT",
                Offices[n % Offices.Length], DateOnly.FromDateTime(lodged), n % 4 == 0 ? "AIR" : "SEA",
                inspected ? "RED" : "GREEN", n % 10 == 0 ? null : $"TR{n % 5000:D5}", n % 2 == 0, n % 3 == 0, n % 7 == 0, n % 4 != 0,
                n % 6 == 0 ? "PORTAL" : "EDI", n % 9 == 0,
                lodged.AddHours(-3), lodged, n % 8 == 0 ? lodged.AddHours(1) : null, inspected ? lodged.AddHours(2) : null,
                inspected ? lodged.AddHours(3) : null, lodged.AddHours(4), lodged.AddHours(5), n % 11 == 0 ? null : lodged.AddHours(6),
                n * 0.25, $"bench-{n / 100_000}.csv", n + 2);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    [IterationSetup]
    public void EmptyTable()
    {
        using DbCommand command = _connection.CreateCommand();
        command.CommandText = $"CREATE OR REPLACE TABLE stg_declaration ({string.Join(", ", FactColumns.Declaration.Select(c => $"{c.Name} {Sql(c.Type)}"))})";
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public void PerValue()
    {
        using DuckDBAppender appender = _connection.CreateAppender("stg_declaration");
        foreach (Row r in _rows)
        {
            IDuckDBAppenderRow row = appender.CreateRow()
                .AppendValue(r.Id).AppendValue(r.Type).AppendValue(r.Direction).AppendValue(r.Office).AppendValue((DateOnly?)r.Date)
                .AppendValue((int?)((r.Date.Year * 10000) + (r.Date.Month * 100) + r.Date.Day))
                .AppendValue(r.Mode).AppendValue(r.Channel).AppendValue(r.Trader)
                .AppendValue((bool?)r.Aeo).AppendValue((bool?)r.PreArrival).AppendValue((bool?)r.Ecommerce).AppendValue((bool?)r.LowRisk)
                .AppendValue(r.Submission).AppendValue((bool?)true).AppendValue((bool?)r.Immediate)
                .AppendValue((DateTime?)r.Arrival).AppendValue((DateTime?)r.Lodged).AppendValue(r.Oga).AppendValue(r.InspectionStart)
                .AppendValue(r.InspectionEnd).AppendValue((DateTime?)r.Cleared).AppendValue((DateTime?)r.Released).AppendValue(r.Loaded);
            for (int m = 0; m < 13; m++)
            {
                row = row.AppendValue(m % 4 == 3 ? null : (double?)(r.Minutes + m));
            }

            row.AppendValue(r.Source).AppendValue((long?)r.SourceRow).AppendValue("run-1").EndRow();
        }

        appender.Close();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Chunk()
    {
        using IRowAppender appender = _dialect.OpenAppender(_connection, null, "stg_declaration", _types);
        foreach (Row r in _rows)
        {
            IRowAppender row = appender
                .Text(r.Id).Text(r.Type).Text(r.Direction).Text(r.Office).Date(r.Date)
                .Int((r.Date.Year * 10000) + (r.Date.Month * 100) + r.Date.Day)
                .Text(r.Mode).Text(r.Channel).Text(r.Trader)
                .Bool(r.Aeo).Bool(r.PreArrival).Bool(r.Ecommerce).Bool(r.LowRisk).Text(r.Submission).Bool(true).Bool(r.Immediate)
                .Timestamp(r.Arrival).Timestamp(r.Lodged).Timestamp(r.Oga).Timestamp(r.InspectionStart)
                .Timestamp(r.InspectionEnd).Timestamp(r.Cleared).Timestamp(r.Released).Timestamp(r.Loaded);
            for (int m = 0; m < 13; m++)
            {
                row = row.Double(m % 4 == 3 ? null : r.Minutes + m);
            }

            row.Text(r.Source).Long(r.SourceRow).Text("run-1").EndRow();
        }

        appender.Complete();
    }

    private static string Sql(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Int => "INTEGER",
        ColumnType.Long => "BIGINT",
        ColumnType.Short => "SMALLINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.Date => "DATE",
        _ => "TIMESTAMP",
    };

    private sealed record Row(
        string Id, string Type, string Direction, string Office, DateOnly Date, string Mode, string Channel, string? Trader,
        bool Aeo, bool PreArrival, bool Ecommerce, bool LowRisk, string Submission, bool Immediate,
        DateTime Arrival, DateTime Lodged, DateTime? Oga, DateTime? InspectionStart, DateTime? InspectionEnd,
        DateTime Cleared, DateTime Released, DateTime? Loaded, double Minutes, string Source, long SourceRow);
}
