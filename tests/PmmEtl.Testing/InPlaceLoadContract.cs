using System.Data.Common;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using Xunit;

namespace PmmEtl.Testing;

/// <summary>
/// What a declaration load that writes straight into <c>fact_declaration</c> inside its own transaction must keep from
/// the staged merge, on every engine that loads in place (DuckDB's appender, PostgreSQL's COPY): nothing lost when a
/// load is abandoned, the first copy of an id wins and the others are quarantined naming it, re-running a window never
/// duplicates, a declaration that moved into the window replaces its old row. One engine's test class derives from
/// this and adds what is its own. Every expected count is worked out from the rows written here.
/// </summary>
public abstract class InPlaceLoadContract
{
    protected static readonly LocalDate Jan = new(2025, 1, 1);

    private int _runs;

    /// <summary>A migrated warehouse of the engine, with office OFF-A (UTC) in its reference.</summary>
    protected abstract IWarehouse Warehouse { get; }

    /// <summary>The warehouse's own connection, for reading back what the load left.</summary>
    protected abstract DbConnection Connection { get; }

    protected string LastRunId => $"20260101T0000{_runs:00}Z-test";

    [Fact]
    public void A_load_abandoned_before_its_commit_leaves_the_earlier_load_whole()
    {
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        Load(window, Row("D1", 1, 1), Row("D2", 2, 2), Row("D3", 3, 3));

        using (IRecordLoad second = Warehouse.BeginLoad(RecordTypes.Declaration, Run(window)))
        {
            // The window was emptied inside the load's transaction and rows written (D1 three times: later copies are
            // candidates); then the run failed.
            second.Add(Row("D9", 1, 1));
            second.Add(Row("D1", 2, 1));
            second.Add(Row("D1", 3, 1));
            WhileUncommitted();
        }

        Assert.Equal(["D1", "D2", "D3"], Ids());
        Assert.Equal(3L, Scalar("SELECT sum(rows_loaded) FROM etl_partition"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM dq_quarantine"));

        // The next load starts cleanly after the abandoned one (a candidate it staged is no obstacle).
        LoadResult third = Load(window, Row("D1", 1, 1), Row("D2", 2, 2));
        Assert.Equal(2, third.Loaded);
        Assert.Equal(["D1", "D2"], Ids());
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
    public void Re_running_a_window_neither_duplicates_nor_loses_rows_outside_it()
    {
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 30), Row("D3", 3, 2));
        var window = new ExtractWindow(Jan, Jan.PlusDays(10));
        // D2 (31 January) is outside the window; D1 (2 January) and D3 (3 January) are re-read twice.
        Load(window, Row("D1", 1, 1), Row("D3", 2, 2));
        LoadResult again = Load(window, Row("D1", 1, 1), Row("D3", 2, 2));

        Assert.Equal(2, again.Replaced);
        Assert.Equal(0, again.Moved);
        Assert.Equal(2, again.Loaded);
        Assert.Equal(["D1", "D2", "D3"], Ids());
        Assert.Equal([2025], again.YearsTouched);
    }

    [Fact]
    public void A_declaration_that_moved_into_the_window_replaces_its_old_row()
    {
        // First load: D1 on 2 January, D2 on 20 January (outside the later window), D3 on 3 January.
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 19), Row("D3", 3, 2));

        // The night re-reads 1–10 January: D2 now dated 5 January (moved in), D1 again, D3 gone from the source.
        LoadResult result = Load(new ExtractWindow(Jan, Jan.PlusDays(10)), Row("D1", 1, 1), Row("D2", 2, 4));

