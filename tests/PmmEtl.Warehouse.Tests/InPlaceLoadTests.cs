using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Tests;

/// <summary>
/// DuckDB's load appends straight into <c>fact_declaration</c> inside a transaction opened before the window is
/// emptied: the <see cref="InPlaceLoadContract"/> every in-place engine keeps, and DuckDB's own settling of the
/// candidates its seen-ids filter sent to staging.
/// </summary>
public sealed class InPlaceLoadTests : InPlaceLoadContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pmmetl-inplace-").FullName;
    private readonly SqlWarehouse _warehouse;

    public InPlaceLoadTests()
    {
        _warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        _warehouse.Migrate();
        _warehouse.SyncOffices([Office]);
    }

    protected override IWarehouse Warehouse => _warehouse;

    protected override System.Data.Common.DbConnection Connection => _warehouse.Connection;

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
