using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Testing;
using PmmEtl.Warehouse.Records;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// DuckDB's load appends straight into <c>fact_declaration</c> inside a transaction opened before the window is
/// emptied. These tests pin what that must keep from the staged merge: nothing visible or lost before the commit, the
/// first copy of an id wins, a declaration that moved into the window replaces its old row, bookkeeping follows.
/// Every expected count is worked out from the rows written here.
/// </summary>
public sealed class InPlaceLoadTests : IDisposable
{
    private static readonly LocalDate Jan = new(2025, 1, 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("pmmetl-inplace-").FullName;
    private readonly SqlWarehouse _warehouse;
    private int _runs;

    public InPlaceLoadTests()
    {
        _warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        _warehouse.Migrate();
        _warehouse.SyncOffices([new OfficeDefinition
        {
            Code = "OFF-A", Name = "A", OfficeType = "BORDER", Country = "US", Zone = DateTimeZoneProviders.Tzdb["UTC"], MainEntry = true, MainExit = true,
        }]);
    }

    public void Dispose()
    {
        _warehouse.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_dialect_appends_in_place()
    {
        Assert.True(_warehouse.Dialect.AppendsJoinTransaction);
    }

    [Fact]
    public void A_load_abandoned_before_its_commit_leaves_the_earlier_load_whole()
    {
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        Load(window, Row("D1", 1, 1), Row("D2", 2, 2), Row("D3", 3, 3));

        using (IRecordLoad second = _warehouse.BeginLoad(RecordTypes.Declaration, Run(window)))
        {
            // The window was emptied inside the load's transaction and one row appended; then the run failed.
            second.Add(Row("D9", 1, 1));
        }

        Assert.Equal(["D1", "D2", "D3"], Ids());
        Assert.Equal(3L, Scalar("SELECT sum(rows_loaded) FROM etl_partition"));
    }

    [Fact]
    public void Later_copies_of_an_id_go_to_quarantine_and_the_first_stays()
    {
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        // Rows 1–4: D1, D2, D1 again (row 3) and D1 a third time (row 4): two copies refused, D1 of row 1 kept.
        LoadResult result = Load(window, Row("D1", 1, 1), Row("D2", 2, 2), Row("D1", 3, 5), Row("D1", 4, 6));

        Assert.Equal(2, result.Loaded);
        Assert.Equal(2, result.Quarantined);
        Assert.Equal(["D1", "D2"], Ids());
        Assert.Equal(1L, Scalar("SELECT source_row FROM fact_declaration WHERE declaration_id = 'D1'"));
        Assert.Equal(2L, Scalar("SELECT count(*) FROM dq_quarantine WHERE field = 'declaration_id' AND reason LIKE 'duplicate declaration key (declaration_id): the row 1 %'"));
        // Partitions count the loaded rows only: 2 January holds D1, 3 January D2.
        Assert.Equal(2L, Scalar("SELECT sum(rows_loaded) FROM etl_partition"));
    }

    [Fact]
    public void A_declaration_that_moved_into_the_window_replaces_its_old_row()
    {
        // First load: D1 on 2 January, D2 on 20 January (outside the later window), D3 on 3 January.
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 19), Row("D3", 3, 2));

        // The night re-reads 1–10 January: D2 now dated 5 January (moved in), D1 again, D3 gone from the source.
        LoadResult result = Load(new ExtractWindow(Jan, Jan.PlusDays(10)), Row("D1", 1, 1), Row("D2", 2, 4));

        // Replaced: D1 and D3 (the window's rows before) + D2 (moved) = 3; loaded 2.
        Assert.Equal(3, result.Replaced);
        Assert.Equal(2, result.Loaded);
        Assert.Equal(["D1", "D2"], Ids());
        Assert.Equal(new DateOnly(2025, 1, 5), _warehouse.Connection.Query("SELECT business_date FROM fact_declaration WHERE declaration_id = 'D2'"));
        // The partitions this run loaded (2 and 5 January, one row each) are its own; the others keep what the run
        // that loaded them saw, as with the staged merge.
        Assert.Equal(2L, Scalar($"SELECT count(*) FROM etl_partition WHERE run_id = '{LastRunId}' AND rows_loaded = 1"));
    }

