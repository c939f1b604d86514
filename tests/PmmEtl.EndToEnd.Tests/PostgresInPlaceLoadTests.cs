using NodaTime;
using Npgsql;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// On PostgreSQL a declaration load copies straight into <c>fact_declaration</c> inside the load's transaction, possible
/// later copies of an id through a side connection into staging. These pin what the staged merge guaranteed: nothing
/// visible before the commit and nothing left after a failed load, the first copy of an id wins and the others are
/// quarantined naming it, re-running a window never duplicates; plus fresh planner statistics after the commit. Every
/// expected count is worked out from the rows written here.
/// </summary>
public sealed class PostgresInPlaceLoadTests(PostgresServer postgres) : IDisposable
{
    private static readonly LocalDate Jan = new(2025, 1, 1);
    private string? _database;
    private SqlWarehouse? _opened;
    private int _runs;

    private SqlWarehouse Warehouse
    {
        get
        {
            if (_opened is null)
            {
                _database = postgres.NewDatabase();
                _opened = PostgresWarehouse.Open(_database);
                _opened.Migrate();
                _opened.SyncOffices([new OfficeDefinition
                {
                    Code = "OFF-A", Name = "A", OfficeType = "BORDER", Country = "US", Zone = DateTimeZoneProviders.Tzdb["UTC"], MainEntry = true, MainExit = true,
                }]);
            }

            return _opened;
        }
    }

    public void Dispose() => _opened?.Dispose();

    [Fact]
    public void Postgres_copies_declarations_in_place()
    {
        Assert.True(Warehouse.Dialect.AppendsJoinTransaction);
    }

    [Fact]
    public void Postgres_shows_nothing_before_the_commit_and_an_abandoned_load_leaves_the_earlier_one_whole()
    {
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        Load(window, Row("D1", 1, 1), Row("D2", 2, 2), Row("D3", 3, 3));

        using (IRecordLoad second = Warehouse.BeginLoad(RecordTypes.Declaration, Run(window)))
        {
            // The window was emptied inside the load's transaction and rows copied (D1 twice: a candidate on the side
            // connection); another session still sees the first load, and then the run fails.
            second.Add(Row("D9", 1, 1));
            second.Add(Row("D1", 2, 1));
            second.Add(Row("D1", 3, 1));
            using var other = new NpgsqlConnection(_database);
            other.Open();
            Assert.Equal(["D1", "D2", "D3"], Strings(other, "SELECT declaration_id FROM fact_declaration ORDER BY 1"));
        }

        Assert.Equal(["D1", "D2", "D3"], Ids());
        Assert.Equal(3L, Scalar("SELECT sum(rows_loaded) FROM etl_partition"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM dq_quarantine"));

        // The next load starts cleanly after the abandoned one (its staged candidate is no obstacle).
        LoadResult third = Load(window, Row("D1", 1, 1), Row("D2", 2, 2));
        Assert.Equal(2, third.Loaded);
        Assert.Equal(["D1", "D2"], Ids());
    }

    [Fact]
    public void Postgres_quarantines_later_copies_of_an_id_and_keeps_the_first()
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
        Assert.Equal(0L, Scalar("SELECT count(*) FROM stg_declaration"));
    }

    [Fact]
    public void Postgres_re_running_a_window_neither_duplicates_nor_loses_rows_outside_it()
    {
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 30), Row("D3", 3, 2));
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        // D2 (31 January) is outside the window; D1 (2 January) and D3 (3 January) are re-read twice.
        Load(window, Row("D1", 1, 1), Row("D3", 2, 2));
        LoadResult again = Load(window, Row("D1", 1, 1), Row("D3", 2, 2));

        Assert.Equal(2, again.Replaced);
        Assert.Equal(2, again.Loaded);
        Assert.Equal(["D1", "D2", "D3"], Ids());
        Assert.Equal([2025], again.YearsTouched);
    }

    [Fact]
    public void Postgres_a_declaration_that_moved_into_the_window_replaces_its_old_row()
    {
        // First load: D1 on 2 January, D2 on 20 January (outside the later window), D3 on 3 January.
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 19), Row("D3", 3, 2));

        // The night re-reads 1–10 January: D2 now dated 5 January (moved in), D1 again, D3 gone from the source.
        LoadResult result = Load(new ExtractWindow(Jan, Jan.PlusDays(10)), Row("D1", 1, 1), Row("D2", 2, 4));

        // Replaced: D1 and D3 (the window's rows before) + D2 (moved) = 3; loaded 2; one row per id.
        Assert.Equal(3, result.Replaced);
        Assert.Equal(2, result.Loaded);
        Assert.Equal(["D1", "D2"], Ids());
        Assert.Equal("2025-01-05", Strings(Warehouse.Connection, "SELECT to_char(business_date, 'YYYY-MM-DD') FROM fact_declaration WHERE declaration_id = 'D2'").Single());
    }

    [Fact]
    public void Postgres_statistics_are_fresh_after_a_load_and_the_sessions_sort_memory_is_stated()
    {
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 2), Row("D3", 3, 3));

        // A table never analyzed has reltuples -1 (PostgreSQL 14+); ANALYZE after the commit counts the 3 rows.
        Assert.Equal(3L, Scalar("SELECT reltuples FROM pg_class WHERE relname = 'fact_declaration'"));
        Assert.Equal(PostgresWarehouse.WorkMem, Strings(Warehouse.Connection, "SHOW work_mem").Single());
    }

    private LoadResult Load(ExtractWindow window, params RecordRow[] rows)
    {
        using IRecordLoad load = Warehouse.BeginLoad(RecordTypes.Declaration, Run(window));
        foreach (RecordRow row in rows)
        {
            load.Add(row);
        }

        return load.Commit();
    }

    private RunContext Run(ExtractWindow window)
    {
        _runs++;
        return new RunContext($"20260101T0000{_runs:00}Z-test", "inplace", Instant.FromUtc(2026, 1, 1, 0, _runs), window);
    }

    private List<string> Ids() => Strings(Warehouse.Connection, "SELECT declaration_id FROM fact_declaration ORDER BY 1");

    private long Scalar(string sql)
    {
        using System.Data.Common.DbCommand command = Warehouse.Connection.CreateCommand();
        command.CommandText = $"SELECT CAST(({sql}) AS BIGINT)";
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> Strings(System.Data.Common.DbConnection connection, string sql)
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

    /// <summary>An import lodged on 1 January + <paramref name="day"/> days at noon UTC.</summary>
    private static RecordRow Row(string id, long sourceRow, int day)
    {
        LocalDate date = Jan.PlusDays(day);
        Instant lodged = date.At(new LocalTime(12, 0)).InUtc().ToInstant();
        return DeclarationRows.Import(id, sourceRow, "OFF-A", date, lodged, lodged.Plus(Duration.FromMinutes(30)));
    }
}
