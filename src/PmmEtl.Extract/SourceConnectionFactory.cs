using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using PmmEtl.Extract.Relational;

namespace PmmEtl.Extract;

/// <summary>Opens a connection to a relational source through its ADO.NET provider, chosen by the pipeline's source kind.</summary>
public static class SourceConnectionFactory
{
    /// <summary>The relational kinds; <see cref="RecordSources.Kinds"/> lists every kind.</summary>
    public static IReadOnlyList<string> Kinds { get; } = SourceProvider.All.Select(p => p.Kind).ToArray();

    /// <summary>The provider's connection, not yet open (the provider selection, testable without a server).</summary>
    public static DbConnection Create(SourceDefinition source)
    {
        // Read-only where the provider can say so: the extract must never be able to change the national system it reads.
        return source.Kind switch
        {
            // Not pooled: the read-only authorizer set on open must not outlive the extract in a pooled connection.
            "sqlite" => new SqliteConnection(new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()),
            "duckdb" => new DuckDBConnection(ReadOnlyDuckDb(source.ConnectionString)),
            "postgres" => new NpgsqlConnection(SourceLockdown.Postgres(source.ConnectionString)),
            "sqlserver" => new SqlConnection(new SqlConnectionStringBuilder(source.ConnectionString) { ApplicationIntent = ApplicationIntent.ReadOnly }.ConnectionString),
            _ => throw new NotSupportedException($"source.kind '{source.Kind}' is not a relational source (relational kinds: {string.Join(", ", Kinds)})"),
        };
    }

    /// <summary>
    /// The open connection, locked down as far as its engine allows (<see cref="SourceLockdown"/>). Read through
    /// <see cref="SourceQuery"/>, which also runs the query in a read-only transaction where the engine has one.
    /// </summary>
    public static DbConnection Open(SourceDefinition source)
    {
        if (source.FilePath is { } file && !File.Exists(file))
        {
            // SQLite's and DuckDB's own messages ("unable to open database file") do not say which file.
            throw new FileNotFoundException($"source.path: the source file {file} does not exist", file);
        }

        DbConnection connection = Create(source);
        try
        {
            connection.Open();
            switch (connection)
            {
                case SqliteConnection sqlite:
                    SourceLockdown.Sqlite(sqlite);
                    break;
                case DuckDBConnection duck:
                    SourceLockdown.DuckDb(duck, Path.GetDirectoryName(source.FilePath ?? DuckDbFile(source.ConnectionString)));
                    break;
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string? DuckDbFile(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? file = (builder.TryGetValue("Data Source", out object? a) ? a : builder.TryGetValue("DataSource", out object? b) ? b : null) as string;
        return string.IsNullOrWhiteSpace(file) || file.StartsWith(":memory:", StringComparison.Ordinal) ? null : Path.GetFullPath(file);
    }

    private static string ReadOnlyDuckDb(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        builder["ACCESS_MODE"] = "READ_ONLY";
        return builder.ConnectionString;
    }
}
