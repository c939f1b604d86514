using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Relational;
using PmmEtl.Extract.Wco;
using PmmEtl.LocalPostgres;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

public sealed class RelationalSourceTests : IDisposable
{
    private const string Columns = """
        declaration_id, declaration_type, office_code, mode_of_transport, control_channel, aeo, ecommerce, submission_channel,
        arrival_local, lodged_local, released_local
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SourceDefinition Source(string kind, string connection, string sql, string? file = null) =>
        new() { Kind = kind, ConnectionString = connection, Queries = new Dictionary<string, string> { ["declaration"] = sql }, FilePath = file };

    [Theory]
    [InlineData("sqlite", typeof(SqliteConnection))]
    [InlineData("duckdb", typeof(DuckDBConnection))]
    [InlineData("postgres", typeof(NpgsqlConnection))]
    [InlineData("sqlserver", typeof(SqlConnection))]
    public void Each_relational_kind_selects_its_ado_net_provider(string kind, Type connectionType)
    {
        string connection = kind switch
        {
            "postgres" => "Host=127.0.0.1;Database=customs",
            "sqlserver" => "Server=127.0.0.1;Database=customs",
            _ => "Data Source=" + _folder.File("x.db"),
        };
        using DbConnection created = SourceConnectionFactory.Create(Source(kind, connection, "SELECT 1"));

        Assert.IsType(connectionType, created);
        Assert.IsType<SqlRecordSource>(RecordSources.Create(Source(kind, connection, "SELECT 1"), "p"));
    }

    [Fact]
    public void File_kinds_have_their_own_readers_and_an_unknown_kind_is_refused()
    {
        Assert.IsType<CsvRecordSource>(RecordSources.Create(Sources.Csv(CsvExport.Settings(_folder.Path)), "p"));
        Assert.IsType<WcoXmlRecordSource>(RecordSources.Create(Sources.Wco(new WcoXmlSourceSettings { Path = _folder.Path }), "p"));
        Assert.Throws<NotSupportedException>(() => RecordSources.Create(Source("oracle", "", "SELECT 1"), "p"));
        Assert.Equal(["sqlite", "duckdb", "postgres", "sqlserver", "csv", "wco-xml"], RecordSources.Kinds);
    }

    [Fact]
    public void Window_parameters_are_named_the_way_each_provider_binds_them()
    {
        using var sqlite = new SqliteCommand();
        using var sqlServer = new SqlCommand();
        using var npgsql = new NpgsqlCommand();
        using var duck = new DuckDBCommand();

        Assert.Equal("@from", WindowParameters.Create(sqlite, SourceProvider.Sqlite, "from", "2025-01-01").ParameterName);
        Assert.Equal("@from", WindowParameters.Create(sqlServer, SourceProvider.SqlServer, "from", "2025-01-01").ParameterName);
        var pg = (NpgsqlParameter)WindowParameters.Create(npgsql, SourceProvider.Postgres, "to", "2025-02-01");
        Assert.Equal(("to", NpgsqlDbType.Unknown, "2025-02-01"), (pg.ParameterName, pg.NpgsqlDbType, (string)pg.Value!));
        Assert.Equal("from", WindowParameters.Create(duck, SourceProvider.DuckDb, "from", "2025-01-01").ParameterName);
        Assert.Equal(['@', '$', '@', '@'], new[] { SourceProvider.Sqlite, SourceProvider.DuckDb, SourceProvider.Postgres, SourceProvider.SqlServer }.Select(p => p.ParameterMarker));
    }

    [Theory]
    [InlineData("SELECT * FROM d WHERE day >= @from AND day < @to", '@', "from,to")]
    [InlineData("SELECT * FROM d WHERE day >= @FROM", '@', "from")]
    [InlineData("SELECT * FROM d WHERE day >= @fromage OR x = @@to OR y = 'a'", '@', "")]
    [InlineData("SELECT * FROM d WHERE day >= @from::date", '@', "from")]
    [InlineData("SELECT * FROM d WHERE day BETWEEN $from AND $to", '$', "from,to")]
    [InlineData("SELECT * FROM d WHERE day >= @from", '$', "")]
    public void Only_the_window_parameters_a_query_names_are_bound(string sql, char marker, string expected)
    {
        Assert.Equal(expected, string.Join(",", WindowParameters.Referenced(sql, marker)));
    }

    [Fact]
    public void A_query_written_with_another_provider_s_marker_is_named_before_it_runs()
    {
        Assert.Equal("duckdb names parameters $name: write $from and $to, not @from and @to",
            WindowParameters.CheckMarkers("SELECT 1 WHERE d >= @from AND d < @to", SourceProvider.DuckDb));
        Assert.Equal("postgres names parameters @name: write @from, not $from",
            WindowParameters.CheckMarkers("SELECT 1 WHERE d >= $from", SourceProvider.Postgres));
        Assert.Null(WindowParameters.CheckMarkers("SELECT 1 WHERE d >= $from", SourceProvider.DuckDb));
    }

    [Fact]
    public void Values_become_text_local_times_stay_local_and_instants_keep_their_offset()
    {
        Assert.Equal("2025-01-10 08:00:00", DbValueText.Of(new DateTime(2025, 1, 10, 8, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal("2025-01-10 08:00:00.5", DbValueText.Of(new DateTime(2025, 1, 10, 8, 0, 0, 500, DateTimeKind.Unspecified)));
        Assert.Equal("2025-01-10T13:00:00Z", DbValueText.Of(new DateTime(2025, 1, 10, 13, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2025-01-10T08:00:00-05:00", DbValueText.Of(new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.FromHours(-5))));
        Assert.Equal("2025-01-10", DbValueText.Of(new DateOnly(2025, 1, 10)));
        Assert.Equal(("1", "0", "40", null), (DbValueText.Of(true), DbValueText.Of(false), DbValueText.Of(40L), DbValueText.Of(DBNull.Value)));
    }

    [Theory]
    [InlineData("TimestampTz", true)]
    [InlineData("timestamp with time zone", true)]
    [InlineData("datetimeoffset", true)]
    [InlineData("timestamp without time zone", false)]
    [InlineData("Timestamp", false)]
    [InlineData("datetime2", false)]
    [InlineData("TEXT", false)]
    public void Columns_that_hold_instants_are_recognised_by_their_declared_type(string type, bool zoned)
    {
        Assert.Equal(zoned, DbValueText.IsZoned(type));
    }

    [Fact]
    public void A_duckdb_source_is_read_with_dollar_parameters_against_date_and_timestamp_columns()
    {
        string file = _folder.File("customs.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={file}"))
        {
            connection.Open();
            using DuckDBCommand create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE decl (id VARCHAR, registered DATE, arrival TIMESTAMP, released TIMESTAMPTZ);
                INSERT INTO decl VALUES
                  ('D1', DATE '2025-01-09', TIMESTAMP '2025-01-09 23:00:00', TIMESTAMPTZ '2025-01-10 06:30:00+00'),
                  ('D2', DATE '2025-01-10', TIMESTAMP '2025-01-10 08:00:00', TIMESTAMPTZ '2025-01-10 15:30:00+00'),
                  ('D3', DATE '2025-01-11', TIMESTAMP '2025-01-11 08:00:00', NULL);
                """;
            create.ExecuteNonQuery();
        }

        string sql = $"""
            SELECT id AS declaration_id, 'IMPORT' AS declaration_type, 'NYC' AS office_code, 'SEA' AS mode_of_transport, 'GREEN' AS control_channel,
                   0 AS aeo, false AS ecommerce, 'EDI' AS submission_channel, registered AS business_date,
                   arrival AS arrival_local, arrival + INTERVAL 1 HOUR AS lodged_local, released AS released_local
            FROM decl WHERE registered >= $from AND registered < $to ORDER BY id
            """;
        List<TestDeclaration> rows = Sources.Read(Source("duckdb", $"Data Source={file}", sql, file) with { });
        Assert.Equal(3, rows.Count);

        List<TestDeclaration> window = Sources.Declarations(Source("duckdb", $"Data Source={file}", sql, file), "p", new ExtractWindow(new NodaTime.LocalDate(2025, 1, 10), new NodaTime.LocalDate(2025, 1, 11))).ToList();
        TestDeclaration r = Assert.Single(window);
        Assert.Equal(("D2", "2025-01-10", "2025-01-10 08:00:00", "2025-01-10 09:00:00", "0"), (r.DeclarationId, r.BusinessDate, r.ArrivalLocal, r.LodgedLocal, r.Ecommerce));
        Assert.EndsWith("Z", r.ReleasedLocal, StringComparison.Ordinal);
        Assert.Equal("2025-01-10T15:30:00Z", r.ReleasedLocal);
        Assert.Equal(150, Sources.Loaded(r).ArrivalToRelease!.Value.TotalMinutes); // 08:00 EST = 13:00 UTC → 15:30 UTC
    }

    [Fact]
    public void A_postgres_source_is_read_when_a_server_is_given()
    {
        // A server given in PMMETL_TEST_POSTGRES, or a throw-away one started from the installed binaries.
        LocalPostgresServer? given = LocalPostgresServer.FromEnvironment("PMMETL_TEST_POSTGRES");
        LocalPostgresServer? started = null;
        if (given is null && !LocalPostgresServer.TryStart("pmmetl-extract", durable: false, out started, out PostgresUnavailable? why))
        {
            Assert.Skip($"no PostgreSQL server: PMMETL_TEST_POSTGRES is not set and none could be started ({why.Message})");
        }

        using LocalPostgresServer server = (given ?? started)!;
        string connection = server.CreateDatabase("pmmetl_extract_source");
        string table = "pmm_source_" + Guid.NewGuid().ToString("N")[..12];
        using var admin = new NpgsqlConnection(connection);
        admin.Open();
        Execute(admin, $"""
            CREATE TABLE {table} (id text, registered date, registered_text text, arrival timestamp, released timestamptz);
            INSERT INTO {table} VALUES ('P1', '2025-01-10', '2025-01-10', '2025-01-10 08:00', '2025-01-10 15:30+00'),
                                       ('P2', '2025-01-11', '2025-01-11', '2025-01-11 08:00', NULL);
            """);
        try
        {
            // The same @from works against a DATE column and against dates kept as text.
            foreach (string column in new[] { "registered", "registered_text" })
            {
                string sql = $"""
                    SELECT id AS declaration_id, 'IMPORT' AS declaration_type, 'NYC' AS office_code, 'SEA' AS mode_of_transport, 'GREEN' AS control_channel,
                           0 AS aeo, false AS ecommerce, 'EDI' AS submission_channel, arrival AS arrival_local, arrival AS lodged_local, released AS released_local
                    FROM {table} WHERE {column} >= @from AND {column} < @to
                    """;
                TestDeclaration r = Assert.Single(Sources.Declarations(Source("postgres", connection, sql), "p", new ExtractWindow(new NodaTime.LocalDate(2025, 1, 10), new NodaTime.LocalDate(2025, 1, 11))));
                Assert.Equal(("P1", "2025-01-10 08:00:00", "2025-01-10T15:30:00Z", "0"), (r.DeclarationId, r.ArrivalLocal, r.ReleasedLocal, r.Ecommerce));
                Assert.Equal(150, Sources.Loaded(r).ArrivalToRelease!.Value.TotalMinutes);
            }

            // The extract's session is read-only: a query that writes fails.
            var write = Source("postgres", connection, $"INSERT INTO {table} VALUES ('X') RETURNING id AS declaration_id");
            Assert.Throws<PostgresException>(() => Sources.Read(write));
        }
        finally
        {
            Execute(admin, $"DROP TABLE {table}");
        }
    }

    [Fact]
    public void A_sql_server_source_is_read_when_a_server_is_given()
    {
        string? connection = Environment.GetEnvironmentVariable("PMMETL_TEST_SQLSERVER");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Assert.Skip("PMMETL_TEST_SQLSERVER (a connection string) is not set: the real SQL Server source test needs a server");
        }

        string sql = """
            SELECT * FROM (VALUES ('S1', 'IMPORT', 'NYC', 'SEA', 'GREEN', 0, 0, 'EDI', CAST('2025-01-10' AS date),
                                   CAST('2025-01-10T08:00:00' AS datetime2), CAST('2025-01-10T09:00:00' AS datetime2),
                                   CAST('2025-01-10T15:30:00+00:00' AS datetimeoffset)))
              AS d(declaration_id, declaration_type, office_code, mode_of_transport, control_channel, aeo, ecommerce, submission_channel,
                   business_date, arrival_local, lodged_local, released_local)
            WHERE business_date >= @from AND business_date < @to
            """;
        TestDeclaration r = Assert.Single(Sources.Declarations(Source("sqlserver", connection, sql), "p", new ExtractWindow(new NodaTime.LocalDate(2025, 1, 10), new NodaTime.LocalDate(2025, 1, 11))));
        Assert.Equal(("S1", "2025-01-10 08:00:00", "2025-01-10T15:30:00+00:00"), (r.DeclarationId, r.ArrivalLocal, r.ReleasedLocal));
        Assert.Equal(150, Sources.Loaded(r).ArrivalToRelease!.Value.TotalMinutes);
    }

    [Fact]
    public void A_query_missing_a_required_column_fails_before_any_row_naming_the_columns()
    {
        string file = _folder.File("s.sqlite");
        using (var c = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            c.Open();
            using SqliteCommand create = c.CreateCommand();
            create.CommandText = "CREATE TABLE t (id TEXT); INSERT INTO t VALUES ('A')";
            create.ExecuteNonQuery();
        }

        var e = Assert.Throws<SourceConfigurationException>(() => Sources.Read(Source("sqlite", $"Data Source={file};Pooling=False", $"SELECT id AS declaration_id FROM t WHERE id >= @from", file)));
        Assert.Contains("source.queries.declaration: the query returns no column named declaration_type", e.Message, StringComparison.Ordinal);
        Assert.Contains("no column named office_code", e.Message, StringComparison.Ordinal);
        _ = Columns;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
