using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using PmmEtl.Extract.Files;
using SQLitePCL;

namespace PmmEtl.Extract.Relational;

/// <summary>
/// What makes each engine refuse to write for the extract, beyond opening the file read-only: a read-only file does not
/// stop DuckDB's <c>COPY … TO</c> or SQLite's <c>VACUUM INTO</c>, which write other files, and a PostgreSQL session's
/// own settings can be changed back by the session.
/// </summary>
public static class SourceLockdown
{
    /// <summary>PostgreSQL: every transaction of the session starts read-only, set when the session starts.</summary>
    public static string Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return builder.ConnectionString;
    }

    /// <summary>The query's transaction: READ ONLY, which no statement inside it can turn back to read-write.</summary>
    public static DbTransaction PostgresReadOnlyTransaction(DbConnection connection)
    {
        DbTransaction transaction = connection.BeginTransaction();
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY";
        command.ExecuteNonQuery();
        return transaction;
    }

    /// <summary>
    /// SQLite: an authorizer that lets a statement read tables and call functions and nothing else. It refuses
    /// <c>VACUUM INTO</c> and <c>ATTACH</c> (which open other files even on a read-only connection), temporary tables,
    /// pragmas and transactions, before the statement runs.
    /// </summary>
    public static void Sqlite(SqliteConnection connection)
    {
        raw.sqlite3_set_authorizer(connection.Handle, ReadsOnly, null);
    }

    private static int ReadsOnly(object userData, int action, utf8z what, utf8z detail, utf8z database, utf8z view) =>
        action is raw.SQLITE_SELECT or raw.SQLITE_READ or raw.SQLITE_FUNCTION or raw.SQLITE_RECURSIVE ? raw.SQLITE_OK : raw.SQLITE_DENY;

    /// <summary>
    /// DuckDB: no file outside <paramref name="folder"/> (the source database's own folder) may be read or written,
    /// no extension installed or loaded, and the configuration is locked so no statement can undo it. DuckDB.NET shares
    /// one database instance between the connections open on a file, so a second source connection finds it locked
    /// already and only checks it.
    /// </summary>
    public static void DuckDb(DuckDBConnection connection, string? folder)
    {
        if (Setting(connection, "lock_configuration") != "true")
        {
            string allowed = folder is null ? "[]" : $"['{Path.TrimEndingDirectorySeparator(folder).Replace("'", "''", StringComparison.Ordinal)}/']";
            Execute(connection, $"SET allowed_directories = {allowed}; SET enable_external_access = false; SET lock_configuration = true;");
        }

        if (Setting(connection, "enable_external_access") != "false" || Setting(connection, "access_mode") != "read_only")
        {
            throw new SourceConfigurationException(
                "source.path: the DuckDB source file is already open for writing in this process, so it cannot be read read-only");
        }
    }

    /// <summary>
    /// DuckDB: the query must be one SELECT (also FROM …, VALUES, DESCRIBE, WITH … SELECT), as DuckDB's own parser
    /// classifies it. COPY, EXPORT, ATTACH, INSTALL, CALL and PRAGMA are refused before they run.
    /// </summary>
    public static void DuckDbSelectOnly(DuckDBConnection connection, string key, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT json_extract_string(j, '$.error_message'), coalesce(json_array_length(j, '$.statements'), 0)
            FROM (SELECT json_serialize_sql(CAST($sql AS VARCHAR)) AS j)
            """;
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = "sql";
        parameter.Value = sql;
        command.Parameters.Add(parameter);
        using DbDataReader reader = command.ExecuteReader();
        reader.Read();
        string? error = reader.IsDBNull(0) ? null : reader.GetString(0);
        long statements = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        if (error is not null || statements != 1)
        {
            throw new SourceConfigurationException(
                $"{key}: a DuckDB source query must be one SELECT statement, which cannot write (DuckDB: {error ?? $"{statements} statements"})");
        }
    }

    private static string Setting(DbConnection connection, string name)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT lower(current_setting('{name}')::VARCHAR)";
        return command.ExecuteScalar() as string ?? "";
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
