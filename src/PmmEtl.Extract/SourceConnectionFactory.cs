using System.Data.Common;
using Microsoft.Data.Sqlite;
using PmmEtl.Core.Pipelines;

namespace PmmEtl.Extract;

/// <summary>Opens a connection to a relational source through its ADO.NET provider, chosen by the pipeline's source kind.</summary>
public static class SourceConnectionFactory
{
    public static IReadOnlyList<string> Kinds { get; } = ["sqlite"];

    public static DbConnection Open(SourceDefinition source)
    {
        if (source.FilePath is { } file && !File.Exists(file))
        {
            // SQLite's own message ("unable to open database file") does not say which file.
            throw new FileNotFoundException($"source.path: the source file {file} does not exist", file);
        }

        DbConnection connection = source.Kind switch
        {
            // Read-only: the extract must never be able to change the national system it reads.
            "sqlite" => new SqliteConnection(new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()),
            _ => throw new NotSupportedException($"source.kind '{source.Kind}' is not supported (supported: {string.Join(", ", Kinds)})"),
        };
        connection.Open();
        return connection;
    }
}
