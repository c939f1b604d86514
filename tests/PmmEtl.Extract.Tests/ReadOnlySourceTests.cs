using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Relational;
using PmmEtl.LocalPostgres;

using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

/// <summary>
/// The extract cannot write, whatever the query: not the source, and no file. Each test hands the source a query that
/// writes the way its engine allows and checks that nothing was written, with the real engine (DuckDB and SQLite
/// in-process, a throw-away PostgreSQL server).
/// </summary>
public sealed class ReadOnlySourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SourceDefinition Source(string kind, string connection, string sql, string? file = null) =>
        new() { Kind = kind, ConnectionString = connection, Queries = new Dictionary<string, string> { ["declaration"] = sql }, FilePath = file };

    private static List<TestDeclaration> Read(SourceDefinition source) => Sources.Read(source);

    private string DuckDbSource()
    {
        string file = _folder.File(Path.Combine("source", "customs.duckdb"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        Execute(connection, "CREATE TABLE decl AS SELECT 'D1' AS id");
        return file;
    }

    [Fact]
    public void A_duckdb_copy_to_writes_no_file_and_fails_naming_the_query()
    {
        string file = DuckDbSource();
        string outside = _folder.File("leak.csv");
        string beside = Path.Combine(Path.GetDirectoryName(file)!, "leak.csv");

        // Outside the source's folder, and beside the database file (a folder the source may read).
        foreach (string target in new[] { outside, beside })
        {
            var e = Assert.Throws<SourceConfigurationException>(() => Read(Source("duckdb", $"Data Source={file}", $"COPY (SELECT id AS declaration_id FROM decl) TO '{target}'", file)));
            Assert.StartsWith("source.queries.declaration: a DuckDB source query must be one SELECT statement", e.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(target), target);
        }

        foreach (string writes in new[] { $"EXPORT DATABASE '{_folder.File("export")}'", $"ATTACH '{_folder.File("new.duckdb")}' AS n", "INSTALL httpfs" })
        {
            Assert.Throws<SourceConfigurationException>(() => Read(Source("duckdb", $"Data Source={file}", writes, file)));
        }

        Assert.False(Directory.Exists(_folder.File("export")));
        Assert.False(File.Exists(_folder.File("new.duckdb")));
    }

    [Fact]
    public void A_duckdb_source_reads_files_in_its_own_folder_only_and_cannot_unlock_its_settings()
    {
        string file = DuckDbSource();
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, "extra.csv"), "id\nD2\n");
        File.WriteAllText(_folder.File("outside.csv"), "id\nD3\n");

        SourceDefinition source = Source("duckdb", $"Data Source={file}", "SELECT 1", file);
        using DbConnection connection = SourceConnectionFactory.Open(source);
        Assert.Equal("D2", Scalar(connection, $"SELECT id FROM read_csv('{Path.Combine(Path.GetDirectoryName(file)!, "extra.csv")}')"));
        var outside = Assert.Throws<DuckDBException>(() => Scalar(connection, $"SELECT id FROM read_csv('{_folder.File("outside.csv")}')"));
        Assert.Contains("file system operations are disabled by configuration", outside.Message, StringComparison.Ordinal);
        Assert.Throws<DuckDBException>(() => Scalar(connection, "SELECT count(*) FROM read_csv('/etc/passwd')"));
        foreach (string unlock in new[] { "SET enable_external_access = true", "SET allowed_directories = ['/']", "SET lock_configuration = false" })
        {
            var e = Assert.Throws<DuckDBException>(() => Execute(connection, unlock));
            Assert.Contains("the configuration has been locked", e.Message, StringComparison.Ordinal);
        }

        // A second source connection shares DuckDB's instance and finds it locked, not unlocked.
        using DbConnection second = SourceConnectionFactory.Open(source);
        Assert.Equal("false", Scalar(second, "SELECT current_setting('enable_external_access')::VARCHAR"));
    }

    [Fact]
    public void A_sqlite_vacuum_into_or_attach_writes_no_file()
    {
        string file = _folder.File("customs.sqlite");
        using (var create = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            create.Open();
            Execute(create, "CREATE TABLE decl (id TEXT); INSERT INTO decl VALUES ('D1')");
        }

        // A read-only SQLite connection still runs VACUUM INTO, which writes a whole copy of the database.
        string copy = _folder.File("copy.sqlite");
        var e = Assert.Throws<SqliteException>(() => Read(Source("sqlite", $"Data Source={file}", $"VACUUM INTO '{copy}'", file)));
        Assert.Contains("authoriz", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(copy));

        using DbConnection connection = SourceConnectionFactory.Open(Source("sqlite", $"Data Source={file}", "SELECT 1", file));
        Assert.Equal("D1", Scalar(connection, "SELECT id FROM decl"));
        foreach (string writes in new[] { $"ATTACH '{_folder.File("a.sqlite")}' AS a", "CREATE TEMP TABLE t AS SELECT 1", "PRAGMA writable_schema = 1", "BEGIN IMMEDIATE" })
        {
            Assert.Throws<SqliteException>(() => Execute(connection, writes));
        }

        Assert.False(File.Exists(_folder.File("a.sqlite")));
    }

    [Fact]
    public void A_query_of_several_statements_is_refused_before_it_reaches_the_source()
    {
        string file = DuckDbSource();
        var e = Assert.Throws<SourceConfigurationException>(() => Read(Source("duckdb", $"Data Source={file}", "SELECT id AS declaration_id FROM decl; DROP TABLE decl", file)));
        Assert.StartsWith("source.queries.declaration: holds 2 statements", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_source_query_cannot_turn_its_session_back_to_read_write()
    {
        LocalPostgresServer? given = LocalPostgresServer.FromEnvironment("PMMETL_TEST_POSTGRES");
        LocalPostgresServer? started = null;
        if (given is null && !LocalPostgresServer.TryStart("pmmetl-readonly", durable: false, out started, out PostgresUnavailable? why))
        {
            Assert.Skip($"no PostgreSQL server: PMMETL_TEST_POSTGRES is not set and none could be started ({why.Message})");
        }

        using LocalPostgresServer server = (given ?? started)!;
        string connection = server.CreateDatabase("pmmetl_readonly_source");
        string table = "ro_" + Guid.NewGuid().ToString("N")[..12];
        using var admin = new NpgsqlConnection(connection);
        admin.Open();
        Execute(admin, $"CREATE TABLE {table} (id text); INSERT INTO {table} VALUES ('P1')");
        try
        {
            string insert = $"INSERT INTO {table} VALUES ('X')";
            // As the pipeline gives them: several statements are refused before they reach the server.
            foreach (string sql in new[]
            {
                $"SET default_transaction_read_only = off; {insert}",
                $"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; {insert}",
                $"COMMIT; SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; COMMIT; {insert} RETURNING id AS declaration_id",
            })
            {
                Assert.Throws<SourceConfigurationException>(() => Read(Source("postgres", connection, sql)));
            }

            // One statement that writes fails in the server (25006: read_only_sql_transaction) ...
            foreach (string sql in new[] { $"{insert} RETURNING id AS declaration_id", $"WITH w AS ({insert} RETURNING id) SELECT id AS declaration_id FROM w" })
            {
                Assert.Equal("25006", Assert.Throws<PostgresException>(() => Read(Source("postgres", connection, sql))).SqlState);
            }

            // ... and so does one that turns its transaction back to read-write (25001: not once the transaction has begun).
            Assert.Throws<PostgresException>(() => Read(Source("postgres", connection, "SELECT set_config('transaction_read_only', 'off', false) AS declaration_id")));

            // A session default changed by one query does not reach the next: each runs in its own READ ONLY transaction.
            Assert.Throws<SourceConfigurationException>(() => Read(Source("postgres", connection, "SELECT set_config('default_transaction_read_only', 'off', false) AS declaration_id")));
            Assert.Equal(25006.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Assert.Throws<PostgresException>(() => Read(Source("postgres", connection, $"{insert} RETURNING id AS declaration_id"))).SqlState);

            // Below the one-statement rule: on the extract's connection, the same batches sent as they are still write nothing.
            SourceDefinition source = Source("postgres", connection, "SELECT 1");
            foreach (string batch in new[] { $"SET default_transaction_read_only = off; {insert}", $"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; {insert}" })
            {
                using DbConnection extract = SourceConnectionFactory.Open(source);
                using DbTransaction transaction = SourceLockdown.PostgresReadOnlyTransaction(extract);
                using DbCommand command = extract.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = batch;
                Assert.Equal("25006", Assert.Throws<PostgresException>(() => command.ExecuteNonQuery()).SqlState);
            }

            // Outside any transaction of ours, the session itself starts read-only.
            using (DbConnection bare = SourceConnectionFactory.Open(source))
            {
                Assert.Equal("on", Scalar(bare, "SHOW default_transaction_read_only"));
                Assert.Equal("25006", Assert.Throws<PostgresException>(() => Execute(bare, insert)).SqlState);
            }

            Assert.Equal(1L, Convert.ToInt64(Scalar(admin, $"SELECT count(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Execute(admin, $"DROP TABLE {table}");
        }
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