    [Fact]
    public void Re_running_a_window_neither_duplicates_nor_loses_rows_outside_it()
    {
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 30), Row("D3", 3, 2));
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        Load(window, Row("D1", 1, 1), Row("D3", 2, 2));
        LoadResult again = Load(window, Row("D1", 1, 1), Row("D3", 2, 2));

        Assert.Equal(2, again.Replaced);
        Assert.Equal(["D1", "D2", "D3"], Ids());
        Assert.Equal([2025], again.YearsTouched);
    }

    [Fact]
    public void Candidates_are_settled_exactly_whatever_the_filter_said()
    {
        // The run's fact holds D1 (row 1) and D2 (row 2). Candidates: D1 row 5 (a later copy of a fact row), D3 rows 3
        // and 7 and D4 row 4 (ids the filter wrongly called seen: the first of each must still be loaded).
        const string run = "R1";
        Insert("fact_declaration", run, ("D1", 1), ("D2", 2));
        Insert("stg_declaration", run, ("D1", 5), ("D3", 3), ("D3", 7), ("D4", 4));
        var merge = new InPlaceMergeSql(_warehouse.Dialect, RecordTypes.Declaration, ExtractWindow.Everything);
        var sql = new SqlCommands(_warehouse.Connection, _warehouse.Dialect);
        (string, object?)[] p = [("pipeline", "inplace"), ("run", run), ("now", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))];

        Assert.Equal(2, sql.Execute(merge.QuarantineCandidates, p));
        Assert.Equal(2, sql.Execute(merge.InsertFirstCandidates, p));

        // Refused: D1 row 5 (row 1 kept) and D3 row 7 (row 3 kept); loaded: D3 row 3 and D4 row 4.
        Assert.Equal(["D1 5 duplicate declaration key (declaration_id): the row 1 of this source was kept", "D3 7 duplicate declaration key (declaration_id): the row 3 of this source was kept"],
            _warehouse.Connection.Strings("SELECT source_key || ' ' || source_row || ' ' || reason FROM stg_quarantine ORDER BY 1"));
        Assert.Equal(["D1 1", "D2 2", "D3 3", "D4 4"],
            _warehouse.Connection.Strings("SELECT declaration_id || ' ' || source_row FROM fact_declaration ORDER BY 1"));
    }

    private void Insert(string table, string run, params (string Id, int Row)[] rows)
    {
        foreach ((string id, int row) in rows)
        {
            _warehouse.Connection.Query($"""
                INSERT INTO {table} (declaration_id, declaration_type, direction, office_code, business_date, date_key, mode_of_transport,
                    control_channel, is_aeo, is_pre_arrival, is_ecommerce, is_low_risk, submission_channel, is_electronic,
                    is_immediate_release, lodged_utc, source_name, source_row, run_id)
                VALUES ('{id}', 'IMPORT', 'IMPORT', 'OFF-A', DATE '2025-01-02', 20250102, 'SEA', 'GREEN', false, false, false, true,
                    'EDI', true, false, TIMESTAMP '2025-01-02 12:00:00', 'test.csv', {row}, '{run}')
                """);
        }
    }

    private LoadResult Load(ExtractWindow window, params RecordRow[] rows)
    {
        using IRecordLoad load = _warehouse.BeginLoad(RecordTypes.Declaration, Run(window));
        foreach (RecordRow row in rows)
        {
            load.Add(row);
        }

        return load.Commit();
    }

    private string LastRunId => $"20260101T0000{_runs:00}Z-test";

    private RunContext Run(ExtractWindow window)
    {
        _runs++;
        return new RunContext(LastRunId, "inplace", Instant.FromUtc(2026, 1, 1, 0, _runs), window);
    }

    private List<string> Ids() => _warehouse.Connection.Strings("SELECT declaration_id FROM fact_declaration ORDER BY 1");

    private long Scalar(string sql) => (long)_warehouse.Connection.Query($"SELECT CAST(({sql}) AS BIGINT)")!;

    /// <summary>An import lodged on 1 January + <paramref name="day"/> days at noon UTC.</summary>
    private static RecordRow Row(string id, long sourceRow, int day)
    {
        LocalDate date = Jan.PlusDays(day);
        Instant lodged = date.At(new LocalTime(12, 0)).InUtc().ToInstant();
        return DeclarationRows.Import(id, sourceRow, "OFF-A", date, lodged, lodged.Plus(Duration.FromMinutes(30)));
    }
}

internal static class ConnectionQueries
{
    public static object? Query(this System.Data.Common.DbConnection connection, string sql)
    {
        using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static List<string> Strings(this System.Data.Common.DbConnection connection, string sql)
    {
        using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using System.Data.Common.DbDataReader reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
