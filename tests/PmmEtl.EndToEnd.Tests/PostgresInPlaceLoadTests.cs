using Npgsql;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// On PostgreSQL a declaration load copies straight into <c>fact_declaration</c> inside the load's transaction, possible
/// later copies of an id through a side connection into staging: the <see cref="InPlaceLoadContract"/> every in-place
/// engine keeps, on a real server, plus what is PostgreSQL's own: nothing visible to another session before the commit,
/// staging left empty, fresh planner statistics after the commit and the stated sort memory.
/// </summary>
public sealed class PostgresInPlaceLoadTests(PostgresServer postgres) : InPlaceLoadContract, IDisposable
{
    private string? _database;
    private SqlWarehouse? _opened;

    protected override IWarehouse Warehouse => Opened;

    protected override System.Data.Common.DbConnection Connection => Opened.Connection;

    private SqlWarehouse Opened
    {
        get
        {
            if (_opened is null)
            {
                _database = postgres.NewDatabase();
                _opened = PostgresWarehouse.Open(_database);
                _opened.Migrate();
                _opened.SyncOffices([Office]);
            }

            return _opened;
        }
    }

    public void Dispose() => _opened?.Dispose();

    [Fact]
    public void Postgres_copies_declarations_in_place()
    {
        Assert.True(Opened.Dialect.AppendsJoinTransaction);
    }

    [Fact]
    public void Postgres_leaves_staging_empty_after_settling_later_copies_of_an_id()
    {
        LoadResult result = Load(new ExtractWindow(Jan, Jan.PlusDays(10)), Row("D1", 1, 1), Row("D2", 2, 2), Row("D1", 3, 5));

        Assert.Equal((2, 1), (result.Loaded, result.Quarantined));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM stg_declaration"));
    }

    [Fact]
    public void Postgres_statistics_are_fresh_after_a_load_and_the_sessions_sort_memory_is_stated()
    {
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 2), Row("D3", 3, 3));

        // A table never analyzed has reltuples -1 (PostgreSQL 14+); ANALYZE after the commit counts the 3 rows.
        Assert.Equal(3L, Scalar("SELECT reltuples FROM pg_class WHERE relname = 'fact_declaration'"));
        Assert.Equal(PostgresWarehouse.WorkMem, Strings("SHOW work_mem").Single());
    }

    [Fact]
    public void Postgres_statistics_are_refreshed_when_a_load_adds_a_tenth_of_the_table_not_for_a_nights_few_rows()
    {
        // A first load, never analyzed before, so analyzed: 40 rows, two a day on days 1 to 20.
        Load(ExtractWindow.Everything, [.. Enumerable.Range(1, 20).SelectMany(d => new[] { Row($"A{d:00}", d, d), Row($"B{d:00}", 100 + d, d) })]);
        Assert.Equal(40L, Scalar("SELECT reltuples FROM pg_class WHERE relname = 'fact_declaration'"));

        // A night re-reads day 20 and adds one record on day 21: 3 rows loaded, 30 < 40, so the statistics stand.
        Load(new ExtractWindow(Jan.PlusDays(20), Jan.PlusDays(30)), Row("A20", 1, 20), Row("B20", 2, 20), Row("C21", 3, 21));
        Assert.Equal(41L, Scalar("SELECT count(*) FROM fact_declaration"));
        Assert.Equal(40L, Scalar("SELECT reltuples FROM pg_class WHERE relname = 'fact_declaration'"));

        // A window that adds four: 40 ≥ 40, a tenth of the rows the statistics were taken from, so refreshed.
        Load(new ExtractWindow(Jan.PlusDays(22), Jan.PlusDays(30)), Row("C22", 1, 22), Row("C23", 2, 23), Row("C24", 3, 24), Row("C25", 4, 25));
        Assert.Equal(45L, Scalar("SELECT reltuples FROM pg_class WHERE relname = 'fact_declaration'"));
    }

    /// <summary>Inside the abandoned load, another session still sees the first load whole.</summary>
    protected override void WhileUncommitted()
    {
        using var other = new NpgsqlConnection(_database);
        other.Open();
        Assert.Equal(["D1", "D2", "D3"], Strings(other, "SELECT declaration_id FROM fact_declaration ORDER BY 1"));
    }
}