        // Replaced: D1 and D3 (the window's rows before) + D2 (moved) = 3; loaded 2; one row per id.
        Assert.Equal(3, result.Replaced);
        Assert.Equal(1, result.Moved); // D2 alone
        Assert.Equal(2, result.Loaded);
        Assert.Equal(["D1", "D2"], Ids());
        Assert.Equal(["2025-01-05"], Strings("SELECT CAST(business_date AS VARCHAR(10)) FROM fact_declaration WHERE declaration_id = 'D2'"));
        // The partitions this run loaded (2 and 5 January, one row each) are its own; the others keep what the run
        // that loaded them saw, as with the staged merge.
        Assert.Equal(2L, Scalar($"SELECT count(*) FROM etl_partition WHERE run_id = '{LastRunId}' AND rows_loaded = 1"));
    }

    [Fact]
    public void A_copy_read_after_one_dated_outside_the_window_is_a_duplicate_as_in_a_full_run_not_a_move()
    {
        // The source (a file, read whole by every run): D1 on 9 January (row 1), D1 again on 11 January (row 2, a
        // later copy across the window's edge), D2 on 12 January (row 3), D3 on 13 January (row 4) and D3 again on
        // 8 January (row 5: read after the copy inside the window). A full run keeps the first copy of each id.
        RecordRow[] source = [Row("D1", 1, 8), Row("D1", 2, 10), Row("D2", 3, 11), Row("D3", 4, 12), Row("D3", 5, 7)];
        LoadResult full = Load(ExtractWindow.Everything, source);
        Assert.Equal(3, full.Loaded);
        List<string> fullRows = Rows();
        List<string> fullQuarantine = Quarantine();
        Assert.Equal(["2 duplicate declaration key (declaration_id): the row 1 of this source was kept",
            "5 duplicate declaration key (declaration_id): the row 4 of this source was kept"], fullQuarantine);
        // Worked out from the source: D1 row 1 on the 9th, D2 row 3 on the 12th, D3 row 4 on the 13th.
        Assert.Equal(["D1 1 2025-01-09", "D2 3 2025-01-12", "D3 4 2025-01-13"], fullRows);

        // The night from 10 January: rows 1 and 5 are outside its window and handed over as such, in the source's order.
        LoadResult result = WindowedLoad.Run(Warehouse, RecordTypes.Declaration, Run(new ExtractWindow(Jan.PlusDays(9), Jan.PlusDays(20))), source);

        // Row 2 is a later copy of D1, whose row 1 the table keeps outside the window: refused naming it, as the full
        // run did, and nothing moved. D2 and D3 (rows 3 and 4) replace themselves: 2 replaced, 2 loaded.
        Assert.Equal(0, result.Moved);
        Assert.Equal(2, result.Replaced);
        Assert.Equal(2, result.Loaded);
        Assert.Equal(1, result.Quarantined);
        Assert.Equal(fullRows, Rows());
        Assert.Equal(["2 duplicate declaration key (declaration_id): the row 1 of this source was kept"],
            Strings($"SELECT CONCAT(CAST(source_row AS VARCHAR(10)), ' ', reason) FROM dq_quarantine WHERE run_id = '{LastRunId}'"));
        // Row 5, dated outside the window, is neither read nor refused by the night: the full run's entry stays.
        Assert.Equal(fullQuarantine, Quarantine());
    }

    [Fact]
    public void A_record_that_moved_forward_into_the_window_replaces_its_row_where_the_source_shows_the_day_it_left()
    {
        Load(ExtractWindow.Everything, Row("D1", 1, 1), Row("D2", 2, 3), Row("D3", 3, 12));

        // The source, read whole, now dates D2 on 15 January (inside the window from 10 January) and holds no other
        // copy: it gave records on 2 and 6 January, so it speaks for 4 January, the day D2 left.
        LoadResult result = WindowedLoad.Run(Warehouse, RecordTypes.Declaration, Run(new ExtractWindow(Jan.PlusDays(9), Jan.PlusDays(20))),
            [Row("D1", 1, 1), Row("D2", 2, 14), Row("D3", 3, 12), Row("D4", 4, 5)]);

        Assert.Equal(1, result.Moved);
        Assert.Equal(0, result.Quarantined);
        Assert.Equal(["D1 1 2025-01-02", "D2 2 2025-01-15", "D3 3 2025-01-13"], Rows());
    }

    [Fact]
    public void An_export_of_the_window_alone_does_not_move_a_key_the_table_holds_on_an_earlier_day()
    {
        // The year's export holds D1 on 9 January and again on 11 January (a later copy), D2 on 12 January.
        LoadResult full = Load(ExtractWindow.Everything, Row("D1", 1, 8, "year.csv"), Row("D1", 2, 10, "year.csv"), Row("D2", 3, 11, "year.csv"));
        Assert.Equal(2, full.Loaded);

        // The night's export holds the window's days only: D1 of 11 January and D2. It says nothing of 9 January, so
        // the table's D1 stands for it, and a full run keeps that earlier copy.
        LoadResult night = Load(new ExtractWindow(Jan.PlusDays(9), Jan.PlusDays(20)), Row("D1", 1, 10, "increment.csv"), Row("D2", 2, 11, "increment.csv"));

        Assert.Equal(0, night.Moved);
        Assert.Equal(1, night.Loaded);
        Assert.Equal(1, night.Quarantined);
        Assert.Equal(["D1 1 2025-01-09", "D2 2 2025-01-12"], Rows());
        Assert.Equal(["1 duplicate declaration key (declaration_id): the row 1 of year.csv was kept"],
            Strings($"SELECT CONCAT(CAST(source_row AS VARCHAR(10)), ' ', reason) FROM dq_quarantine WHERE run_id = '{LastRunId}'"));
        // Only D2 is the night's own row; its partition of 12 January counts it, the 11th counts none.
        Assert.Equal(1L, Scalar($"SELECT count(*) FROM fact_declaration WHERE run_id = '{LastRunId}'"));
    }

    /// <summary>Called inside an abandoned load, after its rows were written: an engine checks what other sessions see.</summary>
    protected virtual void WhileUncommitted()
    {
    }

    protected LoadResult Load(ExtractWindow window, params RecordRow[] rows)
    {
        using IRecordLoad load = Warehouse.BeginLoad(RecordTypes.Declaration, Run(window));
        foreach (RecordRow row in rows)
        {
            load.Add(row);
        }

        return load.Commit();
    }

    protected RunContext Run(ExtractWindow window)
    {
        _runs++;
        return new RunContext(LastRunId, "inplace", Instant.FromUtc(2026, 1, 1, 0, _runs), window);
    }

    /// <summary>Each quarantine entry as "source_row reason", by row.</summary>
    protected List<string> Quarantine() => Strings(
        "SELECT CONCAT(CAST(source_row AS VARCHAR(10)), ' ', reason) FROM dq_quarantine ORDER BY source_row");

    /// <summary>Each row of the fact as "id source_row business date", by id.</summary>
    protected List<string> Rows() => Strings(
        "SELECT CONCAT(declaration_id, ' ', CAST(source_row AS VARCHAR(10)), ' ', CAST(business_date AS VARCHAR(10))) FROM fact_declaration ORDER BY declaration_id");

    protected List<string> Ids() => Strings("SELECT declaration_id FROM fact_declaration ORDER BY 1");

    protected long Scalar(string sql)
    {
        using DbCommand command = Connection.CreateCommand();
        command.CommandText = $"SELECT CAST(({sql}) AS BIGINT)";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected List<string> Strings(string sql) => Strings(Connection, sql);

    protected static List<string> Strings(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Office OFF-A, in UTC: the one office the rows name.</summary>
    protected static OfficeDefinition Office { get; } = new()
    {
        Code = "OFF-A", Name = "A", OfficeType = "BORDER", Country = "US", Zone = DateTimeZoneProviders.Tzdb["UTC"], MainEntry = true, MainExit = true,
    };

    /// <summary>An import lodged on 1 January + <paramref name="day"/> days at noon UTC, from the file <paramref name="source"/>.</summary>
    protected static RecordRow Row(string id, long sourceRow, int day, string source = "test.csv")
    {
        LocalDate date = Jan.PlusDays(day);
        Instant lodged = date.At(new LocalTime(12, 0)).InUtc().ToInstant();
        return DeclarationRows.Import(id, sourceRow, "OFF-A", date, lodged, lodged.Plus(Duration.FromMinutes(30)), source);
    }
}
